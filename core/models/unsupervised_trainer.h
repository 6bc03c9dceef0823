// Mini-batch training of any AutoencoderNet on its own unsupervised loss: the one training loop
// shared by pre-training (DAE, FADIG, plain AE), each IAD round and the UAI round updates.
// The optimiser comes from net.recipe() and lives as long as the trainer, so that successive calls
// (pre-training, then rounds) carry its state on, and a checkpoint can save and restore it.
// Tensors are only forward-declared: the header stays free of torch like autoencoder_net.h.
#pragma once

#include "models/autoencoder_net.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fr::models {

// Extra scalar loss added to every step's reconstruction loss (the UAI head's BCE, ALGORITHMS.md
// §3). It is evaluated once per step, after the reconstruction loss, inside the same autograd
// graph.
using ExtraLoss = std::function<at::Tensor()>;

struct TrainOptions {
    int steps = 0;
    std::string phase = "training"; // Progress::phase
    // Per-row weights passed to unsupervisedLoss (0 excludes a row: labelled anomalies, IAD).
    // Empty: every row weighs 1. Rows of weight 0 are never sampled into a batch.
    std::vector<float> rowWeights;
    ExtraLoss extraLoss; // optional
    // Rows confirmed as anomalies (labels, or the semi-supervised protocol's collected ones),
    // handed to the net's prepareTraining for the models that learn from them (AA-BiGAN, Deep
    // SAD); the others ignore them. Their weights are usually 0, so no batch draws them.
    std::vector<int64_t> labelledAnomalies;
};

class UnsupervisedTrainer {
public:
    // Builds the optimiser of net.recipe() over net.parameters() plus extraParameters (the UAI
    // head's, trained with the same optimiser and learning rate). seed drives the batch sampling;
    // the noise and weight initialisation use torch's generator (seeded by the caller).
    UnsupervisedTrainer(
        AutoencoderNet& net, uint64_t seed, const std::vector<at::Tensor>& extraParameters = {});
    ~UnsupervisedTrainer();
    UnsupervisedTrainer(const UnsupervisedTrainer&) = delete;
    UnsupervisedTrainer& operator=(const UnsupervisedTrainer&) = delete;

    // options.steps optimiser steps on mini-batches of recipe().batchSize rows drawn from x
    // (n x d, on the net's device) with groups (int64, n; all 0 without a group). Batches are
    // drawn epoch by epoch without replacement (a fresh permutation per epoch), stratified by
    // group when recipe().groupStratifiedBatches (every batch then holds every group, each group
    // in proportion to its size but at least 2 rows, never more than batchSize rows in all; see
    // batch_sampler.h). Cancellation is checked between steps and returns Status::cancelled(); a
    // non-finite loss fails with ErrorCode::Diverged, naming the step; an exception inside a step
    // (CUDA out of memory, a torch check) fails with ErrorCode::Failed, naming the phase, the step
    // and what went wrong. After a failure the net's parameters are those of a partly done step:
    // the caller restores what it saved.
    // Progress is reported at most every 1% of the steps.
    Status train(const at::Tensor& x, const at::Tensor& groups, const TrainOptions& options,
        const CancelToken& cancel, const ProgressCallback& progress = {});

    // Drops the optimiser state and rebuilds it with a new learning rate (the §2.1 fallback from
    // lr 0.01 to 1e-3 when pre-training diverges).
    void resetOptimizer(double learningRate);
    double learningRate() const;
    int64_t stepsDone() const;

    void save(TensorBundle& bundle, const std::string& prefix) const;
    void load(const TensorBundle& bundle, const std::string& prefix);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr::models
