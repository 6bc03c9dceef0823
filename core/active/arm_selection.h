// The product's ranking rule (ALGORITHMS.md §8): two rankers compete for the analyst's batch, the
// label-free prior and the UAI head, and the labels say which works. Each queue position is given
// to one of them in proportion to the probability that it is the better one, judged from the
// anomalies found among the rows it put forward recently (a deterministic form of Thompson
// sampling over two Beta posteriors). A head that has not yet earned its place gets only a few
// slots, and takes the queue over as its picks prove better: the active loop cannot fall far
// behind its own prior, and it does not have to wait a fixed number of rounds either.
#pragma once

#include <cstdint>
#include <vector>

namespace fr {

// Who put a row forward. (Crediting a row to both rankers when the other would have shown it
// soon too was measured and dropped: 174 instead of 193 found in Arrests' first 500 labels.)
enum class Ranker : int8_t { Prior = 0, Head = 1 };

// One labelled row and the ranker that put it forward, oldest first.
struct RankerOutcome {
    Ranker ranker = Ranker::Prior;
    bool anomaly = false;
};

// P(the head's hit rate > the prior's) under Beta(1/2, 1/2) posteriors of the recent outcomes,
// each outcome discounted by kOutcomeDiscount per later label (the rankers' hit rates change as
// the ranking goes deeper and the head learns). 0 when the head has no picks yet and the prior
// has found nothing worse than a coin: see the .cpp for the normal approximation.
double headShare(const std::vector<RankerOutcome>& outcomes);

struct MergedRanking {
    std::vector<int64_t> order; // every row once
    std::vector<Ranker> rankerOfRow; // who placed each row
};

// Interleaves two rankings of the same rows (most suspicious first): each position that an
// unlabelled row takes goes to the head with the running share headShare (a deterministic
// accumulator, no random draws), the ranker taking its best row not placed yet. Labelled rows
// (labelOfRow >= 0) keep their places but do not use up a share. headShare 0 or 1 gives one
// ranking unchanged.
MergedRanking mergeRankings(const std::vector<int64_t>& prior, const std::vector<int64_t>& head,
    const std::vector<int8_t>& labelOfRow, double headShare);

} // namespace fr
