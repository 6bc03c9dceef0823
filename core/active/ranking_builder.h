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

struct RankingInputs {
    int64_t modelVersion = 0;
    RankReason reason = RankReason::BaseScore; // chooseRankReason's answer
    // The product's loop (ALGORITHMS.md §8): once the head ranks, it competes with the label-free
    // prior for the queue's positions (arm_selection.h) instead of replacing it.
    bool priorCompetes = false;
    std::vector<int8_t> labelOfRow; // -1 unlabelled; only read when the prior competes
    std::vector<RankerOutcome> outcomes; // the labels so far, by the ranker that showed the row
    const RankingSnapshot* previous = nullptr; // for a PCA orientation that does not flip
};

std::shared_ptr<RankingSnapshot> buildRankingSnapshot(
    const models::DetectorOutput& output, const RankingInputs& inputs);

} // namespace fr
