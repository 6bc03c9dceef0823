#include "data/seeded_sampling.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace fr {

uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound)
{
    // Reject the top partial range so that every value is equally likely.
    uint64_t limit
        = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    uint64_t draw;
    do {
        draw = rng();
    } while (draw >= limit);
    return draw % bound;
}

std::vector<int64_t> sampleWithoutReplacement(int64_t n, int64_t k, std::mt19937_64& rng)
{
    k = std::clamp<int64_t>(k, 0, std::max<int64_t>(n, 0));
    std::vector<int64_t> pool(static_cast<size_t>(std::max<int64_t>(n, 0)));
    std::iota(pool.begin(), pool.end(), 0);
    for (int64_t i = 0; i < k; ++i) {
        auto j = i + static_cast<int64_t>(uniformBelow(rng, static_cast<uint64_t>(n - i)));
        std::swap(pool[i], pool[j]);
    }
    pool.resize(static_cast<size_t>(k));
    return pool;
}

} // namespace fr
