#include "models/group_calibration.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace fr::models {

std::vector<double> midRankPercentiles(const std::vector<float>& score)
{
    const size_t n = score.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t {0});
    std::stable_sort(
        order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
    std::vector<double> out(n, 0.0);
    for (size_t begin = 0; begin < n;) {
        size_t end = begin + 1;
        while (end < n && score[order[end]] == score[order[begin]])
            ++end;
        const double meanRank = 0.5 * static_cast<double>(begin + end - 1);
        for (size_t i = begin; i < end; ++i)
            out[order[i]] = (meanRank + 0.5) / static_cast<double>(n);
        begin = end;
    }
    return out;
}

std::vector<float> calibrateScoresByGroup(
    const std::vector<float>& score, const std::vector<int>& groupOfRow)
{
    const std::vector<double> overall = midRankPercentiles(score);
    std::vector<double> within = overall;
    if (groupOfRow.size() == score.size()) {
        std::map<int, std::vector<size_t>> rowsOfGroup;
        for (size_t row = 0; row < score.size(); ++row)
            if (groupOfRow[row] >= 0)
                rowsOfGroup[groupOfRow[row]].push_back(row);
        for (const auto& [group, rows] : rowsOfGroup) {
            std::vector<float> groupScores(rows.size());
            for (size_t i = 0; i < rows.size(); ++i)
                groupScores[i] = score[rows[i]];
            const std::vector<double> p = midRankPercentiles(groupScores);
            for (size_t i = 0; i < rows.size(); ++i)
                within[rows[i]] = p[i];
        }
    }
    std::vector<float> out(score.size());
    for (size_t row = 0; row < score.size(); ++row)
        out[row] = static_cast<float>(
            kWithinGroupShare * within[row] + (1.0 - kWithinGroupShare) * overall[row]);
    return out;
}

} // namespace fr::models
