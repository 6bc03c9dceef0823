// loadCsvDataset: read the CSV once, then build the Dataset from the parsed table.
#include "data/dataset_loader.h"

#include "data/csv_dataset_builder.h"
#include "data/csv_reader.h"
#include "data/data_error.h"

#include <new>

namespace fr {

Result<Dataset> loadCsvDataset(
    const std::string& path, const ColumnMapping& mapping, const ProgressCallback& progress)
{
    try {
        auto table = readCsvFile(path, progress);
        if (!table.ok())
            return table.status();
        auto dataset = buildCsvDataset(table.value(), mapping, progress);
        if (dataset.ok())
            dataset.value().source = path;
        return dataset;
    } catch (const std::bad_alloc&) {
        return Result<Dataset>::failure(
            fileError(baseName(path), "not enough memory to load this table"));
    }
}

} // namespace fr
