#include "data/row_labels.h"

#include "data/cell_parser.h"
#include "data/data_error.h"

#include <algorithm>
#include <unordered_map>

namespace fr {

namespace {

std::string columnName(const CsvTable& table, const ColumnProfile& profile)
{
    return table.columnNames()[profile.column];
}

std::string joinValues(const std::vector<std::string>& values)
{
    std::string list;
    for (size_t i = 0; i < values.size() && i < kMaxGroups; ++i)
        list += (i ? ", " : "") + values[i];
    return list;
}

// The text a group or truth cell is compared as: numbers canonical, so that 1 and 1.0 agree.
Result<std::string> labelKey(
    const CsvTable& table, const ColumnProfile& profile, int64_t row, const char* what)
{
    std::string_view cell = table.cell(row, profile.column);
    auto fail = [&](const std::string& reason) {
        return Result<std::string>::failure(
            cellError(table.fileName(), table.lineOf(row), columnName(table, profile), reason));
    };
    double value = 0.0;
    CellKind kind = parseCell(cell, value);
    if (kind == CellKind::Missing)
        return fail(std::string("missing ") + what + " value (every row needs one)");
    if (profile.type == ColumnType::Text)
        return std::string(cell);
    if (kind == CellKind::NotFinite)
        return fail("'" + std::string(cell) + "' is not a usable " + what + " value");
    return canonicalNumber(value);
}

bool numericLess(const std::string& a, const std::string& b)
{
    return std::stod(a) < std::stod(b);
}

// Sorted names, and per row the index of its name.
Status collectGroups(const CsvTable& table, const ColumnProfile& profile, Dataset& dataset)
{
    std::unordered_map<std::string, int> firstSeen;
    std::vector<std::string> names;
    std::vector<int> rowKeys(table.rowCount());
    for (int64_t row = 0; row < table.rowCount(); ++row) {
        auto key = labelKey(table, profile, row, "group");
        if (!key.ok())
            return key.status();
        auto [it, fresh] = firstSeen.emplace(key.value(), static_cast<int>(names.size()));
        if (fresh)
            names.push_back(key.value());
        if (names.size() > kMaxGroups)
            return Status::failure(fileError(table.fileName(),
                "column '" + columnName(table, profile) + "' has more than "
                    + std::to_string(kMaxGroups)
                    + " distinct values, too many for a sensitive group"));
        rowKeys[row] = it->second;
    }
    std::vector<std::string> sorted = names;
    if (profile.type == ColumnType::Numeric)
        std::sort(sorted.begin(), sorted.end(), numericLess);
    else
        std::sort(sorted.begin(), sorted.end());
    std::vector<int> remap(names.size());
    for (size_t i = 0; i < names.size(); ++i)
        remap[i]
            = static_cast<int>(std::find(sorted.begin(), sorted.end(), names[i]) - sorted.begin());
    dataset.groups.resize(rowKeys.size());
    for (size_t row = 0; row < rowKeys.size(); ++row)
        dataset.groups[row] = remap[rowKeys[row]];
    dataset.groupNames = std::move(sorted);
    return Status::success();
}

int smallestGroup(const Dataset& dataset)
{
    std::vector<int64_t> sizes(dataset.groupNames.size());
    for (int group : dataset.groups)
        ++sizes[group];
    return static_cast<int>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
}

// The mapping's value in the column's own terms (a number for a numeric column).
Result<std::string> mappedKey(
    const CsvTable& table, const ColumnProfile& profile, const std::string& value, const char* what)
{
    if (profile.type == ColumnType::Text)
        return value;
    double number = 0.0;
    if (parseCell(value, number) != CellKind::Number)
        return Result<std::string>::failure(fileError(table.fileName(),
            std::string(what) + " value '" + value + "' is not a number, but column '"
                + columnName(table, profile) + "' holds numbers"));
    return canonicalNumber(number);
}

} // namespace

Status fillIds(const CsvTable& table, int idColumn, Dataset& dataset)
{
    int64_t rows = table.rowCount();
    dataset.ids.clear();
    dataset.ids.reserve(rows);
    if (idColumn < 0) {
        for (int64_t row = 0; row < rows; ++row)
            dataset.ids.push_back(std::to_string(row + 1));
        return Status::success();
    }
    const std::string& column = table.columnNames()[idColumn];
    std::unordered_map<std::string_view, int64_t> rowOfId;
    rowOfId.reserve(rows);
    for (int64_t row = 0; row < rows; ++row) {
        std::string_view id = table.cell(row, idColumn);
        if (isMissingToken(id))
            return Status::failure(
                cellError(table.fileName(), table.lineOf(row), column, "missing id"));
        auto [it, fresh] = rowOfId.emplace(id, row);
        if (!fresh)
            return Status::failure(cellError(table.fileName(), table.lineOf(row), column,
                "duplicate id '" + std::string(id) + "' (also on line "
                    + std::to_string(table.lineOf(it->second)) + ")"));
        dataset.ids.emplace_back(id);
    }
    return Status::success();
}

Status fillGroups(const CsvTable& table, const ColumnProfile& profile, const ColumnMapping& mapping,
    Dataset& dataset)
{
    Status collected = collectGroups(table, profile, dataset);
    if (!collected.ok())
        return collected;
    const auto& names = dataset.groupNames;
    if (names.size() < 2)
        return Status::failure(fileError(table.fileName(),
            "column '" + columnName(table, profile) + "' has only one value ('" + names[0]
                + "'); a sensitive group needs at least two"));
    if (mapping.protectedValue.empty()) {
        dataset.protectedGroup = smallestGroup(dataset);
        return Status::success();
    }
    auto key = mappedKey(table, profile, mapping.protectedValue, "protected");
    if (!key.ok())
        return key.status();
    auto found = std::find(names.begin(), names.end(), key.value());
    if (found == names.end())
        return Status::failure(fileError(table.fileName(),
            "protected value '" + mapping.protectedValue + "' does not occur in column '"
                + columnName(table, profile) + "' (values: " + joinValues(names) + ")"));
    dataset.protectedGroup = static_cast<int>(found - names.begin());
    return Status::success();
}

Status fillTruth(const CsvTable& table, const ColumnProfile& profile, const ColumnMapping& mapping,
    Dataset& dataset)
{
    std::string anomalyValue = mapping.anomalyValue.empty() ? "1" : mapping.anomalyValue;
    auto anomalyKey = mappedKey(table, profile, anomalyValue, "anomaly");
    if (!anomalyKey.ok())
        return anomalyKey.status();
    // A 0/1 column (anomaly value 0 or 1) may hold nothing else; elsewhere other values are normal.
    bool binary = profile.type == ColumnType::Numeric
        && (anomalyKey.value() == "1" || anomalyKey.value() == "0");
    dataset.truth.assign(table.rowCount(), 0);
    std::vector<std::string> seen;
    bool anomalySeen = false;
    for (int64_t row = 0; row < table.rowCount(); ++row) {
        auto key = labelKey(table, profile, row, "ground-truth");
        if (!key.ok())
            return key.status();
        if (binary && key.value() != "0" && key.value() != "1")
            return Status::failure(
                cellError(table.fileName(), table.lineOf(row), columnName(table, profile),
                    "ground-truth value '" + std::string(table.cell(row, profile.column))
                        + "' is neither 0 nor 1"));
        bool anomaly = key.value() == anomalyKey.value();
        dataset.truth[row] = anomaly ? 1 : 0;
        anomalySeen |= anomaly;
        if (!anomalySeen && seen.size() <= kMaxGroups
            && std::find(seen.begin(), seen.end(), key.value()) == seen.end())
            seen.push_back(key.value());
    }
    if (!anomalySeen) {
        std::sort(seen.begin(), seen.end());
        return Status::failure(fileError(table.fileName(),
            "anomaly value '" + anomalyValue + "' does not occur in column '"
                + columnName(table, profile) + "' (values: " + joinValues(seen)
                + "); name the value that marks an anomaly"));
    }
    return Status::success();
}

} // namespace fr
