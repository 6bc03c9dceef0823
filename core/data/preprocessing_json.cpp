// writePreprocessingJson (preprocessing_json.h).
#include "data/preprocessing_json.h"

namespace fr {

namespace {

void writeOptionalName(JsonWriter& json, const std::string& key, const std::string& name)
{
    json.key(key);
    name.empty() ? json.null() : json.value(name);
}

void writeColumn(JsonWriter& json, const SourceColumnPlan& plan)
{
    json.beginObject().field("name", plan.name);
    json.field("type", plan.categorical ? "categorical" : "numeric");
    json.key("missing_column");
    plan.missingColumn >= 0 ? json.value(plan.missingColumn) : json.null();
    if (!plan.categorical) {
        json.field("column", plan.column).field("offset", plan.offset);
        json.field("scale", plan.scale).field("imputed", plan.imputed);
        return void(json.endObject());
    }
    json.key("levels").beginArray();
    for (const auto& [value, column] : plan.levels)
        json.beginObject().field("value", value).field("column", column).endObject();
    json.endArray().endObject();
}

void writeGroup(JsonWriter& json, const ColumnMapping& mapping)
{
    json.key("group").beginObject();
    writeOptionalName(json, "column", mapping.groupColumn);
    writeOptionalName(json, "protected_value", mapping.protectedValue);
    json.field("as_feature", mapping.groupAsFeature);
    json.field("note",
        mapping.groupAsFeature
            ? "the group column is also a feature (listed in columns)"
            : "the group column is not an input: the model is blind to it (ALGORITHMS.md §1); it "
              "only splits the figures by group");
    json.endObject();
}

} // namespace

void writePreprocessingJson(
    JsonWriter& json, const RowEncoder& encoder, const ColumnMapping& mapping)
{
    json.beginObject();
    json.field("scaling", mapping.minMaxScaling ? "min-max" : "z-score");
    json.field("formula", "matrix[column] = (value - offset) / scale, as float32");
    json.field("width", encoder.width());
    json.key("missing_tokens").beginArray();
    for (const char* token : {"", "NA", "N/A", "NaN", "nan", "NULL", "null"})
        json.value(token); // cell_parser.cpp, plus any spelling of NaN
    json.endArray();
    json.field("missing_numeric",
        "imputed (the scaled mean) and a 1 in missing_column where there is one");
    json.field("missing_categorical", "a 1 in missing_column where there is one, else all 0");
    json.field("unseen_level", "every column of the source column 0");
    writeOptionalName(json, "id_column", mapping.idColumn);
    writeOptionalName(json, "truth_column", mapping.truthColumn);
    writeGroup(json, mapping);
    json.key("columns").beginArray();
    for (const SourceColumnPlan& plan : encoder.plan())
        writeColumn(json, plan);
    json.endArray().endObject();
}

} // namespace fr
