// One pass over a table's columns that infers each column's type and gathers what preprocessing,
// `inspect` and the open-data wizard need: missing counts, numeric statistics, text categories.
#pragma once

#include "data/column_type.h"
#include "data/csv_table.h"
#include "util/progress.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fr {

struct ColumnProfile {
    int column = -1;
    ColumnType type = ColumnType::Numeric;
    bool forcedText = false; // the caller wants categories even for numbers
    int64_t missing = 0;
    int64_t firstMissingRow = -1;
    int64_t firstTextRow = -1; // first cell that is not a number (-1: none)
    int64_t firstNotFiniteRow = -1; // first inf / 1e400 (-1: none)

    // Numeric statistics of the finite values; long double so that 1e308 values cannot overflow.
    int64_t numbers = 0;
    long double mean = 0.0L;
    long double sumSquares = 0.0L; // of deviations from the mean (Welford)
    double min = 0.0;
    double max = 0.0;
    // Distinct numeric values while there are at most kMaxSmallNumericValues (0/1 columns).
    std::vector<std::pair<double, int64_t>> smallValueCounts;
    bool manyNumericValues = false;

    // Text categories (the cells as written), filled once the column is known to hold text.
    std::unordered_map<std::string_view, int64_t> textCounts;

    double stdDev() const;
};

constexpr size_t kMaxSmallNumericValues = 2;

// Profiles the given columns in one row-major pass. forceText[i] makes column i categorical.
std::vector<ColumnProfile> profileColumns(const CsvTable& table, const std::vector<int>& columns,
    const std::vector<bool>& forceText, const ProgressCallback& progress = {});

// Sorted categories: by value for text, numerically for numbers.
std::vector<std::pair<std::string, int64_t>> sortedValueCounts(const ColumnProfile& profile);

} // namespace fr
