// The exception boundary's descriptions (failure_message.h).
#include "models/failure_message.h"

#include <c10/util/Exception.h>

#include <exception>
#include <new>

namespace fr::models {

namespace {

const char* const kGpuOutOfMemory = "out of GPU memory — retry on the CPU?";
const char* const kHostOutOfMemory
    = "out of memory — close other programs or use a smaller data set";

std::string firstLine(const std::string& text)
{
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? std::string("an error without a message") : line;
}

bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
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
        return contains(e.what_without_backtrace(), "CUDA") ? kGpuOutOfMemory : kHostOutOfMemory;
    } catch (const std::bad_alloc&) {
        return kHostOutOfMemory;
    } catch (const c10::Error& e) {
        // LibTorch 1.13's CPU allocator fails with a plain c10::Error (an enforce in
        // alloc_cpu.cpp), told only by its message.
        const std::string what = e.what_without_backtrace();
        if (contains(what, "DefaultCPUAllocator"))
            return kHostOutOfMemory;
        if (contains(what, "CUDA out of memory"))
            return kGpuOutOfMemory;
        return firstLine(what);
    } catch (const std::exception& e) {
        return firstLine(e.what());
    } catch (...) {
        return "an unexpected error that carries no message";
    }
}

} // namespace fr::models
