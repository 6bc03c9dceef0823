#include "active/second_review.h"

#include "data/seeded_sampling.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace fr {

namespace {

int groupOf(const Dataset& data, int64_t row)
{
    if (!data.hasGroups() || row < 0 || row >= static_cast<int64_t>(data.groups.size()))
        return kNoGroup;
    return data.groups[static_cast<size_t>(row)];
}

// Per stratum, how many to draw: proportional with largest remainders, at least one per non-empty
// stratum while the sample has room (a small group is judged at all), never more than it holds.
std::vector<int64_t> allocate(const std::vector<int64_t>& sizes, int64_t total)
{
    std::vector<int64_t> take(sizes.size(), 0);
    int64_t all = 0;
    for (int64_t s : sizes)
        all += s;
    total = std::min(total, all);
    if (total <= 0)
        return take;
    int64_t given = 0;
    std::vector<std::pair<double, size_t>> remainders;
    for (size_t i = 0; i < sizes.size(); ++i) {
        const double exact = static_cast<double>(sizes[i]) * total / all;
        take[i] = static_cast<int64_t>(exact);
        given += take[i];
        remainders.push_back({exact - static_cast<double>(take[i]), i});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
        [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t j = 0; given < total && j < remainders.size(); ++j, ++given)
        ++take[remainders[j].second];
    // A group left at 0 takes one from the largest allocation above 1.
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (sizes[i] == 0 || take[i] > 0)
            continue;
        auto donor = std::max_element(take.begin(), take.end());
        if (*donor <= 1)
            break;
        --*donor;
        take[i] = 1;
    }
    return take;
}

} // namespace

std::vector<LabelRecord> reviewableLabels(const std::vector<LabelRecord>& labels,
    const std::vector<SecondReviewRecord>& reviews, const std::string& reviewer)
{
    std::set<int64_t> reviewed;
    for (const SecondReviewRecord& r : reviews)
        reviewed.insert(r.labelId);
    std::vector<LabelRecord> out;
    for (const LabelRecord& l : labels)
        if (!l.undone && l.analyst != reviewer && !reviewed.count(l.id))
            out.push_back(l);
    return out;
}

std::vector<LabelRecord> drawSecondReviewSample(
    const std::vector<LabelRecord>& candidates, const Dataset& data, int64_t size, uint64_t seed)
{
    std::map<int, std::vector<size_t>> strata; // group (kNoGroup first) → candidate indices
    for (size_t i = 0; i < candidates.size(); ++i)
        strata[groupOf(data, candidates[i].row)].push_back(i);
    std::vector<int64_t> sizes;
    for (const auto& [group, members] : strata)
        sizes.push_back(static_cast<int64_t>(members.size()));
    const std::vector<int64_t> take = allocate(sizes, size);
    std::mt19937_64 rng(seed);
    std::vector<LabelRecord> sample;
    size_t s = 0;
    for (const auto& [group, members] : strata) {
        const auto n = static_cast<int64_t>(members.size());
        for (int64_t pick : sampleWithoutReplacement(n, take[s++], rng))
            sample.push_back(candidates[members[static_cast<size_t>(pick)]]);
    }
    // Shuffle with the same reproducible draw (std::shuffle's algorithm is not fixed).
    for (size_t i = sample.size(); i > 1; --i)
        std::swap(sample[i - 1], sample[uniformBelow(rng, i)]);
    return sample;
}

ReviewAgreement reviewAgreement(const std::vector<LabelRecord>& labels,
    const std::vector<SecondReviewRecord>& reviews, const Dataset& data)
{
    std::map<int64_t, const LabelRecord*> active;
    for (const LabelRecord& l : labels)
        if (!l.undone)
            active[l.id] = &l;
    const size_t groups = data.hasGroups() ? data.groupNames.size() : 0;
    std::vector<int8_t> first, second;
    std::vector<std::vector<int8_t>> firstOf(groups), secondOf(groups);
    for (const SecondReviewRecord& r : reviews) {
        auto it = active.find(r.labelId);
        if (it == active.end())
            continue; // its first label was undone: there is no pair
        const int8_t a = static_cast<int8_t>(it->second->label);
        const int8_t b = static_cast<int8_t>(r.label);
        first.push_back(a);
        second.push_back(b);
        const int g = groupOf(data, it->second->row);
        if (g >= 0 && static_cast<size_t>(g) < groups) {
            firstOf[static_cast<size_t>(g)].push_back(a);
            secondOf[static_cast<size_t>(g)].push_back(b);
        }
    }
    ReviewAgreement out;
    out.overall = cohenKappa(first, second);
    for (size_t g = 0; g < groups; ++g)
        out.groups.push_back({data.groupNames[g], cohenKappa(firstOf[g], secondOf[g])});
    return out;
}

} // namespace fr
