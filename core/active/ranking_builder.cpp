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

std::shared_ptr<RankingSnapshot> buildRankingSnapshot(const models::DetectorOutput& output,
    RankReason reason, int64_t modelVersion, const RankingSnapshot* previous)
{
    auto snapshot = std::make_shared<RankingSnapshot>();
    const size_t rows = output.score.size();
    if (output.logit.size() != rows)
        reason = RankReason::BaseScore;
    snapshot->modelVersion = modelVersion;
    snapshot->reason = reason;
    snapshot->score = output.score;
    snapshot->probability = output.probability.size() == rows
        ? output.probability
        : std::vector<float>(rows, std::numeric_limits<float>::quiet_NaN());
    // The head ranks by its logit: the probability saturates to 1.0f for many rows.
    snapshot->order
        = rankOrder(reason == RankReason::HeadProbability ? output.logit : output.score);
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
