// libFuzzer target over checkpoint blobs alone (util/tensor_bundle.h): the decoder that stands
// between a project file's checkpoint and torch. Faster per input than fuzz_project_open, which
// reaches the same decoder through SQLite. A decoded bundle is encoded again and must decode to the
// same bytes. Seeds: fuzz/seeds/checkpoint. See fuzz/README.md.
#include "util/tensor_bundle.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto decoded = fr::TensorBundle::decode(data, size);
    if (decoded.ok()) {
        // A valid checkpoint has one encoding; the last 4 bytes, the checksum, are left out, since
        // fuzz builds do not insist on it (fuzz/CMakeLists.txt).
        const std::vector<uint8_t> again = decoded.value().encode();
        if (again.size() != size || !std::equal(again.begin(), again.end() - 4, data))
            std::abort();
    }
    return 0;
}
