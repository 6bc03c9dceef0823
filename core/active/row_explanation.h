// "Why this row" for the detail panel: each feature's share of the row's reconstruction error,
// the ranking key split into what the head (or the prior) made of the latent code, the row and
// the base scores, and the group-swap check: the rank the row would get if only its group were
// another (ALGORITHMS.md §9). A RowExplainer works on its own copy of one model version (rebuilt
// from the version's checkpoint), so that it never touches the session's detector and can answer
// on any one thread while the session trains.
#pragma once

#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "models/model_options.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr {

namespace models {
class Detector;
struct ScoreStandardisation;
} // namespace models

struct FeatureErrorShare {
    std::string feature; // the source column (one-hot levels and missing indicators summed)
    double error = 0.0; // its part of ||x - x̂||²
    double share = 0.0; // error / the row's total; the shares sum to 1
};

// How the group reaches the ranking key, if at all.
enum class GroupSwapBasis {
    NoGroups, // the data has no sensitive group
    GroupInput, // the group is one of the model's input columns
    Calibration, // the fair detectors: the score is a percentile within the group (§2.3)
    InputAndCalibration,
    NoEffect, // the key does not depend on the group (FADIG's group weight acts in training only)
};

struct GroupSwapRank {
    int group = 0;
    std::string groupName;
    double key = 0.0; // the ranking key with the group swapped
    int64_t rank = 0; // the 1-based rank the row would take, every other row as it is
};

struct RowExplanation {
    int64_t row = 0;
    int64_t modelVersion = 0;
    bool hasReconstruction = false; // false: the model has no reconstruction error to share out
    double reconstructionError = 0.0;
    std::vector<FeatureErrorShare> features; // largest share first
    std::vector<double> columnShare; // per matrix column (the pixels' heat map for an image)

    // The ranking key and its parts: key = latentTerm + rowTerm + sum(scoreTerms) + bias for the
    // head's logit; for the label-free prior only scoreTerms (weights on s~, §8) are non-zero.
    bool keyIsHeadLogit = false;
    double key = 0.0;
    double latentTerm = 0.0;
    double rowTerm = 0.0;
    double bias = 0.0;
    // ("reconstruction error", …), the scores the key gives a non-zero weight only.
    std::vector<std::pair<std::string, double>> scoreTerms;

    GroupSwapBasis swapBasis = GroupSwapBasis::NoGroups;
    int64_t rank = 0; // the row's rank in the ranking explained
    std::vector<GroupSwapRank> swaps; // one per other group
};

// Sums per-column errors into the features' source columns (FeatureInfo::sourceColumn), in the
// order the columns first appear; shares of the total (all 0 when the total is 0).
std::vector<FeatureErrorShare> errorBySourceColumn(
    const std::vector<FeatureInfo>& features, const std::vector<double>& columnError);

// The 1-based rank row would take if its key were key, every other row keeping its own (most
// suspicious first, ties to the lower row index, as metrics' rankOrder).
int64_t rankWithKey(const std::vector<float>& keys, int64_t row, float key);

// The fair detectors' calibrated score (group_calibration.h) of a row with reconstruction error
// raw if it were in group, against every other row's error as it is.
double calibratedScoreInGroup(const std::vector<float>& rawErrors, const std::vector<int>& groups,
    int64_t row, double raw, int group);

class RowExplainer {
public:
    // groupInputColumn: the source column of the group when it is a model input (ColumnMapping's
    // groupAsFeature), else empty. Scores every row once (the ranking keys to place a swapped
    // row among).
    static Result<std::unique_ptr<RowExplainer>> create(std::shared_ptr<const Dataset> dataset,
        const ModelOptions& options, const std::vector<uint8_t>& checkpoint, int64_t modelVersion,
        const std::string& groupInputColumn);
    ~RowExplainer();
    RowExplainer(const RowExplainer&) = delete;
    RowExplainer& operator=(const RowExplainer&) = delete;

    int64_t modelVersion() const;
    // Moves this copy to another version of the same model (cheaper than create: the data tensor
    // and the Isolation Forest stay). A failure leaves it unusable until a later call succeeds.
    Status useVersion(const std::vector<uint8_t>& checkpoint, int64_t modelVersion);
    // ranking must be of this explainer's model version; labelOfRow (-1 unlabelled) is what the
    // product's merged ranking skips (arm_selection.h), empty for none.
    Result<RowExplanation> explain(
        int64_t row, const RankingSnapshot& ranking, const std::vector<int8_t>& labelOfRow) const;

private:
    RowExplainer();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr
