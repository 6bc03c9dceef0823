// Core's exception boundary: what went wrong inside torch or the standard library, as a sentence a
// user can act on, and callGuarded(), which turns an exception out of a piece of work into the
// failure that core's public calls return. Plain C++: the .cpp alone knows torch's exception types.
#pragma once

#include "util/result.h"

#include <string>

namespace fr::models {

// Describes the exception being handled; call only inside a catch block. Out of memory on the GPU
// or on the host gets a short sentence with what to try; torch's errors lose their C++ backtrace
// and keep the first line of their message.
std::string describeCurrentException();

// Runs work (which returns a Status or a Result) and turns any exception it throws into the
// failure "<doing> stopped: <describeCurrentException()>", so that none leaves core's API.
template <typename Work> auto callGuarded(const std::string& doing, Work&& work) -> decltype(work())
{
    try {
        return work();
    } catch (...) { // not silent: the description is the failure's message
        return Status::failure(doing + " stopped: " + describeCurrentException());
    }
}

} // namespace fr::models
