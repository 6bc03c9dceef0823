#include "data/gzip_reader.h"

#include "data/data_error.h"

#include <algorithm>
#include <limits>
#include <zlib.h>

namespace fr {

namespace {

constexpr int kGzipWindowBits = 15 + 16; // 15-bit window, gzip header and trailer
constexpr size_t kFirstChunkBytes = size_t(16) << 10; // grows with the output
constexpr size_t kMaxChunkBytes = size_t(64) << 20;

class Inflater {
public:
    Inflater()
        : mReady(inflateInit2(&mStream, kGzipWindowBits) == Z_OK)
    { }
    ~Inflater()
    {
        if (mReady)
            inflateEnd(&mStream);
    }
    bool ready() const { return mReady; }
    z_stream& stream() { return mStream; }

private:
    z_stream mStream {};
    bool mReady;
};

// The ISIZE trailer (size mod 2^32 of the last member) is only a hint for reserving memory.
size_t sizeHint(std::string_view compressed, uint64_t maxOutputBytes)
{
    if (compressed.size() < 18)
        return 0;
    auto p = reinterpret_cast<const unsigned char*>(compressed.data() + compressed.size() - 4);
    uint64_t hint = p[0] | (p[1] << 8) | (p[2] << 16) | (uint64_t(p[3]) << 24);
    return static_cast<size_t>(
        std::min<uint64_t>(hint, std::min<uint64_t>(maxOutputBytes, 1u << 28)));
}

bool onlyZeros(std::string_view rest)
{
    return std::all_of(rest.begin(), rest.end(), [](char c) { return c == 0; });
}

} // namespace

bool looksGzipped(std::string_view bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f
        && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> gunzip(
    std::string_view compressed, const std::string& fileName, uint64_t maxOutputBytes)
{
    auto fail = [&](const std::string& reason) {
        return Result<std::string>::failure(fileError(fileName, reason));
    };
    if (compressed.size() > std::numeric_limits<uInt>::max())
        return fail("compressed file larger than 4 GiB");
    Inflater inflater;
    if (!inflater.ready())
        return fail("cannot start gzip decompression");
    z_stream& stream = inflater.stream();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    out.reserve(sizeHint(compressed, maxOutputBytes));
    for (;;) {
        size_t used = out.size();
        if (used >= maxOutputBytes)
            return fail("decompresses to more than " + std::to_string(maxOutputBytes) + " bytes");
        size_t chunk = std::min<uint64_t>(
            std::clamp(used, kFirstChunkBytes, kMaxChunkBytes), maxOutputBytes - used);
        out.resize(used + chunk);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
        stream.avail_out = static_cast<uInt>(chunk);
        int code = inflate(&stream, Z_NO_FLUSH);
        out.resize(used + chunk - stream.avail_out);
        if (code == Z_STREAM_END) {
            std::string_view rest(reinterpret_cast<const char*>(stream.next_in), stream.avail_in);
            if (!looksGzipped(rest)) {
                if (!onlyZeros(rest))
                    return fail("unexpected data after the end of the gzip stream");
                return out;
            }
            inflateReset(&stream); // another member follows
            continue;
        }
        if (code == Z_BUF_ERROR && stream.avail_in == 0)
            return fail("truncated gzip file (it ends before the compressed data does)");
        if (code == Z_DATA_ERROR || code == Z_NEED_DICT)
            return fail(
                std::string("corrupt gzip data (") + (stream.msg ? stream.msg : "no detail") + ")");
        if (code == Z_MEM_ERROR)
            return fail("not enough memory to decompress");
        if (code != Z_OK && code != Z_BUF_ERROR)
            return fail("gzip decompression failed");
    }
}

} // namespace fr
