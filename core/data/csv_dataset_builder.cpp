#include "data/csv_dataset_builder.h"

#include "data/column_profile.h"
#include "data/column_roles.h"
#include "data/feature_encoder.h"
#include "data/row_labels.h"

namespace fr {

Result<Dataset> buildCsvDataset(
    const CsvTable& table, const ColumnMapping& mapping, const ProgressCallback& progress)
{
    auto resolved = resolveColumns(table, mapping);
    if (!resolved.ok())
        return resolved.status();
    const ResolvedColumns& columns = resolved.value();
    Dataset dataset;
    Status ids = fillIds(table, columns.idColumn, dataset);
    if (!ids.ok())
        return ids;

    // Features first, then the group and truth columns, all profiled in the same pass.
    std::vector<int> profiled;
    std::vector<bool> forceText;
    for (const FeatureColumn& feature : columns.features) {
        profiled.push_back(feature.column);
        forceText.push_back(feature.kind == FeatureKind::Categorical);
    }
    size_t featureCount = profiled.size();
    for (int column : {columns.groupColumn, columns.truthColumn}) {
        if (column >= 0)
            profiled.push_back(column);
    }
    std::vector<ColumnProfile> profiles = profileColumns(table, profiled, forceText, progress);

    size_t next = featureCount;
    if (columns.groupColumn >= 0) {
        Status groups = fillGroups(table, profiles[next++], mapping, dataset);
        if (!groups.ok())
            return groups;
    }
    if (columns.truthColumn >= 0) {
        Status truth = fillTruth(table, profiles[next++], mapping, dataset);
        if (!truth.ok())
            return truth;
    }
    profiles.resize(featureCount);
    FeatureEncoder encoder(table, mapping.minMaxScaling);
    Status planned = encoder.plan(columns.features, profiles, dataset);
    if (!planned.ok())
        return planned;
    Status encoded = encoder.encode(dataset, progress);
    if (!encoded.ok())
        return encoded;
    return dataset;
}

} // namespace fr
