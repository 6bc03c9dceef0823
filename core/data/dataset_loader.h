// Turns a file (CSV, or Fashion-MNIST IDX set-ups) and a column mapping into a Dataset.
#pragma once

#include "data/column_mapping.h"
#include "data/dataset.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <optional>
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

// Fashion-MNIST has no single data file: a project keeps its set-up as a reference string in place
// of the data file's path, "fashion-mnist:oneclass:0:seed=0:/usr/share/datasets/fashion-mnist".
std::string fashionMnistReference(const FashionMnistOptions& options);
// The set-up a reference names; nullopt for anything else (a data file's path).
std::optional<FashionMnistOptions> parseFashionMnistReference(const std::string& reference);
// The file a reference's content hash is taken of: the training images.
std::string fashionMnistImagesPath(const FashionMnistOptions& options);

// The data set a project's reference names: a Fashion-MNIST set-up, else a CSV read with mapping.
Result<Dataset> loadReferencedDataset(const std::string& reference, const ColumnMapping& mapping,
    const ProgressCallback& progress = {});

} // namespace fr
