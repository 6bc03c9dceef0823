// fairreview-cli inspect --data FILE: what a user needs to choose the column roles, as JSON.
#include "commands.h"

#include "data/column_summary.h"
#include "data/csv_reader.h"
#include "util/json_writer.h"

#include <iostream>

namespace fr::cli {

namespace {

void writeColumn(JsonWriter& json, const ColumnSummary& column)
{
    json.beginObject();
    json.field("name", column.name).field("type", columnTypeName(column.type));
    json.field("missing", column.missing);
    if (column.distinct >= 0)
        json.field("distinct", column.distinct);
    if (!column.valueCounts.empty()) {
        json.key("values").beginObject();
        for (const auto& [value, count] : column.valueCounts)
            json.field(value, count);
        json.endObject();
    }
    json.endObject();
}

} // namespace

int runInspect(const CliArgs& args)
{
    std::string path = args.required("data");
    for (const std::string& option : args.unread()) {
        std::cerr << "fairreview-cli inspect: unknown option " << option << "\n";
        return 2;
    }
    auto table = readCsvFile(path);
    auto summaries = table.ok() ? summarizeColumns(table.value()) : table.status();
    if (!summaries.ok()) {
        std::cerr << "fairreview-cli inspect: " << summaries.error() << "\n";
        return 1;
    }
    JsonWriter json;
    json.beginObject().field("file", path).field("rows", table.value().rowCount());
    json.key("columns").beginArray();
    for (const ColumnSummary& column : summaries.value())
        writeColumn(json, column);
    json.endArray().endObject();
    std::cout << json.str() << "\n";
    return 0;
}

} // namespace fr::cli
