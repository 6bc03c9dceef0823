// Builds the Dataset from a parsed table: resolve the column roles, profile every column in one
// pass, then ids, groups, truth and the feature matrix (ALGORITHMS.md §1). Errors name file, line,
// column and reason. loadCsvDataset is this after readCsvFile; the fuzzer calls it directly.
#pragma once

#include "data/column_mapping.h"
#include "data/csv_table.h"
#include "data/dataset.h"
#include "util/progress.h"
#include "util/result.h"

namespace fr {

Result<Dataset> buildCsvDataset(
    const CsvTable& table, const ColumnMapping& mapping, const ProgressCallback& progress = {});

} // namespace fr
