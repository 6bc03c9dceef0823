// Thresholds at a target false-positive rate and the relative scoring bias between two scorers
// (ALGORITHMS.md §5): tau from the labelled normals such that the realised FPR is at most 1 - q
// (the scoring-bias paper's eq. 3.1), TPR at tau, and xi(s, s') = TPR(s') - TPR(s), overall and per
// group (or per anomaly type), on every row or on the rows whose truth is known (the analyst's
// labels). Conventions: ranking.h.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

// q of the reported figures (evaluate's "tpr_at_fpr", simulate's "scoring_bias", the window's
// fairness table, the fairness report): a target false-positive rate of 1 - q = 5%, as in the
// scoring-bias paper (ALGORITHMS.md §5).
constexpr double kReportedFprQuantile = 0.95;

// The threshold for a target false-positive rate 1 - q.
//
// A row is flagged when its score > tau, so the realised FPR of tau is FPR(tau) = #{normal scores
// > tau} / n0 = 1 - F0(tau), F0 being the right-continuous empirical CDF of the normals. tau is the
// SMALLEST candidate u in {-infinity} and the observed normal scores with FPR(u) <= 1 - q, i.e.
// with F0(u) >= q. So the realised FPR never exceeds the target, and is as close to it as ties
// allow: the next lower candidate would exceed it. Tied normal scores move as a whole (all flagged
// or none), so FPR < 1 - q when q * n0 falls inside a tie or between steps of F0.
// Edges: q = 0 (target 1) gives tau = -infinity and flags every row (NaN scores, counted as
// -infinity, are never flagged); q = 1 (target 0) gives tau = the highest normal score, FPR 0.
// F0(u) >= q is evaluated as count / n0 >= q, so a q that is the double nearest to k / n0 meets
// the step at k exactly; realisedFpr may then exceed the double 1 - q by its rounding only.
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

// scoringBias over the rows whose truth is known: truthOfRow holds 1 (anomaly), 0 (normal) or -1
// (not known, e.g. a row the analyst has not labelled), and the -1 rows are left out of the
// thresholds and the TPRs. A group's `rows` is then its known rows. With no -1 it is scoringBias.
// Failure as scoringBias, or when truthOfRow holds another value.
Result<ScoringBias> scoringBiasOnKnownRows(const std::vector<float>& baseScores,
    const std::vector<float>& otherScores, const std::vector<int8_t>& truthOfRow,
    const std::vector<int>& groups, int groupCount, double q);

} // namespace fr
