#include "data/csv_table.h"

#include <utility>

namespace fr {

CsvTable::CsvTable(std::string fileName, std::string text, std::vector<std::string> columnNames,
    std::vector<Span> cells, std::vector<uint32_t> rowLines)
    : mFileName(std::move(fileName))
    , mText(std::move(text))
    , mColumnNames(std::move(columnNames))
    , mCells(std::move(cells))
    , mRowLines(std::move(rowLines))
{ }

int CsvTable::columnIndex(std::string_view name) const
{
    for (size_t i = 0; i < mColumnNames.size(); ++i) {
        if (mColumnNames[i] == name)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace fr
