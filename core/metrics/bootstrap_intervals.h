// Bootstrap 95% intervals for the per-group Recall@K and for Rec Diff (ALGORITHMS.md §5).
//
// The threshold stays fixed at the global top K, so a resampled group's recall only depends on
// which of its anomalies are flagged: each replicate draws, for every group, as many anomalies as
// the group has, with replacement, from the group's own anomalies, and counts the flagged ones
// (a stratified row bootstrap conditional on each group's anomaly count; threshold uncertainty is
// not included). Percentile interval, linear interpolation between order statistics (type 7).
// The draws use std::mt19937_64 and our own unbiased bounded integer mapping, so a seed gives the
// same interval on every platform. Cost: B x (anomalies) draws; 50,000 rows take a few ms.
#pragma once

#include "metrics/group_metrics.h"
#include "util/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

struct BootstrapOptions {
    int replicates = 1000; // B
    double level = 0.95; // two-sided coverage of the percentile interval
    uint64_t seed = 0;
};

struct Interval {
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
    bool contains(double value) const { return value >= low && value <= high; }
    double width() const { return high - low; }
};

struct GroupRecallIntervals {
    std::vector<Interval>
        recall; // per group, same order as the input; NaN bounds without anomalies
    Interval recallDifference; // of Rec Diff (max pairwise gap) over the same replicates
};

// Failure when replicates < 1 or level is not in (0, 1).
Result<GroupRecallIntervals> bootstrapGroupRecall(
    const std::vector<GroupTopKFigures>& groups, const BootstrapOptions& options = {});

// The percentile interval of a sample (sorted in place), type-7 quantiles; NaN values are ignored.
Interval percentileInterval(std::vector<double>& sample, double level);

} // namespace fr
