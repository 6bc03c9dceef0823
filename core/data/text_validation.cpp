#include "data/text_validation.h"

#include "data/data_error.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace fr {

namespace {

// Length of the valid UTF-8 sequence at p (1-4), or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF included).
size_t utf8SequenceLength(const unsigned char* p, size_t left)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return c == 0 ? 0 : 1;
    size_t length;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0;
        if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90;
        if (c == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (left < length || p[1] < low || p[1] > high)
        return 0;
    for (size_t i = 2; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return length;
}

bool plainAsciiWord(const unsigned char* p)
{
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    bool hasZeroByte = ((word - kOnes) & ~word & kHighs) != 0;
    return (word & kHighs) == 0 && !hasZeroByte;
}

Status invalidByteError(std::string_view bytes, size_t at, const std::string& fileName)
{
    int64_t line = 1 + std::count(bytes.begin(), bytes.begin() + at, '\n');
    auto byte = static_cast<unsigned char>(bytes[at]);
    if (byte == 0)
        return Status::failure(lineError(fileName, line,
            "binary data (a NUL byte at offset " + std::to_string(at)
                + "); this is not a text CSV file"));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", byte);
    return Status::failure(lineError(fileName, line,
        std::string("not UTF-8 text (byte ") + hex + " at offset " + std::to_string(at)
            + "); save the file as UTF-8 CSV"));
}

} // namespace

Status checkUtf8Text(std::string_view bytes, const std::string& fileName)
{
    auto data = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t size = bytes.size(), i = 0;
    while (i < size) {
        if (i + 8 <= size && plainAsciiWord(data + i)) {
            i += 8;
            continue;
        }
        size_t length = utf8SequenceLength(data + i, size - i);
        if (length == 0)
            return invalidByteError(bytes, i, fileName);
        i += length;
    }
    return Status::success();
}

} // namespace fr
