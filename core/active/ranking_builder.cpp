#include "active/ranking_builder.h"

#include "metrics/ranking.h"

#include <limits>

namespace fr {

RankReason chooseRankReason(
    int roundsDone, int coldStartRounds, bool bothClassesLabelled, bool headTrained)
{
    if (roundsDone < coldStartRounds || !bothClassesLabelled || !headTrained)
        return RankReason::BaseScore;
    return RankReason::HeadProbability;
}

namespace {

// The queue's order and who placed each row: one ranking, or the prior and the head interleaved.
void orderRows(
    const models::DetectorOutput& output, const RankingInputs& inputs, RankingSnapshot& snapshot)
{
    const size_t rows = output.score.size();
    const std::vector<float>& labelFree = output.prior.size() == rows ? output.prior : output.score;
    if (snapshot.reason == RankReason::BaseScore || !inputs.priorCompetes) {
        const bool byHead = snapshot.reason == RankReason::HeadProbability;
        snapshot.order = rankOrder(byHead ? output.logit : labelFree);
        snapshot.rankerOfRow.assign(rows, byHead ? Ranker::Head : Ranker::Prior);
        snapshot.headShare = byHead ? 1.0 : 0.0;
        return;
    }
    snapshot.headShare = headShare(inputs.outcomes);
    MergedRanking merged = mergeRankings(
        rankOrder(labelFree), rankOrder(output.logit), inputs.labelOfRow, snapshot.headShare);
    snapshot.order = std::move(merged.order);
    snapshot.rankerOfRow = std::move(merged.rankerOfRow);
    snapshot.reason
        = snapshot.headShare >= 0.5 ? RankReason::HeadProbability : RankReason::BaseScore;
}

} // namespace

std::shared_ptr<RankingSnapshot> buildRankingSnapshot(
    const models::DetectorOutput& output, const RankingInputs& inputs)
{
    auto snapshot = std::make_shared<RankingSnapshot>();
    const size_t rows = output.score.size();
    const RankingSnapshot* previous = inputs.previous;
    snapshot->modelVersion = inputs.modelVersion;
    snapshot->reason = output.logit.size() == rows ? inputs.reason : RankReason::BaseScore;
    snapshot->score = output.score;
    snapshot->prior = output.prior.size() == rows ? output.prior : output.score;
    snapshot->probability = output.probability.size() == rows
        ? output.probability
        : std::vector<float>(rows, std::numeric_limits<float>::quiet_NaN());
    // The head ranks by its logit: the probability saturates to 1.0f for many rows.
    orderRows(output, inputs, *snapshot);
    snapshot->rankOfRow = rankOfRow(snapshot->order);
    if (!output.latent.empty()) {
        models::Projection2d previous2d;
        if (previous) {
            previous2d.x = previous->latentX;
            previous2d.y = previous->latentY;
        }
        models::Projection2d p = models::Detector::projectLatent(output.latent,
            static_cast<int64_t>(rows), output.latentDim,
            previous && previous->latentX.size() == rows ? &previous2d : nullptr);
        snapshot->latentX = std::move(p.x);
        snapshot->latentY = std::move(p.y);
    }
    return snapshot;
}

} // namespace fr
