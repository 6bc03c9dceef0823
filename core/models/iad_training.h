// The IAD rounds loop (ALGORITHMS.md §4) around any base detector's training: train, score every
// row, re-weight the rows from the scores, and keep the round whose ranking moved least (lowest
// h(t)). The Detector calls it for pre-training when ModelOptions::iad is set.
// Tensors are only forward-declared, as in autoencoder_net.h.
#pragma once

#include "models/torch_forward.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <vector>

namespace fr::models {

class AutoencoderNet;
class UnsupervisedTrainer;

struct IadSettings {
    int rounds = 0; // T; 0: 10 for images, 15 otherwise (ALGORITHMS.md §4)
    bool imageData = false;
    // The training budget the T + 1 rounds share, in optimiser steps (the model's pre-training
    // steps): E, the epochs per round, is chosen so that IAD costs about what plain training does.
    int totalSteps = 5000;
    int batchSize = 256;
};

struct IadOutcome {
    int rounds = 0; // T
    int epochsPerRound = 0; // E
    int stepsPerRound = 0;
    int keptRound = 0; // the round whose model the net holds on return
    std::vector<int64_t> crossings; // h(1), ..., h(T)
    std::vector<float> keptWeights; // the row weights the kept round trained with
};

// E of ALGORITHMS.md §4 (decision, §4 leaves it open): totalSteps / ((T + 1) · steps per epoch),
// rounded, at least 1.
int iadEpochsPerRound(int totalSteps, int rounds, int64_t trainableRows, int batchSize);

// Runs rounds t = 0..T on x (n x d, on the net's device) and groups (int64, n) with the given
// trainer (its optimiser state carries on from round to round). labels: per row 1 (anomaly),
// 0 (normal) or -1 (unlabelled), or empty; they override the weights in every round. On success
// the net holds the parameters of the kept round. Cancellation returns the trainer's
// ErrorCode::Cancelled.
Result<IadOutcome> trainWithIad(AutoencoderNet& net, UnsupervisedTrainer& trainer,
    const at::Tensor& x, const at::Tensor& groups, const IadSettings& settings,
    const std::vector<int8_t>& labels, const CancelToken& cancel,
    const ProgressCallback& progress = {});

} // namespace fr::models
