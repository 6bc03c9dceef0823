// IAD (ALGORITHMS.md §4): the per-row weights that down-weight likely anomalies between training
// rounds, and h(t), the number of rows whose rank crossed the median, which picks the round to
// keep. Plain C++ so that it is checked by hand in tests.
#pragma once

#include <cstdint>
#include <vector>

namespace fr::models::iad {

constexpr int kRoundsTabular = 15; // T, ALGORITHMS.md §4
constexpr int kRoundsImage = 10; // T, ALGORITHMS.md §4

// The median of the values (mean of the two middle ones for an even count); NaN when empty.
double median(std::vector<float> values);

// w_i = 1 / (1 + exp(a (s_i - m))), m = median(s), a = 4 / min(m - min(s), max(s) - m).
// Degenerate spreads (decision; §4 leaves them open): all scores equal gives every row 1 (no
// information to weight by); a zero half-spread with other scores is the limit a -> ∞, a step:
// 1 below the median, 1/2 at it, 0 above. A non-finite score gets 0 and is left out of m and a.
std::vector<float> weightsFromScores(const std::vector<float>& scores);

// Analyst labels override the weights (ALGORITHMS.md §4): labels[i] 1 (anomaly) -> 0, 0 (normal)
// -> 1, anything else (unlabelled) keeps the weight. An empty labels vector changes nothing.
void applyLabels(std::vector<float>& weights, const std::vector<int8_t>& labels);

// Which half of the ranking each row is in: rows ranked by ascending score (ties by row index,
// non-finite scores last) and the first floor((n + 1) / 2) are "low" (true).
std::vector<bool> lowHalf(const std::vector<float>& scores);

// h(t): rows whose rank crossed the median between two rounds' scores of the same rows.
int64_t medianCrossings(const std::vector<float>& previous, const std::vector<float>& current);

} // namespace fr::models::iad
