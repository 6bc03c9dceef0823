// Per-row labels that are not features: the row ids, the sensitive group and the ground truth.
#pragma once

#include "data/column_mapping.h"
#include "data/column_profile.h"
#include "data/csv_table.h"
#include "data/dataset.h"
#include "util/result.h"

namespace fr {

constexpr int kMaxGroups = 50; // more distinct values than this is not a sensitive attribute

// idColumn -1: rows are numbered 1..n. Missing and duplicate ids are errors.
Status fillIds(const CsvTable& table, int idColumn, Dataset& dataset);

// Groups sorted by value (numerically for a numeric column); protectedGroup from the mapping.
Status fillGroups(const CsvTable& table, const ColumnProfile& profile, const ColumnMapping& mapping,
    Dataset& dataset);

// 1 where the truth column holds the mapping's anomaly value (default "1"); a 0/1 column must
// hold nothing else; a missing value, or an anomaly value that never occurs, is an error.
Status fillTruth(const CsvTable& table, const ColumnProfile& profile, const ColumnMapping& mapping,
    Dataset& dataset);

} // namespace fr
