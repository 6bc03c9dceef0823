// TensorBundle: named numeric arrays and the checkpoint format they are stored in. A model's
// checkpoint (parameters, optimiser state, a few scalars) is written as a bundle, not as a LibTorch
// archive, because a project file from someone else is untrusted input (issue 12) and LibTorch's
// archive reader is not built for that: decode() here checks every length, shape and type against
// the bytes it has, and a checksum over all of them, before anything reaches torch; the models then
// check each array's shape against their own (models/checkpoint_bundle.h). Plain C++ (no torch), so
// that the project-file fuzzer decodes checkpoints too. Format: docs/PROJECT_FILE.md.
#pragma once

#include "util/result.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fr {

enum class BundleType : uint8_t { Float32 = 1, Float64 = 2, Int64 = 3 };

// One array: its element type, its shape (row-major) and its elements' bytes, little-endian.
struct BundleArray {
    BundleType type = BundleType::Float32;
    std::vector<int64_t> shape;
    std::vector<uint8_t> bytes;

    int64_t elementCount() const;
    static size_t elementSize(BundleType type);
};

class TensorBundle {
public:
    // Adds or replaces the array called name.
    void put(const std::string& name, BundleArray array);
    // The array called name, or nullptr.
    const BundleArray* find(const std::string& name) const;
    const std::map<std::string, BundleArray>& arrays() const { return mArrays; }

    // The bundle as bytes: the same bundle always gives the same bytes.
    std::vector<uint8_t> encode() const;
    // Checks everything (magic, version, lengths, shapes against the bytes present, types, names
    // unique and in order, the checksum) and fails with a sentence naming the first problem and
    // where it is.
    static Result<TensorBundle> decode(const uint8_t* data, size_t size);
    static Result<TensorBundle> decode(const std::vector<uint8_t>& bytes)
    {
        return decode(bytes.data(), bytes.size());
    }

    // Bounds decode() enforces; encode() refuses nothing, the models stay far inside them.
    static constexpr size_t kMaxArrays = 4096;
    static constexpr size_t kMaxNameLength = 256;
    static constexpr size_t kMaxDimensions = 8;

private:
    std::map<std::string, BundleArray> mArrays;
};

} // namespace fr
