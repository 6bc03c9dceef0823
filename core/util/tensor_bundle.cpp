// The checkpoint format (tensor_bundle.h): magic, version, array count, the arrays in strictly
// increasing name order (byte-wise),
// then a CRC-32 of everything before it. Integers are little-endian, as are the elements (the
// formats this product builds for are all little-endian hosts; see the static_assert below).
#include "util/tensor_bundle.h"

#include <zlib.h>

#include <cstring>
#include <limits>

namespace fr {
namespace {

constexpr char kMagic[8] = {'F', 'R', 'C', 'K', 'P', 'T', '\r', '\n'};
constexpr uint32_t kVersion = 1;

bool hostIsLittleEndian()
{
    const uint16_t one = 1;
    uint8_t first = 0;
    std::memcpy(&first, &one, 1);
    return first == 1;
}

template <typename T> void append(std::vector<uint8_t>& out, T value)
{
    uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.insert(out.end(), bytes, bytes + sizeof(T));
}

uint32_t checksum(const uint8_t* data, size_t size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        const uInt chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        crc = crc32(crc, data, chunk);
        data += chunk;
        size -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

bool knownType(uint8_t type)
{
    return type >= static_cast<uint8_t>(BundleType::Float32)
        && type <= static_cast<uint8_t>(BundleType::Int64);
}

// Reads the bytes of an encoded bundle front to back; every read checks what is left.
class Reader {
public:
    Reader(const uint8_t* data, size_t size)
        : mData(data)
        , mSize(size)
    { }
    size_t offset() const { return mOffset; }
    size_t left() const { return mSize - mOffset; }
    template <typename T> bool read(T& value)
    {
        if (left() < sizeof(T))
            return false;
        std::memcpy(&value, mData + mOffset, sizeof(T));
        mOffset += sizeof(T);
        return true;
    }
    bool read(size_t n, const uint8_t*& bytes)
    {
        if (left() < n)
            return false;
        bytes = mData + mOffset;
        mOffset += n;
        return true;
    }

private:
    const uint8_t* mData;
    size_t mSize;
    size_t mOffset = 0;
};

Status malformed(const std::string& what, size_t offset)
{
    return Status::failure(
        "the checkpoint is damaged: " + what + " (at byte " + std::to_string(offset) + ")");
}

// One array, read from r; name is already read. Fails naming the array.
Status readArray(Reader& r, const std::string& name, BundleArray& array)
{
    const std::string where = "array '" + name + "'";
    uint8_t type = 0, dimensions = 0;
    if (!r.read(type) || !r.read(dimensions))
        return malformed(where + " is cut short", r.offset());
    if (!knownType(type))
        return malformed(where + " has unknown element type " + std::to_string(type), r.offset());
    if (dimensions > TensorBundle::kMaxDimensions)
        return malformed(where + " has " + std::to_string(dimensions) + " dimensions", r.offset());
    array.type = static_cast<BundleType>(type);
    const size_t elementSize = BundleArray::elementSize(array.type);
    uint64_t count = 1;
    for (uint8_t i = 0; i < dimensions; ++i) {
        int64_t extent = 0;
        if (!r.read(extent))
            return malformed(where + " is cut short in its shape", r.offset());
        if (extent < 0)
            return malformed(where + " has a negative extent", r.offset());
        const uint64_t e = static_cast<uint64_t>(extent);
        if (e != 0 && count > (r.left() / elementSize) / e)
            return malformed(where + " is larger than the bytes that follow", r.offset());
        count *= e;
        array.shape.push_back(extent);
    }
    const uint8_t* bytes = nullptr;
    if (!r.read(count * elementSize, bytes))
        return malformed(where + " is larger than the bytes that follow", r.offset());
    array.bytes.assign(bytes, bytes + count * elementSize);
    return Status::success();
}

} // namespace

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559,
    "the checkpoint format stores IEEE-754 floats");

size_t BundleArray::elementSize(BundleType type)
{
    return type == BundleType::Float32 ? 4 : 8;
}

int64_t BundleArray::elementCount() const
{
    int64_t count = 1;
    for (int64_t extent : shape)
        count *= extent;
    return count;
}

void TensorBundle::put(const std::string& name, BundleArray array)
{
    mArrays[name] = std::move(array);
}

const BundleArray* TensorBundle::find(const std::string& name) const
{
    auto it = mArrays.find(name);
    return it == mArrays.end() ? nullptr : &it->second;
}

std::vector<uint8_t> TensorBundle::encode() const
{
    std::vector<uint8_t> out(kMagic, kMagic + sizeof(kMagic));
    append(out, kVersion);
    append(out, static_cast<uint32_t>(mArrays.size()));
    for (const auto& [name, array] : mArrays) {
        append(out, static_cast<uint16_t>(name.size()));
        out.insert(out.end(), name.begin(), name.end());
        append(out, static_cast<uint8_t>(array.type));
        append(out, static_cast<uint8_t>(array.shape.size()));
        for (int64_t extent : array.shape)
            append(out, extent);
        out.insert(out.end(), array.bytes.begin(), array.bytes.end());
    }
    append(out, checksum(out.data(), out.size()));
    return out;
}

Result<TensorBundle> TensorBundle::decode(const uint8_t* data, size_t size)
{
    if (!hostIsLittleEndian())
        return Status::failure("checkpoints are read on little-endian hosts only");
    if (size >= 4 && std::memcmp(data, "PK\x03\x04", 4) == 0)
        return Status::failure(
            "the checkpoint is a LibTorch archive from an earlier FairReview, which is no longer "
            "read (LibTorch's reader is not safe on files from others): retrain to continue");
    if (size < sizeof(kMagic) || std::memcmp(data, kMagic, sizeof(kMagic)) != 0)
        return Status::failure("the checkpoint is not a FairReview checkpoint");
    if (size < sizeof(kMagic) + 12)
        return malformed("it is cut short", size);
    uint32_t stored = 0;
    std::memcpy(&stored, data + size - 4, 4);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION // fuzz/CMakeLists.txt: reach what follows
    if (stored != checksum(data, size - 4))
        return malformed("its checksum does not match its contents", size - 4);
#else
    (void)stored;
#endif
    Reader r(data, size - 4);
    const uint8_t* magic = nullptr;
    uint32_t version = 0, count = 0;
    (void)r.read(sizeof(kMagic), magic);
    (void)r.read(version);
    (void)r.read(count);
    if (version != kVersion)
        return Status::failure("the checkpoint has format version " + std::to_string(version)
            + "; this FairReview reads version " + std::to_string(kVersion));
    if (count > kMaxArrays)
        return malformed("it claims " + std::to_string(count) + " arrays", r.offset());
    TensorBundle bundle;
    for (uint32_t i = 0; i < count; ++i) {
        uint16_t length = 0;
        const uint8_t* name = nullptr;
        if (!r.read(length) || length == 0 || length > kMaxNameLength || !r.read(length, name))
            return malformed("array " + std::to_string(i + 1) + " has no valid name", r.offset());
        const std::string key(reinterpret_cast<const char*>(name), length);
        // encode() writes the names in order, so a checkpoint has exactly one encoding.
        if (!bundle.mArrays.empty() && key <= bundle.mArrays.rbegin()->first)
            return malformed("array '" + key + "' is out of order or appears twice", r.offset());
        BundleArray array;
        if (Status read = readArray(r, key, array); !read.ok())
            return read;
        bundle.mArrays.emplace(key, std::move(array));
    }
    if (r.left() != 0)
        return malformed(std::to_string(r.left()) + " bytes follow the last array", r.offset());
    return bundle;
}

} // namespace fr
