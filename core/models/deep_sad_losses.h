// Deep SAD's pieces (ALGORITHMS.md §7; Ruff et al., "Deep Semi-Supervised Anomaly Detection",
// ICLR 2020): the hypersphere centre from an initial forward pass and the loss that pulls
// unlabelled rows to it and pushes labelled anomalies away with the inverse squared distance.
// Tensor functions for deep_sad_net.cpp, plain-C++ overloads for tests (aa_bigan_losses.h).
#pragma once

#include "models/torch_forward.h"

#include <cstdint>
#include <vector>

namespace fr::models::deepsad {

constexpr double kEta = 1.0; // eta, the paper's default
// A centre coordinate nearer 0 than this is moved to +-kCentreEps (the paper's code): a centre
// at 0 is trivially reached by a network with zero weights.
constexpr double kCentreEps = 0.1;
constexpr double kDistanceEps = 1e-6; // keeps 1 / distance finite on the centre itself

// The mean of the codes (n x k) with the eps rule: k values.
at::Tensor centreOf(const at::Tensor& codes);
// (sum_i w_i ||phi_i - c||^2 + eta sum_j (||phi_j - c||^2 + kDistanceEps)^-1) / (n + m) over the
// unlabelled codes (n x k, weights per row) and the labelled anomalies' codes (m x k, m may be 0).
at::Tensor loss(const at::Tensor& codes, const at::Tensor& weights, const at::Tensor& anomalyCodes,
    const at::Tensor& centre);

// The same on plain row-major vectors with k columns (empty weights: all 1); other names, so that
// a braced list never has to be weighed against the forward-declared tensor.
std::vector<float> centreValues(const std::vector<float>& codes, int64_t k);
double lossValue(const std::vector<float>& codes, const std::vector<float>& weights,
    const std::vector<float>& anomalyCodes, const std::vector<float>& centre);

} // namespace fr::models::deepsad
