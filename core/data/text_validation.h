// Refuses bytes that are not UTF-8 text (binary files, NUL bytes, Latin-1 exports) before the CSV
// parser sees them, so that no garbage reaches a cell, a category name or a JSON report.
#pragma once

#include "util/result.h"

#include <string>
#include <string_view>

namespace fr {

Status checkUtf8Text(std::string_view bytes, const std::string& fileName);

} // namespace fr
