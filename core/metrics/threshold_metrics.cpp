// Threshold at a target FPR from the labelled normals, TPR at a threshold, relative scoring bias.
#include "metrics/threshold_metrics.h"

#include "metrics/group_metrics.h"
#include "metrics/ranking.h"
#include "metrics/score_order.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace fr {

using metrics_detail::rankKey;

Result<FprThreshold> thresholdAtFpr(const std::vector<float>& normalScores, double q)
{
    if (normalScores.empty())
        return Result<FprThreshold>::failure(
            "no labelled normal rows: a threshold at a false-positive rate needs some");
    if (!(q >= 0.0 && q <= 1.0))
        return Result<FprThreshold>::failure("q is " + std::to_string(q)
            + ", expected a share between 0 and 1 (the target false-positive rate is 1 - q)");
    std::vector<float> sorted(normalScores.size());
    std::transform(normalScores.begin(), normalScores.end(), sorted.begin(), rankKey);
    std::sort(sorted.begin(), sorted.end());
    const double n0 = static_cast<double>(sorted.size());
    FprThreshold result;
    result.targetFpr = 1.0 - q;
    result.normals = static_cast<int64_t>(sorted.size());
    // Candidates from the lowest up: -inf first (it passes only when F0(-inf) >= q, i.e. q = 0 or
    // enough NaN normals), then each step of F0. The last step has F0 = 1 >= q, so one passes.
    // atOrBelow = the normals <= tau.
    int64_t atOrBelow = std::count(sorted.begin(), sorted.end(), result.threshold);
    for (size_t end = static_cast<size_t>(atOrBelow); static_cast<double>(end) / n0 < q;) {
        const float value = sorted[end];
        while (end < sorted.size() && sorted[end] == value)
            ++end;
        result.threshold = value;
        atOrBelow = static_cast<int64_t>(end);
    }
    result.realisedFpr = static_cast<double>(result.normals - atOrBelow) / n0;
    return result;
}

double tprAtThreshold(const std::vector<float>& anomalyScores, double threshold)
{
    if (anomalyScores.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const auto above = std::count_if(anomalyScores.begin(), anomalyScores.end(),
        [threshold](float s) { return rankKey(s) > threshold; });
    return static_cast<double>(above) / static_cast<double>(anomalyScores.size());
}

namespace {

Status checkBiasInputs(const std::vector<float>& baseScores, const std::vector<float>& otherScores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount)
{
    if (baseScores.size() != otherScores.size())
        return Status::failure(std::to_string(baseScores.size()) + " base scores but "
            + std::to_string(otherScores.size())
            + " other scores: both scorers must score every row");
    Status valid = checkScoresAndTruth(baseScores, truth);
    if (!valid.ok())
        return valid;
    if (groups.empty() && groupCount == 0)
        return Status::success();
    return checkGroups(groups, groupCount, baseScores.size());
}

// The scores of the rows whose truth is `label` and (group < 0) any or exactly that group.
std::vector<float> scoresOf(const std::vector<float>& scores, const std::vector<int8_t>& truth,
    int8_t label, const std::vector<int>& groups, int group)
{
    std::vector<float> selected;
    for (size_t i = 0; i < scores.size(); ++i) {
        if (truth[i] == label && (group < 0 || groups[i] == group))
            selected.push_back(scores[i]);
    }
    return selected;
}

} // namespace

Result<ScoringBias> scoringBias(const std::vector<float>& baseScores,
    const std::vector<float>& otherScores, const std::vector<int8_t>& truth,
    const std::vector<int>& groups, int groupCount, double q)
{
    Status valid = checkBiasInputs(baseScores, otherScores, truth, groups, groupCount);
    if (!valid.ok())
        return valid;
    Result<FprThreshold> base = thresholdAtFpr(scoresOf(baseScores, truth, 0, groups, -1), q);
    if (!base.ok())
        return base.status();
    Result<FprThreshold> other = thresholdAtFpr(scoresOf(otherScores, truth, 0, groups, -1), q);
    if (!other.ok())
        return other.status();
    ScoringBias bias;
    bias.thresholdBase = base.value();
    bias.thresholdOther = other.value();
    const double tauBase = bias.thresholdBase.threshold;
    const double tauOther = bias.thresholdOther.threshold;
    bias.tprBase = tprAtThreshold(scoresOf(baseScores, truth, 1, groups, -1), tauBase);
    bias.tprOther = tprAtThreshold(scoresOf(otherScores, truth, 1, groups, -1), tauOther);
    bias.bias = bias.tprOther - bias.tprBase;
    for (int g = 0; g < groupCount; ++g) {
        GroupScoringBias figure;
        figure.group = g;
        figure.rows = std::count(groups.begin(), groups.end(), g);
        const std::vector<float> anomaliesBase = scoresOf(baseScores, truth, 1, groups, g);
        figure.anomalies = static_cast<int64_t>(anomaliesBase.size());
        figure.tprBase = tprAtThreshold(anomaliesBase, tauBase);
        figure.tprOther = tprAtThreshold(scoresOf(otherScores, truth, 1, groups, g), tauOther);
        figure.bias = figure.tprOther - figure.tprBase;
        bias.groups.push_back(figure);
    }
    return bias;
}

Result<ScoringBias> scoringBiasOnKnownRows(const std::vector<float>& baseScores,
    const std::vector<float>& otherScores, const std::vector<int8_t>& truthOfRow,
    const std::vector<int>& groups, int groupCount, double q)
{
    const size_t n = truthOfRow.size();
    if (baseScores.size() != n || otherScores.size() != n
        || (!groups.empty() && groups.size() != n))
        return Result<ScoringBias>::failure(std::to_string(n) + " truth values for "
            + std::to_string(baseScores.size()) + " base scores, "
            + std::to_string(otherScores.size()) + " other scores and "
            + std::to_string(groups.size()) + " groups: every row needs one of each");
    std::vector<float> base, other;
    std::vector<int8_t> truth;
    std::vector<int> known;
    for (size_t i = 0; i < n; ++i) {
        const int8_t t = truthOfRow[i];
        if (t != -1 && t != 0 && t != 1)
            return Result<ScoringBias>::failure("row " + std::to_string(i) + " has truth "
                + std::to_string(int(t)) + ", expected 1, 0 or -1 (not known)");
        if (t == -1)
            continue;
        base.push_back(baseScores[i]);
        other.push_back(otherScores[i]);
        truth.push_back(t);
        if (!groups.empty())
            known.push_back(groups[i]);
    }
    return scoringBias(base, other, truth, known, groupCount, q);
}

} // namespace fr
