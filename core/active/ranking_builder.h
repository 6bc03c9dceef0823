// Builds the immutable RankingSnapshot a review session hands out from one scoring of every row:
// the cold-start rule of ALGORITHMS.md §3 picks the key (base score or head logit), the order is
// the metrics' total order (ties by row index), and the latent codes are projected to 2-D.
#pragma once

#include "active/session_snapshots.h"
#include "models/detector.h"

#include <memory>

namespace fr {

// Cold start (ALGORITHMS.md §3): rank by the base score for the first coldStartRounds rounds, or
// while the labels hold one class only (then the head has nothing to separate), else by the head.
RankReason chooseRankReason(
    int roundsDone, int coldStartRounds, bool bothClassesLabelled, bool headTrained);

// previous: the last snapshot, for a PCA orientation that does not flip between versions.
std::shared_ptr<RankingSnapshot> buildRankingSnapshot(const models::DetectorOutput& output,
    RankReason reason, int64_t modelVersion, const RankingSnapshot* previous);

} // namespace fr
