// libFuzzer target: any bytes (plain or gzip) through the IDX reader. A crash, a sanitizer report
// or an array whose shape does not match its data is a finding.
#include "data/idx_reader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

constexpr uint64_t kFuzzMaxBytes = uint64_t(8) << 20; // keeps gzip bombs within libFuzzer's RSS

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto array = fr::parseIdx(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.idx", kFuzzMaxBytes);
    if (!array.ok())
        return 0;
    const fr::IdxArray& idx = array.value();
    if (idx.dims().empty() || idx.count() < 0 || idx.itemSize() < 0)
        std::abort();
    uint64_t sum = 0;
    for (int64_t i = 0; i < idx.count() * idx.itemSize(); ++i)
        sum += idx.data()[i];
    return sum == UINT64_MAX ? 1 : 0;
}
