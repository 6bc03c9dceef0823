// SHA-256 (FIPS 180-4) for the project file's tamper-evident audit chain (docs/PROJECT_FILE.md):
// a small, dependency-free implementation, fast enough for labels, not meant for bulk data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace fr {

class Sha256 {
public:
    using Digest = std::array<uint8_t, 32>;

    Sha256();
    Sha256& update(const void* bytes, size_t size);
    Sha256& update(const std::string& bytes) { return update(bytes.data(), bytes.size()); }
    Digest finish(); // the object is spent afterwards

private:
    void compressBlock(const uint8_t* block);

    std::array<uint32_t, 8> mState;
    std::array<uint8_t, 64> mBlock {};
    size_t mBlockFill = 0;
    uint64_t mTotalBytes = 0;
};

std::string toHex(const Sha256::Digest& digest); // 64 lower-case hex digits
std::string sha256Hex(const std::string& bytes);

} // namespace fr
