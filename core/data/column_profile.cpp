#include "data/column_profile.h"

#include "data/cell_parser.h"

#include <algorithm>
#include <cmath>

namespace fr {

namespace {

constexpr int64_t kProgressStepRows = 100000;

void addNumber(ColumnProfile& p, double value)
{
    if (p.numbers == 0) {
        p.min = p.max = value;
    } else {
        p.min = std::min(p.min, value);
        p.max = std::max(p.max, value);
    }
    ++p.numbers;
    long double delta = value - p.mean;
    p.mean += delta / p.numbers;
    p.sumSquares += delta * (value - p.mean);
    if (p.manyNumericValues)
        return;
    for (auto& entry : p.smallValueCounts) {
        if (entry.first == value) {
            ++entry.second;
            return;
        }
    }
    if (p.smallValueCounts.size() < kMaxSmallNumericValues)
        p.smallValueCounts.push_back({value, 1});
    else
        p.manyNumericValues = true;
}

// The column turned out to hold text: count the cells seen so far as categories.
void switchToText(ColumnProfile& p, const CsvTable& table, int64_t upToRow)
{
    p.type = ColumnType::Text;
    for (int64_t row = 0; row < upToRow; ++row) {
        std::string_view cell = table.cell(row, p.column);
        if (!isMissingCell(cell))
            ++p.textCounts[cell];
    }
}

void addCell(ColumnProfile& p, const CsvTable& table, int64_t row)
{
    std::string_view cell = table.cell(row, p.column);
    double value = 0.0;
    CellKind kind = parseCell(cell, value);
    if (kind == CellKind::Missing) {
        if (p.missing++ == 0)
            p.firstMissingRow = row;
        return;
    }
    if (kind == CellKind::Text && p.firstTextRow < 0) {
        p.firstTextRow = row;
        if (p.type == ColumnType::Numeric)
            switchToText(p, table, row);
    }
    if (p.type == ColumnType::Text) {
        ++p.textCounts[cell];
    } else if (kind == CellKind::NotFinite) {
        if (p.firstNotFiniteRow < 0)
            p.firstNotFiniteRow = row;
    } else {
        addNumber(p, value);
    }
}

} // namespace

double ColumnProfile::stdDev() const
{
    if (numbers == 0)
        return 0.0;
    return static_cast<double>(std::sqrt(sumSquares / numbers));
}

std::vector<ColumnProfile> profileColumns(const CsvTable& table, const std::vector<int>& columns,
    const std::vector<bool>& forceText, const ProgressCallback& progress)
{
    std::vector<ColumnProfile> profiles(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
        profiles[i].column = columns[i];
        profiles[i].forcedText = i < forceText.size() && forceText[i];
        if (profiles[i].forcedText)
            profiles[i].type = ColumnType::Text;
    }
    int64_t rows = table.rowCount();
    for (int64_t row = 0; row < rows; ++row) {
        for (ColumnProfile& profile : profiles)
            addCell(profile, table, row);
        if (progress && (row + 1) % kProgressStepRows == 0)
            progress({"analysing columns", row + 1, rows});
    }
    if (progress)
        progress({"analysing columns", rows, rows});
    return profiles;
}

std::vector<std::pair<std::string, int64_t>> sortedValueCounts(const ColumnProfile& profile)
{
    std::vector<std::pair<std::string, int64_t>> counts;
    if (profile.type == ColumnType::Text) {
        for (const auto& [value, count] : profile.textCounts)
            counts.emplace_back(std::string(value), count);
        std::sort(counts.begin(), counts.end());
        return counts;
    }
    auto numeric = profile.smallValueCounts;
    std::sort(numeric.begin(), numeric.end());
    for (const auto& [value, count] : numeric)
        counts.emplace_back(canonicalNumber(value), count);
    return counts;
}

} // namespace fr
