// SHA-256 as FIPS 180-4 §6.2 specifies it (sha256.h).
#include "util/sha256.h"

#include <algorithm>
#include <cstring>

namespace fr {

namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
// primes.
constexpr uint32_t kRoundConstants[64] = {0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// FIPS 180-4 §5.3.3: the initial hash value.
constexpr uint32_t kInitialState[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr uint32_t rotateRight(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

uint32_t readBigEndian32(const uint8_t* p)
{
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// FIPS 180-4 §6.2.2 step 1: the message schedule.
void expandSchedule(const uint8_t* block, uint32_t* w)
{
    for (int t = 0; t < 16; ++t)
        w[t] = readBigEndian32(block + 4 * t);
    for (int t = 16; t < 64; ++t) {
        const uint32_t s0
            = rotateRight(w[t - 15], 7) ^ rotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const uint32_t s1
            = rotateRight(w[t - 2], 17) ^ rotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
}

} // namespace

Sha256::Sha256()
{
    std::memcpy(mState.data(), kInitialState, sizeof kInitialState);
}

void Sha256::compressBlock(const uint8_t* block)
{
    uint32_t w[64];
    expandSchedule(block, w);
    uint32_t v[8];
    std::memcpy(v, mState.data(), sizeof v); // a b c d e f g h
    for (int t = 0; t < 64; ++t) {
        const uint32_t s1 = rotateRight(v[4], 6) ^ rotateRight(v[4], 11) ^ rotateRight(v[4], 25);
        const uint32_t choose = (v[4] & v[5]) ^ (~v[4] & v[6]);
        const uint32_t t1 = v[7] + s1 + choose + kRoundConstants[t] + w[t];
        const uint32_t s0 = rotateRight(v[0], 2) ^ rotateRight(v[0], 13) ^ rotateRight(v[0], 22);
        const uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
        std::memmove(v + 1, v, 7 * sizeof(uint32_t));
        v[4] += t1;
        v[0] = t1 + s0 + majority;
    }
    for (int i = 0; i < 8; ++i)
        mState[i] += v[i];
}

Sha256& Sha256::update(const void* bytes, size_t size)
{
    const auto* p = static_cast<const uint8_t*>(bytes);
    mTotalBytes += size;
    while (size > 0) {
        const size_t take = std::min(size, mBlock.size() - mBlockFill);
        std::memcpy(mBlock.data() + mBlockFill, p, take);
        mBlockFill += take;
        p += take;
        size -= take;
        if (mBlockFill == mBlock.size()) {
            compressBlock(mBlock.data());
            mBlockFill = 0;
        }
    }
    return *this;
}

// FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 bytes mod 64, then the message length in bits.
Sha256::Digest Sha256::finish()
{
    const uint64_t bits = mTotalBytes * 8;
    const uint8_t one = 0x80, zero = 0;
    update(&one, 1);
    while (mBlockFill != 56)
        update(&zero, 1);
    uint8_t length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = static_cast<uint8_t>(bits >> (56 - 8 * i));
    update(length, 8);
    Digest digest;
    for (int i = 0; i < 8; ++i)
        for (int b = 0; b < 4; ++b)
            digest[4 * i + b] = static_cast<uint8_t>(mState[i] >> (24 - 8 * b));
    return digest;
}

std::string toHex(const Sha256::Digest& digest)
{
    static const char* kDigits = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (uint8_t byte : digest) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0xf];
    }
    return hex;
}

std::string sha256Hex(const std::string& bytes)
{
    return toHex(Sha256().update(bytes).finish());
}

} // namespace fr
