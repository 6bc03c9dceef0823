// What the open-data wizard shows before anything is loaded: the columns with their inferred
// types and missing counts, the first rows as text, and the values of the columns a user may pick
// as the sensitive group or the ground truth.
#pragma once

#include "data/column_type.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

struct TablePreview {
    std::vector<std::string> columnNames;
    std::vector<ColumnType> columnTypes; // one per column
    std::vector<int64_t> missingCounts; // one per column
    std::vector<std::vector<std::string>> rows; // the first rows, cells as written
    // Per column: the distinct values of a text column with at most 50 of them, or of a numeric
    // column with at most two (0/1 columns); empty otherwise. Sorted.
    std::vector<std::vector<std::string>> distinctValues;
    int64_t rowCount = 0; // of the whole file
};

// Reads the whole file (types and values need every row) but keeps only maxRows rows as text.
Result<TablePreview> previewCsv(
    const std::string& path, int maxRows, const ProgressCallback& progress = {});

} // namespace fr
