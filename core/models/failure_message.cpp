// The exception boundary's descriptions (failure_message.h).
#include "models/failure_message.h"

#include <c10/util/Exception.h>

#include <exception>
#include <new>

namespace fr::models {

namespace {

std::string firstLine(const std::string& text)
{
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? std::string("an error without a message") : line;
}

} // namespace

std::string describeCurrentException()
{
    const std::exception_ptr current = std::current_exception();
    if (!current)
        return "an error that was not described (no exception was being handled)";
    try {
        std::rethrow_exception(current); // caught again, by type
    } catch (const c10::OutOfMemoryError& e) {
        const std::string what = e.what_without_backtrace();
        if (what.find("CUDA") != std::string::npos)
            return "out of GPU memory — retry on the CPU?";
        return "out of memory — close other programs or use a smaller data set";
    } catch (const std::bad_alloc&) {
        return "out of memory — close other programs or use a smaller data set";
    } catch (const c10::Error& e) {
        return firstLine(e.what_without_backtrace());
    } catch (const std::exception& e) {
        return firstLine(e.what());
    } catch (...) {
        return "an unexpected error that carries no message";
    }
}

} // namespace fr::models
