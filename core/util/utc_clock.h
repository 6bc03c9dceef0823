// The one wall clock every audit time comes from: labels, model versions, events.
#pragma once

#include <cstdint>

namespace fr {

int64_t currentUtcMs(); // milliseconds since the Unix epoch, UTC

} // namespace fr
