// The torch side of tst_flat_optimizer: trains two copies of one small net, one with
// models::FlatOptimizer and one with torch::optim, and reports how far apart they end up. Plain
// types only, so that the Qt test never includes a torch header (STYLE.md).
#pragma once

#include "models/autoencoder_net.h"

#include <cstdint>

namespace fr::test {

struct OptimizerAgreement {
    double maxAbsDifference = 0.0; // FlatOptimizer vs torch::optim, largest over parameters/steps
    double maxAbsChange = 0.0; // how far torch::optim moved a parameter from its initial value
};

// steps optimiser steps of kind at learningRate on a 5-16-16-3 ReLU MLP with an MSE loss on
// seeded random batches of 16 rows; both copies start from the same initialisation.
OptimizerAgreement compareWithTorchOptim(
    models::OptimizerKind kind, double learningRate, int steps, uint64_t seed);

} // namespace fr::test
