// The semi-supervised protocol of the AA-BiGAN paper (ALGORITHMS.md §6, P5): a seeded train/test
// split stratified by the ground truth, training on the training part's normals plus a given number
// of its anomalies as "collected" (labelled) anomalies, drawn from given anomaly classes; the other
// training anomalies are left out (the paper's clean unlabelled set). Every test row is scored.
// Plain C++: the CLI's evaluate command and the tests use it.
#pragma once

#include "util/result.h"

#include <cstdint>
#include <vector>

namespace fr {

struct SemiSupervisedOptions {
    double testShare = 0.4; // Deep SAD's and AA-BiGAN's 60:40 split
    double labelledAnomalyRatio = 0.01; // collected anomalies / training normals
    std::vector<int> anomalyClasses; // empty: anomalies of every class may be collected
    uint64_t seed = 0;
};

struct SemiSupervisedSplit {
    std::vector<int64_t> trainNormals; // ascending
    std::vector<int64_t> labelledAnomalies; // ascending
    std::vector<int64_t> test; // ascending
    int64_t unusedAnomalies = 0; // training anomalies neither collected nor tested
};

// truth: 1 anomaly, 0 normal per row; sourceClass: the class per row (may be empty when
// options.anomalyClasses is). Fails with a message naming what is missing: no truth, a share out of
// (0, 1), too few anomalies of the chosen classes for the ratio, classes without a class per row.
Result<SemiSupervisedSplit> splitSemiSupervised(const std::vector<int8_t>& truth,
    const std::vector<int>& sourceClass, const SemiSupervisedOptions& options);

// Per-row training weights of the split: 1 for the training normals, 0 for every other row.
std::vector<float> trainingWeights(const SemiSupervisedSplit& split, int64_t rows);

} // namespace fr
