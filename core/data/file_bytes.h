// Reads a whole file into memory with one buffer and one pass (the only copy of its bytes).
#pragma once

#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string>

namespace fr {

// Errors name the path as given ("cannot open 'x.csv': No such file or directory"). Files larger
// than maxBytes are refused before anything is read.
Result<std::string> readFileBytes(
    const std::string& path, uint64_t maxBytes, const ProgressCallback& progress = {});

} // namespace fr
