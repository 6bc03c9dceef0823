// The group-aware ("fair") query strategy of the review loop: each batch keeps the groups'
// estimated shares of their anomalies found level, and spends the other slots on the top of the
// ranking.
#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace fr {

// How many anomalies one group holds, as far as the labels and the model tell.
struct GroupAnomalyEstimate {
    int group = 0;
    int64_t rows = 0;
    int64_t labelled = 0;
    int64_t found = 0; // labelled anomalies
    // P(anomaly) used for an unlabelled row that has no probability: (found + 1) / (labelled + 2),
    // or the same rate over every labelled row when the group has no labels yet.
    double fallbackProbability = 0;
    // Added to the logit of every probability of the group's rows: fitted so that the
    // probabilities of the group's labelled rows at or below their median probability add up to
    // the anomalies among them (a per-group intercept, fitted where the labels are nearest the
    // unlabelled rows; 0 with fewer than kMinLabelsToCalibrate such rows or one class only). The
    // head is fitted on all groups at once and can be calibrated for one and not another.
    double logitShift = 0;
    double expectedUnlabelled = 0; // sum of P(anomaly) over the group's unlabelled rows
    double variance = 0; // Poisson-binomial variance of that sum: sum of p (1 - p)
    double estimatedAnomalies = 0; // found + expectedUnlabelled
    // ~95% interval of estimatedAnomalies (normal approximation), within [found, found +
    // unlabelled].
    double low = 0;
    double high = 0;
    // found / estimatedAnomalies, and found / high .. found / low; NaN when the estimate is 0.
    double foundShare = std::numeric_limits<double>::quiet_NaN();
    double foundShareLow = std::numeric_limits<double>::quiet_NaN();
    double foundShareHigh = std::numeric_limits<double>::quiet_NaN();

    int64_t unlabelled() const { return rows - labelled; }
};

// One estimate per group 0..groupCount-1. labelOfRow: -1 unlabelled, 0 normal, 1 anomaly; it sets
// the number of rows. groupOfRow may be empty (no groups); a group outside [0, groupCount) counts
// as kNoGroup. probability: P(anomaly) per row; empty, or NaN for a row, means "no head yet" and
// the group's fallbackProbability stands in.
std::vector<GroupAnomalyEstimate> estimateGroupAnomalies(const std::vector<int>& groupOfRow,
    int groupCount, const std::vector<int8_t>& labelOfRow, const std::vector<float>& probability);

// Up to k unlabelled rows, no duplicates, in ranking order. order: row indices, most suspicious
// first. A slot goes to a lagging group's best-ranked unlabelled row only while that group's
// projected found share is clearly below the leader's; every other slot takes the best unlabelled
// row overall (kNoGroup rows only ever come in this way). With groupCount <= 1: the plain top-k.
std::vector<int64_t> fairBatch(const std::vector<int64_t>& order,
    const std::vector<int>& groupOfRow, int groupCount, const std::vector<int8_t>& labelOfRow,
    const std::vector<float>& probability, int k);

} // namespace fr
