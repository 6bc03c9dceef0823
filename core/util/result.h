// Result<T> and Status: how core's public API reports failure. Both are [[nodiscard]]: a caller
// must look at ok() before using the value (or say with a (void) cast why it need not); error() is
// a sentence a user can act on ("arrests.csv line 812: ..."), and code() says what kind of failure
// it is, so that callers branch on the code and never compare messages.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace fr {

enum class ErrorCode {
    None, // success
    Failed, // anything not named below: error() says what
    Cancelled, // a CancelToken stopped the work between two steps; see the call for what is kept
    Diverged, // training's loss became non-finite (ALGORITHMS.md §2.1: retried at a lower rate)
};

class [[nodiscard]] Status {
public:
    static Status success() { return Status(); }
    // code must name a failure; ErrorCode::None is taken as Failed.
    static Status failure(std::string message, ErrorCode code = ErrorCode::Failed)
    {
        return Status(std::move(message), code == ErrorCode::None ? ErrorCode::Failed : code);
    }
    static Status cancelled() { return failure("cancelled", ErrorCode::Cancelled); }

    bool ok() const { return mCode == ErrorCode::None; }
    ErrorCode code() const { return mCode; }
    bool isCancelled() const { return mCode == ErrorCode::Cancelled; }
    const std::string& error() const { return mError; }
    // The same failure, its message prefixed with what was being done ("pre-training failed: ");
    // a success stays a success.
    Status withContext(const std::string& context) const
    {
        return ok() ? *this : failure(context + mError, mCode);
    }

private:
    Status() = default;
    Status(std::string message, ErrorCode code)
        : mError(std::move(message))
        , mCode(code)
    { }
    std::string mError;
    ErrorCode mCode = ErrorCode::None;
};

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : mValue(std::move(value))
    { }
    Result(Status failure)
        : mError(failure.error())
        , mCode(failure.code())
    {
        if (failure.ok())
            throw std::logic_error("Result built from a successful Status without a value");
    }
    static Result failure(std::string message, ErrorCode code = ErrorCode::Failed)
    {
        return Result(Status::failure(std::move(message), code));
    }

    bool ok() const { return mValue.has_value(); }
    ErrorCode code() const { return mCode; }
    bool isCancelled() const { return mCode == ErrorCode::Cancelled; }
    const std::string& error() const { return mError; }
    const T& value() const { return checked(); }
    T& value() { return checked(); }
    T take() { return std::move(checked()); }
    Status status() const { return ok() ? Status::success() : Status::failure(mError, mCode); }

private:
    T& checked()
    {
        if (!mValue)
            throw std::logic_error("Result::value() on a failure: " + mError);
        return *mValue;
    }
    const T& checked() const { return const_cast<Result*>(this)->checked(); }

    std::optional<T> mValue;
    std::string mError;
    ErrorCode mCode = ErrorCode::None;
};

} // namespace fr
