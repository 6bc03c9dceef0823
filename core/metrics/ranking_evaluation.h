// Everything §5 reports about one ranking at one K, computed in one call for the CLI's `evaluate`
// JSON and the session's MetricsSnapshot: overall Recall@K, Precision@K and ROC-AUC, per group
// the sizes, recall, precision and AUC with bootstrap intervals, and the gaps between groups.
#pragma once

#include "metrics/bootstrap_intervals.h"
#include "metrics/group_metrics.h"
#include "metrics/ranking.h"
#include "util/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

struct GroupEvaluation {
    GroupTopKFigures atK; // rows, anomalies, flagged, recall and precision at the global K
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    Interval recallInterval; // bootstrap; NaN bounds when bootstrapping was off
};

struct RankingEvaluation {
    int64_t k = 0;
    TopKCounts overall;
    double recallAtK = std::numeric_limits<double>::quiet_NaN();
    double precisionAtK = std::numeric_limits<double>::quiet_NaN();
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    std::vector<GroupEvaluation> groups; // one per group index; empty without groups
    double recDiff = std::numeric_limits<double>::quiet_NaN();
    double precisionDiff = std::numeric_limits<double>::quiet_NaN();
    double aucDiff = std::numeric_limits<double>::quiet_NaN();
    Interval recDiffInterval;
};

struct EvaluationOptions {
    int64_t k = 0;
    bool bootstrap = true;
    BootstrapOptions bootstrapOptions;
};

// groups may be empty (no sensitive attribute; groupCount then 0). Failure as for the parts.
Result<RankingEvaluation> evaluateRanking(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount,
    const EvaluationOptions& options);

} // namespace fr
