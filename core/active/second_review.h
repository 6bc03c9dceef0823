// Second review: a seeded sample of labelled rows, stratified by group, for another analyst to
// label without seeing the first label, and the agreement between the two (Cohen's kappa, overall
// and per group; ALGORITHMS.md §10). Plain C++; the window draws and shows it, the CLI's `kappa`
// reports it. The second labels train nothing (PROJECT_FILE.md, "Second review").
#pragma once

#include "data/dataset.h"
#include "metrics/cohen_kappa.h"
#include "store/records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

// The labels a second review of `reviewer` may draw from: active (not undone), made by another
// analyst, not reviewed yet. Oldest first.
std::vector<LabelRecord> reviewableLabels(const std::vector<LabelRecord>& labels,
    const std::vector<SecondReviewRecord>& reviews, const std::string& reviewer);

// `size` of `candidates` (all when fewer), stratified by the rows' groups of `data`: each group
// gets its share of the sample in proportion to its candidates (largest remainders), at least one
// while the size allows, drawn without replacement from an mt19937_64 seeded with `seed`. The
// result is shuffled, so that the order says nothing about the group. Without groups, a plain
// seeded draw.
std::vector<LabelRecord> drawSecondReviewSample(
    const std::vector<LabelRecord>& candidates, const Dataset& data, int64_t size, uint64_t seed);

struct GroupAgreement {
    std::string group;
    KappaResult kappa;
};

struct ReviewAgreement {
    KappaResult overall;
    std::vector<GroupAgreement> groups; // one per group of the data, in its order; empty without
};

// Pairs each second review with the active label it reviews (reviews of since-undone labels are
// left out) and computes kappa between the first and the second label.
ReviewAgreement reviewAgreement(const std::vector<LabelRecord>& labels,
    const std::vector<SecondReviewRecord>& reviews, const Dataset& data);

} // namespace fr
