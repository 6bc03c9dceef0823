// The training loop's optimiser (unsupervised_trainer.cpp): RMSprop or Adam with the update rules
// and defaults of torch::optim, over parameters kept in one flat buffer and their gradients in a
// second, so that a step is a few whole-buffer operations instead of several per parameter tensor
// (ALGORITHMS.md §2). Tensors are forward-declared (see autoencoder_net.h).
#pragma once

#include "models/autoencoder_net.h"
#include "models/torch_forward.h"

#include <memory>
#include <string>
#include <vector>

namespace fr::models {

class FlatOptimizer {
public:
    // Moves the parameters' values into the flat buffers (the tensors keep their identity and
    // values, their storage and .grad() become views of the buffers); the moments start at zero.
    explicit FlatOptimizer(const std::vector<at::Tensor>& parameters);
    ~FlatOptimizer();
    FlatOptimizer(const FlatOptimizer&) = delete;
    FlatOptimizer& operator=(const FlatOptimizer&) = delete;

    bool empty() const; // no parameter: every call below does nothing
    // Binds the parameters again when loading a state dict or moving a module replaced their
    // storage; keeps the moments when their size and device still fit.
    void ensureBound();
    void zeroGrad();
    // One update from the gradients that backward() accumulated into the parameters' .grad().
    // RMSprop: alpha 0.99, eps 1e-8; Adam: betas 0.9, 0.999, eps 1e-8; no weight decay, no
    // momentum, no amsgrad (torch::optim's defaults).
    void step(OptimizerKind kind, double learningRate);
    void resetState(); // zero moments and step count
    void save(TensorBundle& bundle, const std::string& prefix) const;
    void load(const TensorBundle& bundle, const std::string& prefix);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr::models
