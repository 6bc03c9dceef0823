// Message helpers so that every data error names file, line and column the same way:
// "arrests.csv line 812, column 'age': 9 fields, expected 8".
#pragma once

#include <cstdint>
#include <string>

namespace fr {

inline std::string fileError(const std::string& file, const std::string& reason)
{
    return file + ": " + reason;
}

inline std::string lineError(const std::string& file, int64_t line, const std::string& reason)
{
    return file + " line " + std::to_string(line) + ": " + reason;
}

inline std::string cellError(
    const std::string& file, int64_t line, const std::string& column, const std::string& reason)
{
    return file + " line " + std::to_string(line) + ", column '" + column + "': " + reason;
}

// The last path component: errors name "arrests.csv", not the whole path, once the file is open.
inline std::string baseName(const std::string& path)
{
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace fr
