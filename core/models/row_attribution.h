// "Why this row", from the model itself: one row (given as its preprocessed values) run through a
// detector's parts, so that the explanation reads the same network, head and forest the ranking
// does. Plain C++ types; torch stays in the .cpp (ARCHITECTURE.md, "Layers").
#pragma once

#include "data/dataset.h"
#include "models/model_options.h"
#include "util/result.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace fr::models {

class Detector;

// The detector's parts on one row.
struct RowEvaluation {
    // False for a detector without a reconstruction (the Isolation Forest alone).
    bool hasReconstruction = false;
    std::vector<double> columnError; // (x - x̂)² per matrix column; empty without reconstruction
    // The base detector's own score, ||x - x̂||² (their sum in float), before any group
    // calibration (§2.3).
    double reconstructionError = 0.0;
    double forestScore = std::numeric_limits<double>::quiet_NaN(); // NaN without the prior (§8)
    // The trained head's logit as w_l·l(x) + w_r·r(x) + w_s·s~ + b (ALGORITHMS.md §8): the latent
    // code's and the row's terms and the bias here; the scores' weights to apply to s~, which
    // depends on the calibrated score for the fair detectors.
    bool headTrained = false;
    double latentTerm = 0.0;
    double rowTerm = 0.0;
    double bias = 0.0;
    std::vector<double> scoreWeights; // on s~ of the base score, then of the forest's
};

// How the head and the prior standardise the scores (s~, ALGORITHMS.md §8) and combine them.
struct ScoreStandardisation {
    bool calibratesByGroup = false; // the fair detectors (§2.3)
    bool hasForest = false;
    bool logScale = false;
    double logOffset = 0.0;
    double scoreMean = 0.0, scoreStd = 1.0;
    double forestMean = 0.0, forestStd = 1.0;
    std::vector<float> priorWeights; // the label-free prior as weights on s~

    double standardisedScore(double score) const;
    double standardisedForest(double forest) const;
    // The label-free ranking key: the prior's weights on s~, or the base score itself without a
    // forest (what Detector::scoreAll reports as prior).
    double prior(double score, double forest) const;
};

// A second detector of the same kind for explanations. Detector::create seeds torch's global
// generator, which the session's DAE draws its training noise from: the generator's state is put
// back, so that explaining a row does not change what the next retrain learns.
Result<std::unique_ptr<Detector>> createDetectorCopy(
    std::shared_ptr<const Dataset> dataset, const ModelOptions& options);

// The detector's parts on rows.size() / width rows (row-major, width = the data's columns).
// The detector must not be training (one thread at a time, detector.h).
Result<std::vector<RowEvaluation>> evaluateRows(
    const Detector& detector, const std::vector<float>& rows, int64_t width);
Result<ScoreStandardisation> scoreStandardisation(const Detector& detector);
// ||x - x̂||² of every row of matrix, uncalibrated: what the fair detectors' group calibration
// starts from. Empty without a reconstruction.
Result<std::vector<float>> reconstructionErrors(
    const Detector& detector, const FeatureMatrix& matrix);

} // namespace fr::models
