// A project's model as a TorchScript module, for scoring outside FairReview (PyTorch in a Spark or
// Ray job) and for `fairreview-cli score`: forward(x) takes a float batch of preprocessed rows
// [n, d] and returns (score, probability, latent) exactly as the Detector computes them; the
// Isolation Forest of the product's prior travels as tensors and is walked vectorised.
// docs/ARCHITECTURE.md, "The exported model", is the module's contract. Plain C++ (torch inside).
#pragma once

#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr::models {

class Detector;

// One batch through the module: score, prior, logit and probability per row, the latent codes
// row-major (rows x latentDim). probability and logit are NaN where the model has no trained head.
struct ScriptedOutput {
    std::vector<float> score, prior, logit, probability, latent;
};

class ScriptedModel {
public:
    // Builds the module from the detector's network, head, forest and standardisation constants.
    // Fails for the fair detectors, whose group calibration ranks a row within the whole data
    // set rather than scoring it alone.
    static Result<std::unique_ptr<ScriptedModel>> fromDetector(const Detector& detector);
    ~ScriptedModel();
    ScriptedModel(const ScriptedModel&) = delete;
    ScriptedModel& operator=(const ScriptedModel&) = delete;

    int64_t inputDim() const;
    int64_t latentDim() const;
    bool hasProbability() const; // a trained head: probability is a number
    bool hasForest() const; // the prior includes the Isolation Forest
    int forestTrees() const;
    int forestDepth() const;

    // Rows per call of the module inside run(). A row's figures can differ in the last float bits
    // with its place in a batch (the matrix products' edge kernels), so that callers that feed
    // whole multiples of it, aligned, get the same bits however they split their rows.
    static int64_t batchRows();

    // rows: n x inputDim row-major float32. Fills out (its vectors are reused: no allocation once
    // they have grown to the batch size). withLatent false leaves out.latent empty.
    Status run(const float* rows, int64_t n, ScriptedOutput& out, bool withLatent = true) const;
    // TorchScript archive at path (torch.jit.load in Python, torch::jit::load in C++).
    Status save(const std::string& path) const;

private:
    ScriptedModel();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr::models
