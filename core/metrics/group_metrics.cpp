// Per-group Recall@K / Precision@K at the global top K, per-group AUC, and the gaps between groups.
#include "metrics/group_metrics.h"

#include "data/dataset.h"
#include "metrics/ranking.h"
#include "metrics/score_order.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace fr {

Status checkGroups(const std::vector<int>& groups, int groupCount, size_t rows)
{
    if (groupCount < 0)
        return Status::failure("group count is " + std::to_string(groupCount) + ", expected >= 0");
    if (groups.size() != rows)
        return Status::failure(std::to_string(rows) + " scores but " + std::to_string(groups.size())
            + " group values: one group index per row is needed");
    for (size_t i = 0; i < groups.size(); ++i) {
        if (groups[i] < kNoGroup || groups[i] >= groupCount)
            return Status::failure("group of row " + std::to_string(i) + " is "
                + std::to_string(groups[i]) + ", expected -1 (none) to "
                + std::to_string(groupCount - 1));
    }
    return Status::success();
}

namespace {

Status checkAll(const std::vector<float>& scores, const std::vector<int8_t>& truth,
    const std::vector<int>& groups, int groupCount)
{
    Status valid = checkScoresAndTruth(scores, truth);
    return valid.ok() ? checkGroups(groups, groupCount, scores.size()) : valid;
}

double ratioOrNaN(int64_t numerator, int64_t denominator)
{
    return denominator > 0 ? static_cast<double>(numerator) / denominator
                           : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

Result<std::vector<GroupTopKFigures>> groupRecallAtK(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount, int64_t k)
{
    Status valid = checkAll(scores, truth, groups, groupCount);
    if (!valid.ok())
        return valid;
    Result<std::vector<uint8_t>> mask = topKMask(scores, k);
    if (!mask.ok())
        return mask.status();
    std::vector<GroupTopKFigures> figures(groupCount);
    for (int g = 0; g < groupCount; ++g)
        figures[g].group = g;
    for (size_t i = 0; i < scores.size(); ++i) {
        if (groups[i] == kNoGroup)
            continue;
        GroupTopKFigures& f = figures[groups[i]];
        const int flagged = mask.value()[i];
        f.rows += 1;
        f.anomalies += truth[i];
        f.flagged += flagged;
        f.anomaliesFlagged += truth[i] & flagged;
    }
    for (GroupTopKFigures& f : figures) {
        f.recall = ratioOrNaN(f.anomaliesFlagged, f.anomalies);
        f.precision = ratioOrNaN(f.anomaliesFlagged, f.flagged);
    }
    return figures;
}

Result<std::vector<double>> groupRocAuc(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount)
{
    Status valid = checkAll(scores, truth, groups, groupCount);
    if (!valid.ok())
        return valid;
    return metrics_detail::aucPerGroup(scores, truth, &groups, groupCount);
}

double maxPairwiseDifference(const std::vector<double>& values)
{
    // The widest gap between two values is max - min over the defined ones.
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    int defined = 0;
    for (double v : values) {
        if (std::isnan(v))
            continue;
        low = std::min(low, v);
        high = std::max(high, v);
        ++defined;
    }
    return defined >= 2 ? high - low : std::numeric_limits<double>::quiet_NaN();
}

double recallDifference(const std::vector<GroupTopKFigures>& groups)
{
    std::vector<double> recalls;
    for (const GroupTopKFigures& g : groups)
        recalls.push_back(g.recall);
    return maxPairwiseDifference(recalls);
}

double precisionDifference(const std::vector<GroupTopKFigures>& groups)
{
    std::vector<double> precisions;
    for (const GroupTopKFigures& g : groups)
        precisions.push_back(g.precision);
    return maxPairwiseDifference(precisions);
}

double aucDifference(const std::vector<double>& groupAucs)
{
    return maxPairwiseDifference(groupAucs);
}

} // namespace fr
