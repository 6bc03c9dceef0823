// The last step of the product's fair detector (ALGORITHMS.md §2.3): each row's score becomes a
// blend of its percentile within its sensitive group and its percentile overall, so that most of
// the difference between the groups' score distributions is taken out, in whichever direction it
// lies, and a ranking whose groups are already scored alike is left as it was.
#pragma once

#include <vector>

namespace fr::models {

// Weight of the within-group percentile; the overall percentile gets the rest. Chosen across the
// Arrests group set-ups (colour, sex, employed, citizen, year; seeds 40-43; ALGORITHMS.md §2.3 has
// the table): 1 (every group flagged at the same rate) over-corrects where the groups' anomaly
// rates differ, 0 is the plain autoencoder; 0.5-0.6 narrowed or kept the gap on every set-up at
// the smallest cost in recall.
constexpr double kWithinGroupShare = 0.55;

// Mid-rank percentiles (rank + 0.5) / n, ties sharing their mean rank, so equal scores stay equal.
std::vector<double> midRankPercentiles(const std::vector<float>& score);

// The calibrated score per row, in (0, 1), higher = more suspicious, ranking-equivalent to the
// input within each group. groupOfRow: the row's group, or a negative value (no group: the overall
// percentile alone); empty means no groups (the overall percentile for every row).
std::vector<float> calibrateScoresByGroup(
    const std::vector<float>& score, const std::vector<int>& groupOfRow);

} // namespace fr::models
