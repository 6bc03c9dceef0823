// Resolves a ColumnMapping against a table's header: which column is the id, the sensitive group,
// the ground truth, and which columns become features (declared numeric, categorical, inferred).
#pragma once

#include "data/column_mapping.h"
#include "data/csv_table.h"
#include "util/result.h"

#include <vector>

namespace fr {

enum class FeatureKind { Inferred, DeclaredNumeric, Categorical };

struct FeatureColumn {
    int column = -1;
    FeatureKind kind = FeatureKind::Inferred;
};

struct ResolvedColumns {
    int idColumn = -1; // -1: none
    int groupColumn = -1;
    int truthColumn = -1;
    std::vector<FeatureColumn> features; // in table order
};

Result<ResolvedColumns> resolveColumns(const CsvTable& table, const ColumnMapping& mapping);

// "id, released, colour, ..." for error messages that must say what does exist.
std::string listColumns(const CsvTable& table);

} // namespace fr
