// What a user needs to choose column roles: per column its inferred type, missing count and, for
// text columns with few values (and 0/1 columns), the count of each value. Used by `inspect`.
#pragma once

#include "data/column_type.h"
#include "data/csv_table.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fr {

constexpr int kMaxListedValues = 50;

struct ColumnSummary {
    std::string name;
    ColumnType type = ColumnType::Numeric;
    int64_t missing = 0;
    // Distinct non-missing values of a text column; of a numeric column only when it has at most
    // kMaxSmallNumericValues of them (else -1: "many").
    int64_t distinct = -1;
    // Sorted by value; filled for text columns with at most maxListed distinct values and for
    // numeric columns with at most two (0/1 group or truth columns).
    std::vector<std::pair<std::string, int64_t>> valueCounts;
};

// Fails like the loader would on an infinite or overflowing number in a numeric column.
Result<std::vector<ColumnSummary>> summarizeColumns(
    const CsvTable& table, int maxListed = kMaxListedValues, const ProgressCallback& progress = {});

} // namespace fr
