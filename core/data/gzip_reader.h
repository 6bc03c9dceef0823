// gzip decompression (zlib) for the IDX files Debian ships compressed, with errors for truncated
// or corrupt streams instead of a silently short result.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace fr {

bool looksGzipped(std::string_view bytes);

// Concatenated members are joined; output beyond maxOutputBytes is an error (a gzip bomb).
Result<std::string> gunzip(
    std::string_view compressed, const std::string& fileName, uint64_t maxOutputBytes);

} // namespace fr
