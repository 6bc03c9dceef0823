#include "util/huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace fr {

namespace {
// Below this the faults cost nothing worth a system call.
constexpr size_t kMinAdvisedBytes = size_t(16) << 20;
constexpr uintptr_t kHugePageBytes = uintptr_t(2) << 20;
} // namespace

void adviseHugePages(void* data, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    if (data == nullptr || bytes < kMinAdvisedBytes)
        return;
    // madvise wants a page-aligned start: advise the whole huge pages inside the buffer.
    const uintptr_t begin = reinterpret_cast<uintptr_t>(data);
    const uintptr_t first = (begin + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
    const uintptr_t last = (begin + bytes) & ~(kHugePageBytes - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace fr
