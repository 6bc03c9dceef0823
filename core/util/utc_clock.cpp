#include "util/utc_clock.h"

#include <chrono>

namespace fr {

int64_t currentUtcMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace fr
