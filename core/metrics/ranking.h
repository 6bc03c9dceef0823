// Whole-data ranking metrics (ALGORITHMS.md §5): the review order, Recall@K, Precision@K and
// ROC-AUC. Scores are "higher = more anomalous"; truth is 1 for an anomaly and 0 for a normal row.
//
// Conventions shared by every unit in core/metrics:
// - A NaN score counts as -infinity (least anomalous), so a broken model never fails a metric;
//   the model code is the place to detect NaN.
// - Ties in the review order are broken by row index, lower first, so every order is total and
//   deterministic; the top K rows are the first K rows of rankOrder().
// - A figure with an empty denominator (no anomalies, no flagged rows, one class only) is NaN;
//   invalid input (sizes that differ, truth other than 0/1, K < 0) is a failure with a message.
// - Everything is O(n log n) or better: 1,000,000 rows are fine.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <vector>

namespace fr {

// Row indices, most anomalous first; ties by row index (lower first), NaN as -infinity.
std::vector<int64_t> rankOrder(const std::vector<float>& scores);

// 1-based rank per row for an order from rankOrder(): rankOfRow[order[i]] == i + 1.
std::vector<int64_t> rankOfRow(const std::vector<int64_t>& order);

// Membership of the top K (in the rankOrder() sense) per row, in O(n) without a full sort.
// K > n flags every row; K = 0 flags none. Failure when K < 0.
Result<std::vector<uint8_t>> topKMask(const std::vector<float>& scores, int64_t k);

// The counts behind Recall@K and Precision@K.
struct TopKCounts {
    int64_t rows = 0;
    int64_t anomalies = 0; // truth == 1 in all rows
    int64_t flagged = 0; // min(K, rows)
    int64_t anomaliesFlagged = 0; // truth == 1 in the top K
    double recall() const; // anomaliesFlagged / anomalies; NaN without anomalies
    double precision() const; // anomaliesFlagged / flagged; NaN when nothing is flagged
};

Result<TopKCounts> topKCounts(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k);

// Recall@K = anomalies in the top K / all anomalies (NaN without anomalies; K = 0 gives 0).
Result<double> recallAtK(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k);

// Precision@K = anomalies in the top K / min(K, n) (NaN when K = 0 or n = 0).
Result<double> precisionAtK(
    const std::vector<float>& scores, const std::vector<int8_t>& truth, int64_t k);

// ROC-AUC as the Mann-Whitney statistic with ties at their average rank: the probability that a
// random anomaly scores above a random normal row, a tie counting one half. Exact (integer counts).
// NaN when either class is absent.
Result<double> rocAuc(const std::vector<float>& scores, const std::vector<int8_t>& truth);

// Checks shared by the metrics: equal sizes and truth values 0/1 only. The message names the
// first offending row, e.g. "truth of row 17 is -1, expected 0 (normal) or 1 (anomaly)".
Status checkScoresAndTruth(const std::vector<float>& scores, const std::vector<int8_t>& truth);

} // namespace fr
