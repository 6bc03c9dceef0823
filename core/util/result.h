// Result<T> and Status: how core's public API reports failure. A caller must look at ok()
// before using the value; error() is a sentence a user can act on ("arrests.csv line 812: ...").
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace fr {

class Status {
public:
    static Status success() { return Status(); }
    static Status failure(std::string message) { return Status(std::move(message)); }

    bool ok() const { return !mError.has_value(); }
    const std::string& error() const
    {
        static const std::string none;
        return mError ? *mError : none;
    }

private:
    Status() = default;
    explicit Status(std::string message)
        : mError(std::move(message))
    { }
    std::optional<std::string> mError;
};

template <typename T> class Result {
public:
    Result(T value)
        : mValue(std::move(value))
    { }
    Result(Status failure)
        : mError(failure.error())
    {
        if (failure.ok())
            throw std::logic_error("Result built from a successful Status without a value");
    }
    static Result failure(std::string message)
    {
        return Result(Status::failure(std::move(message)));
    }

    bool ok() const { return mValue.has_value(); }
    const std::string& error() const { return mError; }
    const T& value() const { return checked(); }
    T& value() { return checked(); }
    T take() { return std::move(checked()); }
    Status status() const { return ok() ? Status::success() : Status::failure(mError); }

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
};

} // namespace fr
