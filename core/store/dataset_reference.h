// Which data file a project was made from: its path, size and a content hash, so that a reopened
// project can tell the analyst when the file has changed underneath it.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <string>

namespace fr {

struct DatasetReference {
    std::string path;
    int64_t sizeBytes = 0;
    // "fnv1a-64:" + 16 hex digits: FNV-1a 64 over every byte of the file. It catches accidental
    // edits and replacements (not deliberate collisions, which need a cryptographic hash).
    std::string contentHash;
};

// Reads the whole file once (about 1 GB/s); the path is made absolute. Errors name the file and
// the reason.
Result<DatasetReference> describeDataFile(const std::string& path);
// The same for what a project refers to (data/dataset_loader.h): a data file's path, or a
// Fashion-MNIST set-up, whose size and hash are its training images' and whose path stays the
// reference.
Result<DatasetReference> describeReferencedData(const std::string& reference);

// What verifyDataFile() found when comparing the file on disk with the reference.
struct DataFileCheck {
    enum class State { Unchanged, Changed, Missing };
    State state = State::Unchanged;
    std::string message; // empty when unchanged; else a sentence for the analyst
    DatasetReference onDisk;
};

} // namespace fr
