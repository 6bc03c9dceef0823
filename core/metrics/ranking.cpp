// Whole-data ranking metrics: review order, top-K counts, Recall@K, Precision@K, ROC-AUC.
#include "metrics/ranking.h"

#include "metrics/score_order.h"

#include <algorithm>
#include <limits>
#include <string>

namespace fr {

using metrics_detail::KeyedRow;

std::vector<int64_t> rankOrder(const std::vector<float>& scores)
{
    std::vector<KeyedRow> rows = metrics_detail::keyedRows(scores);
    std::sort(rows.begin(), rows.end(), metrics_detail::reviewsBefore);
    std::vector<int64_t> order(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        order[i] = rows[i].row;
    return order;
}

std::vector<int64_t> rankOfRow(const std::vector<int64_t>& order)
{
    std::vector<int64_t> ranks(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        ranks[order[i]] = static_cast<int64_t>(i) + 1;
    return ranks;
}

Result<std::vector<uint8_t>> topKMask(const std::vector<float>& scores, int64_t k)
{
    if (k < 0)
        return Result<std::vector<uint8_t>>::failure(
            "K is " + std::to_string(k) + ": the number of flagged rows cannot be negative");
    const int64_t n = static_cast<int64_t>(scores.size());
    if (k >= n)
        return std::vector<uint8_t>(scores.size(), 1);
    std::vector<uint8_t> mask(scores.size(), 0);
    if (k == 0)
        return mask;
    // The order is total, so the top K set is unique and a partial selection finds it in O(n).
    std::vector<KeyedRow> rows = metrics_detail::keyedRows(scores);
    std::nth_element(rows.begin(), rows.begin() + k, rows.end(), metrics_detail::reviewsBefore);
    for (int64_t i = 0; i < k; ++i)
        mask[rows[i].row] = 1;
    return mask;
}

double TopKCounts::recall() const
{
    return anomalies > 0 ? static_cast<double>(anomaliesFlagged) / anomalies
                         : std::numeric_limits<double>::quiet_NaN();
}

double TopKCounts::precision() const
{
    return flagged > 0 ? static_cast<double>(anomaliesFlagged) / flagged
                       : std::numeric_limits<double>::quiet_NaN();
}

Status checkScoresAndTruth(const std::vector<float>& scores, const std::vector<int8_t>& truth)
{
    if (scores.size() != truth.size())
        return Status::failure(std::to_string(scores.size()) + " scores but "
            + std::to_string(truth.size()) + " truth values: one of each per row is needed");
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] != 0 && truth[i] != 1)
            return Status::failure("truth of row " + std::to_string(i) + " is "
                + std::to_string(truth[i]) + ", expected 0 (normal) or 1 (anomaly)");
    }
    return Status::success();
}

Result<TopKCounts> topKCounts(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k)
{
    Status valid = checkScoresAndTruth(scores, truth);
    if (!valid.ok())
        return valid;
    Result<std::vector<uint8_t>> mask = topKMask(scores, k);
    if (!mask.ok())
        return mask.status();
    TopKCounts counts;
    counts.rows = static_cast<int64_t>(scores.size());
    counts.flagged = std::min(k, counts.rows);
    for (size_t i = 0; i < truth.size(); ++i) {
        counts.anomalies += truth[i];
        counts.anomaliesFlagged += truth[i] & mask.value()[i];
    }
    return counts;
}

Result<double> recallAtK(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k)
{
    Result<TopKCounts> counts = topKCounts(scores, truth, k);
    if (!counts.ok())
        return counts.status();
    return counts.value().recall();
}

Result<double> precisionAtK(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k)
{
    Result<TopKCounts> counts = topKCounts(scores, truth, k);
    if (!counts.ok())
        return counts.status();
    return counts.value().precision();
}

Result<double> rocAuc(const std::vector<float>& scores, const std::vector<int8_t>& truth)
{
    Status valid = checkScoresAndTruth(scores, truth);
    if (!valid.ok())
        return valid;
    return metrics_detail::aucPerGroup(scores, truth, nullptr, 1).front();
}

} // namespace fr
