// Proxy check: the features that predict the sensitive group so well (folded one-vs-rest ROC-AUC)
// that blinding the group column would not hide the group from a model. Conventions: ranking.h.
#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

// Folded AUC from which a feature counts as a proxy for a group. A decision, not a paper's figure:
// 0.8 is the conventional "good discrimination" line for an AUC.
constexpr double kProxyAucThreshold = 0.8;

struct ProxyFeature {
    int64_t column = 0; // index into the matrix columns (Dataset::features)
    // AUC of the column value for separating `group` from the other groups, ties at their average
    // rank, folded to max(auc, 1 - auc): a feature that is low for the group is as telling as one
    // that is high.
    double auc = 0.5;
    int group = 0;
};

// For each group g (one-vs-rest) and each column: the Mann-Whitney AUC of the column value for
// membership in g, against the rows of the other groups; rows with kNoGroup are ignored, NaN
// values count as -infinity. With exactly two groups both one-vs-rest AUCs fold to the same
// figure, so only group 0 is evaluated and reported. A group without members, or without rows
// outside it, has no AUC and reports nothing; a constant column has AUC 0.5.
// Returns the (column, group) pairs with folded AUC >= threshold, strongest first (ties by column,
// then group). One sort per column: O(cols * n log n), about a second for 1,000,000 x 50.
// Failure when the matrix's values do not hold rows x cols, groupOfRow does not hold one entry
// per row, a group index is outside [0, groupCount) and not kNoGroup, groupCount < 0, or threshold
// is outside [0.5, 1].
Result<std::vector<ProxyFeature>> findGroupProxies(const FeatureMatrix& matrix,
    const std::vector<int>& groupOfRow, int groupCount, double threshold = kProxyAucThreshold);

// A proxy in the data set's own terms, for the wizard and the fairness report.
struct NamedGroupProxy {
    std::string feature; // the matrix column's name: "age", "sex=Male", "age (missing)"
    std::string sourceColumn; // the data file's column it comes from
    // The group it gives away; empty with exactly two groups, where a proxy gives away the split
    // itself (findGroupProxies reports only group 0 then).
    std::string group;
    double auc = 0.5; // folded
};

// findGroupProxies on a data set's matrix and groups, named, keeping for each (source column,
// group) only its strongest feature (a one-hot column and its missing indicator say the same
// thing twice). Strongest first. Empty when the data set has no group column.
Result<std::vector<NamedGroupProxy>> findDatasetGroupProxies(
    const Dataset& data, double threshold = kProxyAucThreshold);

} // namespace fr
