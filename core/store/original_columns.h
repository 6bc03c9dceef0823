// The original fields of labelled rows, read back from the project's data file (with the data
// layer's CSV reader) for an export with the row's own columns; record i is Dataset row i. When
// the mapping names an id column, every fetched row's id is checked against the project's.
#pragma once

#include "store/label_export.h"
#include "util/result.h"

#include <cstdint>
#include <map>
#include <string>

namespace fr {

// rowIds: the wanted rows and the id the project stored for each.
Result<OriginalColumns> readOriginalColumns(const std::string& csvPath,
    const std::map<int64_t, std::string>& rowIds, const std::string& idColumn);

} // namespace fr
