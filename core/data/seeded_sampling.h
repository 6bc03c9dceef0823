// Reproducible random choices for the built-in set-ups. std::mt19937_64's output is fixed by the
// standard, but std's distributions are not, so the draws are done here.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace fr {

// Unbiased integer in [0, bound), bound > 0.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound);

// k distinct values of [0, n), in draw order (partial Fisher-Yates). k is clamped to n.
std::vector<int64_t> sampleWithoutReplacement(int64_t n, int64_t k, std::mt19937_64& rng);

} // namespace fr
