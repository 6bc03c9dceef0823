// One call for every §5 figure of a ranking at K: overall, per group, gaps, bootstrap intervals.
#include "metrics/ranking_evaluation.h"

namespace fr {

namespace {

Status addGroupFigures(RankingEvaluation& evaluation, const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount,
    const EvaluationOptions& options)
{
    Result<std::vector<GroupTopKFigures>> atK
        = groupRecallAtK(scores, truth, groups, groupCount, options.k);
    if (!atK.ok())
        return atK.status();
    Result<std::vector<double>> aucs = groupRocAuc(scores, truth, groups, groupCount);
    if (!aucs.ok())
        return aucs.status();
    for (int g = 0; g < groupCount; ++g)
        evaluation.groups.push_back({atK.value()[g], aucs.value()[g], {}});
    evaluation.recDiff = recallDifference(atK.value());
    evaluation.precisionDiff = precisionDifference(atK.value());
    evaluation.aucDiff = aucDifference(aucs.value());
    if (!options.bootstrap)
        return Status::success();
    Result<GroupRecallIntervals> intervals
        = bootstrapGroupRecall(atK.value(), options.bootstrapOptions);
    if (!intervals.ok())
        return intervals.status();
    for (int g = 0; g < groupCount; ++g)
        evaluation.groups[g].recallInterval = intervals.value().recall[g];
    evaluation.recDiffInterval = intervals.value().recallDifference;
    return Status::success();
}

} // namespace

Result<RankingEvaluation> evaluateRanking(const std::vector<float>& scores,
    const std::vector<int8_t>& truth, const std::vector<int>& groups, int groupCount,
    const EvaluationOptions& options)
{
    Result<TopKCounts> overall = topKCounts(scores, truth, options.k);
    if (!overall.ok())
        return overall.status();
    RankingEvaluation evaluation;
    evaluation.k = options.k;
    evaluation.overall = overall.value();
    evaluation.recallAtK = evaluation.overall.recall();
    evaluation.precisionAtK = evaluation.overall.precision();
    evaluation.rocAuc = rocAuc(scores, truth).value();
    if (groups.empty() && groupCount == 0)
        return evaluation;
    Status grouped = addGroupFigures(evaluation, scores, truth, groups, groupCount, options);
    if (!grouped.ok())
        return grouped;
    return evaluation;
}

} // namespace fr
