// Asks the kernel to back a large, freshly allocated buffer with transparent huge pages before it
// is first written: a 10^6-row CSV touches about a gigabyte (the file's bytes, the cell spans, the
// feature matrix), and with 4 KiB pages that was 230,000 page faults, a fifth of the load's time.
#pragma once

#include <cstddef>

namespace fr {

// A hint only: nothing happens for small buffers, off Linux, or where the kernel declines.
void adviseHugePages(void* data, size_t bytes);

} // namespace fr
