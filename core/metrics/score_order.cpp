// The shared row order and the tie-aware AUC sweep of core/metrics.
#include "metrics/score_order.h"

#include <algorithm>

namespace fr::metrics_detail {

std::vector<KeyedRow> keyedRows(const std::vector<float>& scores)
{
    std::vector<KeyedRow> rows(scores.size());
    for (size_t i = 0; i < scores.size(); ++i)
        rows[i] = {rankKey(scores[i]), static_cast<int64_t>(i)};
    return rows;
}

namespace {

// Running Mann-Whitney counts of one group. Counts are doubled so that a tie's half stays an
// integer: the AUC is exact up to the final division.
struct AucTally {
    int64_t anomalies = 0;
    int64_t normalsBelow = 0;
    int64_t twiceWins = 0;
    int64_t blockAnomalies = 0;
    int64_t blockNormals = 0;
    bool touched = false;

    void closeBlock()
    {
        twiceWins += blockAnomalies * (2 * normalsBelow + blockNormals);
        anomalies += blockAnomalies;
        normalsBelow += blockNormals;
        blockAnomalies = blockNormals = 0;
        touched = false;
    }
    double auc() const
    {
        if (anomalies == 0 || normalsBelow == 0)
            return std::numeric_limits<double>::quiet_NaN();
        return static_cast<double>(twiceWins) / (2.0 * anomalies * normalsBelow);
    }
};

} // namespace

std::vector<double> aucPerGroup(const std::vector<float>& scores, const std::vector<int8_t>& truth,
    const std::vector<int>* groupOfRow, int groupCount)
{
    std::vector<KeyedRow> rows = keyedRows(scores);
    std::sort(rows.begin(), rows.end(),
        [](const KeyedRow& a, const KeyedRow& b) { return a.key < b.key; });
    std::vector<AucTally> tallies(groupCount);
    std::vector<int> touched;
    for (size_t begin = 0; begin < rows.size();) {
        size_t end = begin;
        // One block of equal scores: every anomaly in it beats the normals below and ties the
        // normals inside.
        for (; end < rows.size() && rows[end].key == rows[begin].key; ++end) {
            int64_t row = rows[end].row;
            int group = groupOfRow ? (*groupOfRow)[row] : 0;
            if (group < 0)
                continue;
            AucTally& tally = tallies[group];
            (truth[row] ? tally.blockAnomalies : tally.blockNormals) += 1;
            if (!tally.touched) {
                tally.touched = true;
                touched.push_back(group);
            }
        }
        for (int group : touched)
            tallies[group].closeBlock();
        touched.clear();
        begin = end;
    }
    std::vector<double> aucs(groupCount);
    for (int g = 0; g < groupCount; ++g)
        aucs[g] = tallies[g].auc();
    return aucs;
}

} // namespace fr::metrics_detail
