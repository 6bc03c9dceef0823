// Immutable value snapshots the review session hands to views (and across threads).
#pragma once

#include "active/arm_selection.h"
#include "metrics/threshold_metrics.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace fr {

// Why a row is where it is in the queue: the label-free ranking (the base score, or the product's
// prior, ALGORITHMS.md §8), or the UAI head.
enum class RankReason { BaseScore, HeadProbability };

struct RankingSnapshot {
    int64_t modelVersion = 0;
    RankReason reason = RankReason::BaseScore; // BaseScore during the cold start
    std::vector<float> score; // base detector score per row (higher = more suspicious)
    // The label-free ranking key per row: the base score, or the product's prior (§8).
    std::vector<float> prior;
    std::vector<float> probability; // UAI head probability per row; NaN while there is no head
    std::vector<int64_t> order; // row indices, most suspicious first
    std::vector<int64_t> rankOfRow; // 1-based rank per row
    // Who placed each row: the prior or the head (arm_selection.h), and the head's share of the
    // positions; reason is the ranker with the larger share.
    std::vector<Ranker> rankerOfRow;
    double headShare = 0.0;
    std::vector<float> latentX; // 2-D PCA of the latent codes, per row
    std::vector<float> latentY;
};

struct GroupFigure {
    std::string group;
    bool isProtected = false;
    int64_t rows = 0;
    int64_t anomalies = -1; // -1 without ground truth
    int64_t labelsSpent = 0;
    int64_t found = 0; // rows the analyst labelled anomalous
    double recallAtK = std::numeric_limits<double>::quiet_NaN(); // NaN without ground truth
    double recallLow = std::numeric_limits<double>::quiet_NaN(); // bootstrap 95% interval
    double recallHigh = std::numeric_limits<double>::quiet_NaN();
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
};

struct MetricsSnapshot {
    int64_t modelVersion = 0;
    int64_t k = 0;
    double recallAtK = std::numeric_limits<double>::quiet_NaN();
    double precisionAtK = std::numeric_limits<double>::quiet_NaN();
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    double recDiff = std::numeric_limits<double>::quiet_NaN();
    std::vector<GroupFigure> groups;
};

struct BatchItem {
    int64_t row = 0;
    int64_t rank = 0;
    float score = 0.0f;
    float probability = std::numeric_limits<float>::quiet_NaN();
    RankReason reason = RankReason::BaseScore;
};

// Whose truth the scoring-bias figures rest on: the analyst's labels (what the window knows) or the
// data set's ground truth (simulate, or a window on benchmark data).
enum class BiasTruth { AnalystLabels, GroundTruth };

// The scoring-bias paper's figures for the review head (s') against the label-free prior (s), at
// the target FPR 1 - q (ALGORITHMS.md §5): thresholds from the known normals, TPRs of the known
// anomalies, xi = TPR(head) - TPR(prior), overall and per group.
struct HeadPriorBias {
    BiasTruth truth = BiasTruth::AnalystLabels;
    double quantile = kReportedFprQuantile; // q
    int64_t normals = 0; // known normal rows the thresholds come from
    int64_t anomalies = 0; // known anomalies the TPRs are shares of
    ScoringBias figures; // base = the prior, other = the head
};

} // namespace fr
