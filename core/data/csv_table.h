// A parsed CSV file: the file's text held once, and per cell a span into it (no per-cell strings).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fr {

class CsvTable {
public:
    // Where a cell's text lies in the buffer (quotes removed and "" unescaped in place).
    struct Span {
        uint32_t offset = 0;
        uint32_t length = 0;
    };

    CsvTable() = default;
    CsvTable(std::string fileName, std::string text, std::vector<std::string> columnNames,
        std::vector<Span> cells, std::vector<uint32_t> rowLines);

    const std::string& fileName() const { return mFileName; }
    const std::vector<std::string>& columnNames() const { return mColumnNames; }
    int columnCount() const { return static_cast<int>(mColumnNames.size()); }
    int64_t rowCount() const { return static_cast<int64_t>(mRowLines.size()); }

    std::string_view cell(int64_t row, int column) const
    {
        const Span& span = mCells[static_cast<size_t>(row) * mColumnNames.size() + column];
        return std::string_view(mText.data() + span.offset, span.length);
    }
    // The file line (1-based, the header is line 1) where the row's record starts.
    int64_t lineOf(int64_t row) const { return mRowLines[static_cast<size_t>(row)]; }
    // -1 when there is no such column.
    int columnIndex(std::string_view name) const;

private:
    std::string mFileName;
    std::string mText;
    std::vector<std::string> mColumnNames;
    std::vector<Span> mCells; // row-major, rows x columns
    std::vector<uint32_t> mRowLines;
};

} // namespace fr
