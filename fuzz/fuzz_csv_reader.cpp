// libFuzzer target: any bytes through the CSV reader, the column summary and the preprocessing
// (with mappings taken from the table itself). A crash, a sanitizer report, or a NaN/Inf in the
// matrix is a finding.
#include "data/column_summary.h"
#include "data/csv_dataset_builder.h"
#include "data/csv_reader.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void checkDataset(const fr::Dataset& dataset)
{
    const fr::FeatureMatrix& m = dataset.matrix;
    if (static_cast<int64_t>(m.values.size()) != m.rows * m.cols
        || static_cast<int64_t>(dataset.features.size()) != m.cols
        || static_cast<int64_t>(dataset.ids.size()) != m.rows)
        std::abort();
    for (float value : m.values) {
        if (!std::isfinite(value))
            std::abort();
    }
    for (int group : dataset.groups) {
        if (group < 0 || group >= static_cast<int>(dataset.groupNames.size()))
            std::abort();
    }
}

// Roles drawn from the table: id, group and truth on the first columns, values from row 1.
fr::ColumnMapping mappingFor(const fr::CsvTable& table, uint8_t selector)
{
    fr::ColumnMapping mapping;
    const auto& names = table.columnNames();
    if ((selector & 1) && !names.empty())
        mapping.idColumn = names[0];
    if ((selector & 2) && names.size() > 1) {
        mapping.groupColumn = names[1];
        if (selector & 16)
            mapping.protectedValue = std::string(table.cell(0, 1));
    }
    if ((selector & 4) && names.size() > 2) {
        mapping.truthColumn = names[2];
        mapping.anomalyValue = std::string(table.cell(0, 2));
    }
    if ((selector & 32) && names.size() > 3)
        mapping.roles[names[3]]
            = (selector & 64) ? fr::ColumnRole::Feature : fr::ColumnRole::Categorical;
    mapping.minMaxScaling = selector & 8;
    mapping.groupAsFeature = selector & 128;
    return mapping;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    uint8_t selector = size > 0 ? data[size - 1] : 0;
    auto table = fr::parseCsv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    if (!table.ok())
        return 0;
    (void)fr::summarizeColumns(table.value());
    for (uint8_t variant : {uint8_t(0), selector}) {
        auto dataset = fr::buildCsvDataset(table.value(), mappingFor(table.value(), variant));
        if (dataset.ok())
            checkDataset(dataset.value());
    }
    return 0;
}
