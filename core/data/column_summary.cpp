#include "data/column_summary.h"

#include "data/column_profile.h"
#include "data/data_error.h"

#include <numeric>

namespace fr {

namespace {

ColumnSummary summarize(const CsvTable& table, const ColumnProfile& profile, int maxListed)
{
    ColumnSummary summary;
    summary.name = table.columnNames()[profile.column];
    summary.type = profile.type;
    summary.missing = profile.missing;
    if (profile.type == ColumnType::Text) {
        summary.distinct = static_cast<int64_t>(profile.textCounts.size());
        if (summary.distinct <= maxListed)
            summary.valueCounts = sortedValueCounts(profile);
    } else if (!profile.manyNumericValues) {
        summary.distinct = static_cast<int64_t>(profile.smallValueCounts.size());
        summary.valueCounts = sortedValueCounts(profile);
    }
    return summary;
}

} // namespace

Result<std::vector<ColumnSummary>> summarizeColumns(
    const CsvTable& table, int maxListed, const ProgressCallback& progress)
{
    std::vector<int> columns(table.columnCount());
    std::iota(columns.begin(), columns.end(), 0);
    auto profiles = profileColumns(table, columns, {}, progress);
    std::vector<ColumnSummary> summaries;
    for (const ColumnProfile& profile : profiles) {
        if (profile.type == ColumnType::Numeric && profile.firstNotFiniteRow >= 0) {
            int64_t row = profile.firstNotFiniteRow;
            return Result<std::vector<ColumnSummary>>::failure(cellError(table.fileName(),
                table.lineOf(row), table.columnNames()[profile.column],
                "'" + std::string(table.cell(row, profile.column)) + "' is not a finite number"));
        }
        summaries.push_back(summarize(table, profile, maxListed));
    }
    return summaries;
}

} // namespace fr
