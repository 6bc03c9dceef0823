// The IDX format of (Fashion-)MNIST: a magic number 00 00 08 n (unsigned bytes, n dimensions),
// n big-endian 32-bit sizes, then the bytes. Plain or gzip-compressed files are both read.
#pragma once

#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

class IdxArray {
public:
    IdxArray() = default;
    // itemSize: the product of dims[1..], checked against overflow by the parser.
    IdxArray(std::vector<uint32_t> dims, int64_t itemSize, std::string bytes, size_t dataOffset);

    const std::vector<uint32_t>& dims() const { return mDims; }
    // Items along the first dimension (images, labels) and bytes per item.
    int64_t count() const { return mDims.empty() ? 0 : mDims[0]; }
    int64_t itemSize() const { return mItemSize; }
    const uint8_t* data() const
    {
        return reinterpret_cast<const uint8_t*>(mBytes.data()) + mDataOffset;
    }
    const uint8_t* item(int64_t index) const { return data() + index * itemSize(); }

private:
    std::vector<uint32_t> mDims;
    int64_t mItemSize = 0;
    std::string mBytes; // the whole (decompressed) file, kept as the one copy of its data
    size_t mDataOffset = 0;
};

constexpr uint64_t kMaxIdxBytes = uint64_t(1) << 32;

// fileName only names the source in error messages; gzip data is decompressed first.
Result<IdxArray> parseIdx(
    std::string bytes, const std::string& fileName, uint64_t maxBytes = kMaxIdxBytes);

Result<IdxArray> readIdxFile(const std::string& path, const ProgressCallback& progress = {});

} // namespace fr
