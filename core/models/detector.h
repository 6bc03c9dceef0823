// A base detector with its optional UAI head, as one plain C++ object: what the review session and
// the CLI commands (evaluate, simulate) drive. It owns the data tensor (resident on the chosen
// device), the network, the optimiser and the head; torch stays inside detector.cpp.
// Not thread-safe: one thread at a time (the session's worker thread) calls it.
// No call lets an exception out: torch's and the standard library's (CUDA out of memory, a failed
// check, std::bad_alloc) become a failure naming what stopped and why (failure_message.h).
#pragma once

#include "data/dataset.h"
#include "models/model_options.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr {
class TensorBundle; // util/tensor_bundle.h
}

namespace fr::models {

struct DetectorOutput {
    std::vector<float> score; // base score s(x) per row, higher = more suspicious
    // The label-free ranking key per row: the base score, or for the product's loop the prior
    // that combines it with the Isolation Forest's (ALGORITHMS.md §8).
    std::vector<float> prior;
    std::vector<float> probability; // UAI head probability per row; empty without a trained head
    // The head's logit per row (empty without a trained head): the ranking key, since the
    // probability saturates to exactly 1 in float for many rows late in a session.
    std::vector<float> logit;
    std::vector<float> latent; // rows x latentDim, row-major; empty unless asked for
    int64_t latentDim = 0;
};

struct Projection2d {
    std::vector<float> x;
    std::vector<float> y;
};

struct DetectorInternals; // models/detector_internals.h

class Detector {
public:
    // Builds the network for options.kind on the resolved device; seeds torch with options.seed.
    static Result<std::unique_ptr<Detector>> create(
        std::shared_ptr<const Dataset> dataset, const ModelOptions& options);
    ~Detector();
    Detector(const Detector&) = delete;
    Detector& operator=(const Detector&) = delete;

    const ModelOptions& options() const;
    std::string deviceName() const; // "cpu" or "cuda"
    bool headTrained() const; // at least one head update with both classes labelled
    int64_t latentDim() const;
    std::string hyperParametersJson() const;
    // True when pre-training diverged at the recipe's learning rate and was redone at 1e-3
    // (ALGORITHMS.md §2.1); recorded in hyperParametersJson() too.
    bool learningRateFellBack() const;

    // Unsupervised pre-training (ALGORITHMS.md §2; with options.iad the IAD loop of §4).
    // rowWeights: optional per-row weights (analyst labels: 0 for anomalies), empty = all 1.
    // anomalies: rows confirmed as anomalies, which AA-BiGAN and Deep SAD learn from (§7; the
    // other models ignore them: give them weight 0 too). IAD takes its anomalies from the weights.
    // Cancelled (ErrorCode::Cancelled), the network keeps what it learnt; failed, it is rebuilt
    // with its seeded initial weights, so that the next attempt starts afresh.
    Status pretrain(const CancelToken& cancel, const ProgressCallback& progress = {},
        const std::vector<float>& rowWeights = {}, const std::vector<int64_t>& anomalies = {});

    // The round update of ALGORITHMS.md §3 from every label so far (rows and labels parallel,
    // label 1 = anomaly, 0 = normal): options.roundSteps iterations, each one reconstruction
    // batch (labelled anomalies weight 0) plus the head's class-weighted BCE on all labelled rows.
    // Without a head only the reconstruction part runs. A cancelled or failed update restores the
    // model as it was before the call.
    Status update(const std::vector<int64_t>& rows, const std::vector<int8_t>& labels,
        const CancelToken& cancel, const ProgressCallback& progress = {});

    // Scores every row on clean input, without gradients, in large chunks.
    Result<DetectorOutput> scoreAll(bool withLatent) const;

    // 2-D PCA of the latent codes (rows x dim, row-major). With a previous projection each axis is
    // oriented to correlate positively with the previous one (the plot does not flip between
    // model versions); without one each axis points to its heavier tail (positive skewness).
    static Projection2d projectLatent(const std::vector<float>& latent, int64_t rows, int64_t dim,
        const Projection2d* previous = nullptr);

    // The parts the TorchScript export reads (detector_internals.h), valid while the detector
    // lives and is not trained; scores every row first when the statistics of s~ are stale. May
    // throw (torch): the export guards it.
    DetectorInternals internals() const;

    // Model, head and optimiser state as bytes (the checkpoint format, util/tensor_bundle.h);
    // restoring reproduces scoreAll.
    Result<std::vector<uint8_t>> saveCheckpoint() const;
    Status restoreCheckpoint(const std::vector<uint8_t>& bytes);

private:
    Detector();
    // The unguarded bodies of the public calls: they may throw, the public call catches.
    static Result<std::unique_ptr<Detector>> build(std::shared_ptr<const Dataset> dataset,
        const ModelOptions& options, const std::string& device);
    Status pretrainPlain(const CancelToken& cancel, const ProgressCallback& progress,
        const std::vector<float>& rowWeights, const std::vector<int64_t>& anomalies);
    Status pretrainWithIad(const CancelToken& cancel, const ProgressCallback& progress,
        const std::vector<float>& rowWeights);
    // Fills before with the model as it was, once the round is about to change it.
    Status updateModel(const std::vector<int64_t>& rows, const std::vector<int8_t>& labels,
        std::vector<float> weights, bool bothClasses, const CancelToken& cancel,
        const ProgressCallback& progress, TensorBundle& before);
    Result<DetectorOutput> scoreEveryRow(bool withLatent) const;
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr::models
