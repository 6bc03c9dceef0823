// What a retrain (or a rollback) changed at the top of the queue: the rows that entered and left
// the top K between two rankings, per group, and how much of the previous top K stayed.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <vector>

namespace fr {

struct GroupTopKChange {
    int64_t entered = 0;
    int64_t left = 0;
};

struct TopKDiff {
    int64_t k = 0; // the K asked for, capped at the number of rows
    std::vector<int64_t> entered; // rows in the new top K only, in the new ranking's order
    std::vector<int64_t> left; // rows in the previous top K only, in the previous ranking's order
    int64_t kept = 0; // rows in both
    double overlap = 1.0; // kept / k; 1 when k is 0 (no rows)
    std::vector<GroupTopKChange> groups; // indexed by group; empty without groups
};

// `before` and `after` are row orders (most suspicious first) over the same rows; `groupOfRow`
// gives each row's group index in 0..groupCount-1 (negative: none), or is empty without groups.
// Fails for k < 1, orders of different lengths, rows out of range or repeated.
Result<TopKDiff> diffTopK(const std::vector<int64_t>& before, const std::vector<int64_t>& after,
    int64_t k, const std::vector<int>& groupOfRow, int groupCount);

} // namespace fr
