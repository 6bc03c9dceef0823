// Per-group metrics for fairness (ALGORITHMS.md §5): each group's recall and precision in the
// GLOBAL top K (one threshold for everybody, as a deployed reviewer would flag), its ROC-AUC, and
// the gaps between groups (Rec Diff, Precision Diff, AUC Diff).
//
// groups[row] is an index in [0, groupCount), or kNoGroup (-1) for a row without a group: such a
// row still competes for the global top K but is counted in no group. Conventions: see ranking.h.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

struct GroupTopKFigures {
    int group = 0; // index into the data set's group names
    int64_t rows = 0; // rows of the group
    int64_t anomalies = 0; // truth == 1 among them
    int64_t flagged = 0; // the group's rows in the global top K
    int64_t anomaliesFlagged = 0; // the group's anomalies in the global top K
    // anomaliesFlagged / anomalies: the group's Recall@K at the global threshold; NaN without
    // anomalies.
    double recall = std::numeric_limits<double>::quiet_NaN();
    // anomaliesFlagged / flagged: precision among the group's flagged rows; NaN when none flagged.
    double precision = std::numeric_limits<double>::quiet_NaN();
};

// One entry per group 0..groupCount-1 (also for empty groups), top K taken over ALL rows.
// Failure on size mismatch, truth other than 0/1, a group index outside [-1, groupCount), K < 0.
Result<std::vector<GroupTopKFigures>> groupRecallAtK(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount, int64_t k);

// ROC-AUC within each group's own rows (same definition as rocAuc()); NaN for a group that lacks
// either class. One sort for all groups.
Result<std::vector<double>> groupRocAuc(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount);

// The largest |a - b| over all pairs of non-NaN values. With two groups (protected vs the rest)
// this is |value_P - value_U|; with more groups it is the widest gap between any two groups
// (the multi-group reading of ALGORITHMS.md §5). NaN when fewer than two values are defined.
double maxPairwiseDifference(const std::vector<double>& values);

// Rec Diff = maxPairwiseDifference of the groups' recall (groups without anomalies skipped).
double recallDifference(const std::vector<GroupTopKFigures>& groups);
// Precision Diff = maxPairwiseDifference of the groups' precision in the global top K.
double precisionDifference(const std::vector<GroupTopKFigures>& groups);
// AUC Diff = maxPairwiseDifference of groupRocAuc().
double aucDifference(const std::vector<double>& groupAucs);

// Checks groups against scores: equal sizes and indices in [-1, groupCount); names the first
// offending row.
Status checkGroups(const std::vector<int>& groups, int groupCount, size_t rows);

} // namespace fr
