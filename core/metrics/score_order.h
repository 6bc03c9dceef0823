// Internal to core/metrics: the one total order every metric ranks rows by (score descending,
// NaN as -infinity, then row index ascending) and the exact tie-aware AUC sweep.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace fr::metrics_detail {

inline float rankKey(float score)
{
    return std::isnan(score) ? -std::numeric_limits<float>::infinity() : score;
}

struct KeyedRow {
    float key;
    int64_t row;
};

// True when a comes before b in the review order.
inline bool reviewsBefore(const KeyedRow& a, const KeyedRow& b)
{
    return a.key > b.key || (a.key == b.key && a.row < b.row);
}

std::vector<KeyedRow> keyedRows(const std::vector<float>& scores);

// Mann-Whitney AUC per group in one sort. groupOfRow may be null (all rows in group 0, count 1);
// rows with a negative group are skipped.
std::vector<double> aucPerGroup(const std::vector<float>& scores, const std::vector<int8_t>& truth,
    const std::vector<int>* groupOfRow, int groupCount);

} // namespace fr::metrics_detail
