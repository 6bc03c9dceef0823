// Choosing between the prior and the head by their recent finds (arm_selection.h).
#include "active/arm_selection.h"

#include <cmath>

namespace fr {

namespace {

// The weight of an outcome falls by this factor with every later label: about the last 50 labels
// count. Chosen across the benchmark suite (docs/ALGORITHMS.md §8), not per data set.
constexpr double kOutcomeDiscount = 0.98;
constexpr double kBetaPrior = 0.5; // Jeffreys' Beta(1/2, 1/2)

struct Posterior {
    double hits = kBetaPrior;
    double misses = kBetaPrior;
    double mean() const { return hits / (hits + misses); }
    double variance() const
    {
        const double n = hits + misses;
        return hits * misses / (n * n * (n + 1.0));
    }
};

} // namespace

double headShare(const std::vector<RankerOutcome>& outcomes)
{
    Posterior prior, head;
    double weight = 1.0;
    bool headPicked = false;
    for (auto it = outcomes.rbegin(); it != outcomes.rend(); ++it, weight *= kOutcomeDiscount) {
        Posterior& p = it->ranker == Ranker::Head ? head : prior;
        headPicked = headPicked || it->ranker == Ranker::Head;
        (it->anomaly ? p.hits : p.misses) += weight;
    }
    // P(theta_head > theta_prior) with both posteriors taken as normal: Phi(dmu / sd).
    const double sd = std::sqrt(head.variance() + prior.variance());
    const double share = 0.5 * std::erfc(-(head.mean() - prior.mean()) / (sd * std::sqrt(2.0)));
    return headPicked || !outcomes.empty() ? share : 0.0;
}

MergedRanking mergeRankings(const std::vector<int64_t>& prior, const std::vector<int64_t>& head,
    const std::vector<int8_t>& labelOfRow, double headShare)
{
    const size_t rows = prior.size();
    MergedRanking merged;
    merged.order.reserve(rows);
    merged.rankerOfRow.assign(rows, Ranker::Prior);
    std::vector<bool> placed(rows, false);
    size_t nextPrior = 0, nextHead = 0;
    double credit = 0.5; // rounds the share to the nearest position; at 1/2 the prior goes first
    auto take = [&](const std::vector<int64_t>& from, size_t& next, Ranker ranker) {
        while (next < from.size() && placed[static_cast<size_t>(from[next])])
            ++next;
        if (next == from.size())
            return false;
        const int64_t row = from[next++];
        placed[static_cast<size_t>(row)] = true;
        merged.order.push_back(row);
        merged.rankerOfRow[static_cast<size_t>(row)] = ranker;
        if (labelOfRow.empty() || labelOfRow[static_cast<size_t>(row)] < 0)
            credit += headShare - (ranker == Ranker::Head ? 1.0 : 0.0);
        return true;
    };
    while (merged.order.size() < rows) {
        const bool headTurn = credit >= 1.0 || headShare >= 1.0;
        if (!(headTurn ? take(head, nextHead, Ranker::Head) : take(prior, nextPrior, Ranker::Prior))
            && !take(headTurn ? prior : head, headTurn ? nextPrior : nextHead,
                headTurn ? Ranker::Prior : Ranker::Head))
            break;
    }
    return merged;
}

} // namespace fr
