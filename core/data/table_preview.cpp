#include "data/table_preview.h"

#include "data/column_summary.h"
#include "data/csv_reader.h"
#include "data/data_error.h"

#include <algorithm>
#include <new>

namespace fr {

namespace {

TablePreview buildPreview(
    const CsvTable& table, const std::vector<ColumnSummary>& summaries, int maxRows)
{
    TablePreview preview;
    preview.columnNames = table.columnNames();
    preview.rowCount = table.rowCount();
    for (const ColumnSummary& summary : summaries) {
        preview.columnTypes.push_back(summary.type);
        preview.missingCounts.push_back(summary.missing);
        std::vector<std::string> values;
        for (const auto& entry : summary.valueCounts)
            values.push_back(entry.first);
        preview.distinctValues.push_back(std::move(values));
    }
    int64_t shown = std::min<int64_t>(std::max(maxRows, 0), table.rowCount());
    for (int64_t row = 0; row < shown; ++row) {
        std::vector<std::string> cells;
        for (int column = 0; column < table.columnCount(); ++column)
            cells.emplace_back(table.cell(row, column));
        preview.rows.push_back(std::move(cells));
    }
    return preview;
}

} // namespace

Result<TablePreview> previewCsv(
    const std::string& path, int maxRows, const ProgressCallback& progress)
{
    try {
        auto table = readCsvFile(path, progress);
        if (!table.ok())
            return table.status();
        auto summaries = summarizeColumns(table.value(), kMaxListedValues, progress);
        if (!summaries.ok())
            return summaries.status();
        return buildPreview(table.value(), summaries.value(), maxRows);
    } catch (const std::bad_alloc&) {
        return Result<TablePreview>::failure(fileError(baseName(path), "not enough memory"));
    }
}

} // namespace fr
