// Turns a file (CSV, or Fashion-MNIST IDX set-ups) and a column mapping into a Dataset.
#pragma once

#include "data/column_mapping.h"
#include "data/dataset.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string>

namespace fr {

// Reads and preprocesses a CSV (ALGORITHMS.md §1). Errors name file, line, column and reason.
Result<Dataset> loadCsvDataset(
    const std::string& path, const ColumnMapping& mapping, const ProgressCallback& progress = {});

enum class FashionMnistSetup { OneClass, Invert };

struct FashionMnistOptions {
    FashionMnistSetup setup = FashionMnistSetup::OneClass;
    int normalClass = 0;
    uint64_t seed = 0;
    std::string directory = "/usr/share/datasets/fashion-mnist";
};

// The two set-ups of shared/datasets/README.md; seeded and reproducible.
Result<Dataset> loadFashionMnist(
    const FashionMnistOptions& options, const ProgressCallback& progress = {});

} // namespace fr
