// What a CSV column holds, as inferred from its values: numbers, or text (categories).
#pragma once

namespace fr {

enum class ColumnType { Numeric, Text };

inline const char* columnTypeName(ColumnType type)
{
    return type == ColumnType::Numeric ? "numeric" : "text";
}

} // namespace fr
