// Thresholds at a target false-positive rate and the relative scoring bias between two scorers
// (ALGORITHMS.md §5): tau = max{u : F0(u) <= q} from the labelled normals, TPR at tau, and
// xi(s, s') = TPR(s') - TPR(s), overall and per group (or per anomaly type). Conventions:
// ranking.h.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

// The threshold for a target false-positive rate 1 - q.
//
// F0(u) = #{normal scores <= u} / n0 is the right-continuous empirical CDF of the normals. Since
// {u : F0(u) <= q} is an open half-line whose supremum is not attained, tau is its largest OBSERVED
// point: the largest normal score x with F0(x) <= q. Tied normal scores share one F0 value, so a
// tie is either wholly at or below tau or wholly above it. If no normal score qualifies (q = 0, or
// q below the share of the lowest tie) tau = -infinity and every row is flagged.
// A row is flagged when its score > tau, so the realised FPR = 1 - F0(tau) >= 1 - q, with equality
// when q * n0 falls on a step of F0. q = 1 gives tau = the highest normal score, FPR 0.
struct FprThreshold {
    double threshold = -std::numeric_limits<double>::infinity(); // tau
    double targetFpr = 0.0; // 1 - q
    double realisedFpr = 0.0; // share of the normals with score > tau
    int64_t normals = 0;
};

// Failure when normalScores is empty or q is not in [0, 1].
Result<FprThreshold> thresholdAtFpr(const std::vector<float>& normalScores, double q);

// TPR = share of the anomaly scores > threshold; NaN when there are none.
double tprAtThreshold(const std::vector<float>& anomalyScores, double threshold);

struct GroupScoringBias {
    int group = 0;
    int64_t rows = 0;
    int64_t anomalies = 0;
    double tprBase = std::numeric_limits<double>::quiet_NaN(); // TPR(s)
    double tprOther = std::numeric_limits<double>::quiet_NaN(); // TPR(s')
    double bias = std::numeric_limits<double>::quiet_NaN(); // TPR(s') - TPR(s)
};

struct ScoringBias {
    FprThreshold thresholdBase; // tau of s, from all labelled normals
    FprThreshold thresholdOther; // tau of s'
    double tprBase = std::numeric_limits<double>::quiet_NaN();
    double tprOther = std::numeric_limits<double>::quiet_NaN();
    double bias = std::numeric_limits<double>::quiet_NaN(); // xi(s, s') = TPR(s') - TPR(s)
    std::vector<GroupScoringBias> groups; // one per group; empty when groupCount == 0
};

// xi(s, s') at the target FPR 1 - q. Each scorer's tau comes from ALL normal rows (one threshold
// per scorer, as deployed); a group's TPR is the share of its anomalies above that tau. Passing
// anomaly types as `groups` (kNoGroup for normals) gives the bias per anomaly type.
// groups may be empty (then groupCount must be 0). Failure on size mismatch, truth other than
// 0/1, a bad group index, no normal rows, or q outside [0, 1].
Result<ScoringBias> scoringBias(const std::vector<float>& baseScores,
    const std::vector<float>& otherScores, const std::vector<int8_t>& truth,
    const std::vector<int>& groups, int groupCount, double q);

} // namespace fr
