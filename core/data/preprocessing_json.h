// The project's preprocessing as JSON, for another engine to apply before the exported model
// (docs/ARCHITECTURE.md, "The exported model"): the source columns in order, each with its
// matrix column(s), offset and scale or one-hot levels, the id, group and truth handling.
#pragma once

#include "data/column_mapping.h"
#include "data/row_encoder.h"
#include "util/json_writer.h"

namespace fr {

// Writes one JSON object (the value of the "preprocessing" key) into json.
void writePreprocessingJson(
    JsonWriter& json, const RowEncoder& encoder, const ColumnMapping& mapping);

} // namespace fr
