#include "data/idx_reader.h"

#include "data/data_error.h"
#include "data/file_bytes.h"
#include "data/gzip_reader.h"

#include <cstdint>
#include <cstdio>
#include <new>

namespace fr {

namespace {

constexpr unsigned char kUnsignedByteType = 0x08;
constexpr int kMaxDimensions = 4;

std::string hexBytes(const std::string& bytes, size_t count)
{
    std::string text;
    for (size_t i = 0; i < count && i < bytes.size(); ++i) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(bytes[i]));
        text += (i ? " " : "") + std::string(hex);
    }
    return text;
}

uint32_t bigEndian32(const std::string& bytes, size_t at)
{
    auto p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

std::string shapeText(const std::vector<uint32_t>& dims)
{
    std::string text;
    for (size_t i = 0; i < dims.size(); ++i)
        text += (i ? " x " : "") + std::to_string(dims[i]);
    return text;
}

Status checkMagic(const std::string& bytes, const std::string& fileName)
{
    if (bytes.size() < 4)
        return Status::failure(fileError(fileName,
            "not an IDX file (" + std::to_string(bytes.size())
                + " bytes, too short for a header)"));
    if (bytes[0] != 0 || bytes[1] != 0)
        return Status::failure(fileError(fileName,
            "not an IDX file (it starts with " + hexBytes(bytes, 4)
                + ", expected 00 00 08 and the number of dimensions)"));
    if (static_cast<unsigned char>(bytes[2]) != kUnsignedByteType)
        return Status::failure(fileError(fileName,
            "IDX element type 0x" + hexBytes(bytes.substr(2, 1), 1)
                + " is not supported (only unsigned bytes, 0x08)"));
    int dims = static_cast<unsigned char>(bytes[3]);
    if (dims < 1 || dims > kMaxDimensions)
        return Status::failure(fileError(fileName,
            "IDX header gives " + std::to_string(dims) + " dimensions (expected 1 to "
                + std::to_string(kMaxDimensions) + ")"));
    if (bytes.size() < 4 + 4 * size_t(dims))
        return Status::failure(fileError(fileName, "truncated IDX header"));
    return Status::success();
}

} // namespace

IdxArray::IdxArray(
    std::vector<uint32_t> dims, int64_t itemSize, std::string bytes, size_t dataOffset)
    : mDims(std::move(dims))
    , mItemSize(itemSize)
    , mBytes(std::move(bytes))
    , mDataOffset(dataOffset)
{ }

Result<IdxArray> parseIdx(std::string bytes, const std::string& fileName, uint64_t maxBytes)
{
    if (looksGzipped(bytes)) {
        auto plain = gunzip(bytes, fileName, maxBytes);
        if (!plain.ok())
            return plain.status();
        bytes = plain.take();
    }
    Status magic = checkMagic(bytes, fileName);
    if (!magic.ok())
        return magic;
    std::vector<uint32_t> dims(static_cast<unsigned char>(bytes[3]));
    size_t offset = 4 + 4 * dims.size();
    for (size_t i = 0; i < dims.size(); ++i)
        dims[i] = bigEndian32(bytes, 4 + 4 * i);
    // Item size first: with zero items the total is 0 even when the item size would overflow.
    uint64_t itemBytes = 1, expected = 0;
    bool tooLarge = false;
    for (size_t i = 1; i < dims.size(); ++i)
        tooLarge |= __builtin_mul_overflow(itemBytes, uint64_t(dims[i]), &itemBytes);
    tooLarge |= itemBytes > uint64_t(INT64_MAX)
        || __builtin_mul_overflow(itemBytes, uint64_t(dims[0]), &expected);
    if (tooLarge)
        return Result<IdxArray>::failure(
            fileError(fileName, "IDX header sizes " + shapeText(dims) + " are too large"));
    uint64_t held = bytes.size() - offset;
    if (expected != held)
        return Result<IdxArray>::failure(fileError(fileName,
            "IDX header says " + shapeText(dims) + " = " + std::to_string(expected)
                + " bytes of data, but the file holds " + std::to_string(held)));
    return IdxArray(std::move(dims), static_cast<int64_t>(itemBytes), std::move(bytes), offset);
}

Result<IdxArray> readIdxFile(const std::string& path, const ProgressCallback& progress)
{
    try {
        auto bytes = readFileBytes(path, kMaxIdxBytes, progress);
        if (!bytes.ok())
            return bytes.status();
        return parseIdx(bytes.take(), baseName(path));
    } catch (const std::bad_alloc&) {
        return Result<IdxArray>::failure(fileError(baseName(path), "not enough memory"));
    }
}

} // namespace fr
