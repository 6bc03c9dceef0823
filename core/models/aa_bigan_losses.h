// The least-squares objectives of AA-BiGAN (ALGORITHMS.md §7; Tian et al., IJCAI 2022, eqs. 15-16):
// the discriminator D(x, z) learns target a = 1 on (x, E(x)) of normal or unlabelled rows,
// (a + b) / 2 on (x, E(x)) of the collected anomalies and b = 0 on (G(z), z); the encoder E and
// generator G learn target c = 3/4 on all three. The tensor functions serve aa_bigan_net.cpp; the
// plain-C++ overloads let tests check the same code on hand-made batches without torch next to Qt.
#pragma once

#include "models/torch_forward.h"

#include <vector>

namespace fr::models::aabigan {

constexpr double kTargetReal = 1.0; // a
constexpr double kTargetGenerated = 0.0; // b
constexpr double kTargetAnomaly = (kTargetReal + kTargetGenerated) / 2.0; // (a + b) / 2
constexpr double kTargetEncoderGenerator = 0.75; // c

// D's discriminator outputs on one batch: real (n), anomalies (m, may be 0 rows), generated (k);
// weights per real row (the trainer's row weights). Each term is a (weighted) mean of squared
// distances to its target; a term without rows adds 0.
at::Tensor discriminatorLoss(const at::Tensor& real, const at::Tensor& weights,
    const at::Tensor& anomalies, const at::Tensor& generated);
at::Tensor encoderGeneratorLoss(const at::Tensor& real, const at::Tensor& weights,
    const at::Tensor& anomalies, const at::Tensor& generated);

// The same on plain vectors (empty weights: all 1); other names, so that a braced list never has
// to be weighed against the forward-declared tensor.
double discriminatorLossValue(const std::vector<float>& real, const std::vector<float>& weights,
    const std::vector<float>& anomalies, const std::vector<float>& generated);
double encoderGeneratorLossValue(const std::vector<float>& real, const std::vector<float>& weights,
    const std::vector<float>& anomalies, const std::vector<float>& generated);

} // namespace fr::models::aabigan
