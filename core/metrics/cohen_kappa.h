// Cohen's kappa between two raters of the same items on two classes (anomaly / normal): how far
// their agreement exceeds what their own label rates would give by chance (ALGORITHMS.md §10).
// Plain C++; the second review's agreement, overall and per group, is built on it.
#pragma once

#include <cstdint>
#include <vector>

namespace fr {

struct KappaResult {
    int64_t pairs = 0; // items both raters labelled
    int64_t agreements = 0;
    double observed = 0.0; // p_o: share of pairs on which the raters agree; NaN without pairs
    double expected = 0.0; // p_e: agreement by chance from each rater's anomaly rate; NaN likewise
    // (p_o - p_e) / (1 - p_e); NaN when undefined: no pairs, or every label of both raters in one
    // class (p_e = 1), where agreement says nothing beyond the class rate.
    double kappa = 0.0;
    bool defined() const { return pairs > 0 && expected < 1.0; }
};

// first[i] and second[i]: the two raters' labels of item i, 1 anomaly and 0 normal. The vectors
// must be equally long (the shorter length is used otherwise).
KappaResult cohenKappa(const std::vector<int8_t>& first, const std::vector<int8_t>& second);

} // namespace fr
