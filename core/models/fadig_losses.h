// The pieces of FADIG's loss (ALGORITHMS.md §2.2): the adaptive group weights (ε and its
// multi-group extension) and the fairness contrastive term L_FAC. The tensor functions serve
// fadig_net.cpp; the plain-C++ overloads let tests check the same code on hand-computed values
// without including torch next to Qt.
#pragma once

#include "models/torch_forward.h"

#include <cstdint>
#include <vector>

namespace fr::models::fadig {

// How L_g and L0_g are reduced over a group's rows (ALGORITHMS.md §2.2 asks to measure both).
enum class Reduction {
    Sum, // Σ_i ||x_i - G(x_i)||^2; L_REC = Σ_g w_g L_g / batch size
    RowMean, // mean over features, averaged over the group's rows; L_REC = Σ_g w_g L_g
};

// Below this the ε denominator counts as zero (ALGORITHMS.md §2.2).
constexpr double kZeroDenominator = 1e-12;

// One group's reconstruction figures in one mini-batch.
struct GroupFit {
    double fitted = 0.0; // L_g, the model's reconstruction loss
    double unfitted = 0.0; // L0_g, the loss of predicting the group's mean reconstruction
    int64_t rows = 0; // rows of the group in the batch
};

// Two groups: ε = (L0_U - L_U) / ((L0_U - L_U) + (L0_P - L_P)), the weight of L_P (L_U gets
// 1 - ε). Guard: a denominator <= 1e-12, NaN, or ε outside [0, 1] gives |U| / (|U| + |P|).
double adaptiveEpsilon(const GroupFit& unprotectedGroup, const GroupFit& protectedGroup);

// Any number of groups (paper appendix E.4), one weight per entry of fits, summing to 1.
// Groups with no rows in the batch get weight 0; with one group present it gets weight 1.
// With G >= 2 present groups, d_g = L0_g - L_g and D = Σ_h d_h, the weight of group g is
// (D - d_g) / ((G - 1) D): for G = 2 this is exactly ε for P and 1 - ε for U, so a group
// the network already fits well (large d_g) gets less weight, as in the two-group rule.
// (ALGORITHMS.md's literal "d_g / D" would give P the weight 1 - ε for G = 2, the opposite of
// the two-group rule; the complement form keeps both consistent.) Guard as for ε: D <= 1e-12
// or any weight NaN or outside [0, 1] gives (n - n_g) / ((G - 1) n).
std::vector<double> groupWeights(const std::vector<GroupFit>& fits);

// L_FAC = L_fair + L_unif on latent codes z (n x k) with group indices groups (n, int64) and
// sim(a, b) = exp(cos(a, b) / tau). Two groups: L_fair = -log(mean_{j∈P,k∈U} sim),
// L_unif = log(mean_{j≠k∈U} sim + mean_{j≠k∈P} sim). More groups: L_fair is the mean of
// -log(mean sim) over every pair of present groups, L_unif = log(Σ_g mean_{j≠k∈g} sim).
// A term with nothing to average (one group, a group of one row) is left out.
at::Tensor fairContrastiveLoss(
    const at::Tensor& z, const at::Tensor& groups, int groupCount, double tau = 1.0);
// The same over the rows where included (bool or 0/1, n) is true; the others are left out.
at::Tensor fairContrastiveLoss(const at::Tensor& z, const at::Tensor& groups,
    const at::Tensor& included, int groupCount, double tau);

// The same on plain values (row-major n x k latent codes), for tests.
double fairContrastiveLoss(const std::vector<std::vector<float>>& z,
    const std::vector<int64_t>& groups, int groupCount, double tau = 1.0);

// Per-group fitted and unfitted losses of one batch, detached: errors are the per-row squared
// reconstruction errors (summed over features), x, reconstruction n x d, weights per row.
std::vector<GroupFit> groupFits(const at::Tensor& x, const at::Tensor& reconstruction,
    const at::Tensor& groups, const at::Tensor& weights, int groupCount, Reduction reduction);

// The same on plain values (row-major rows), for tests.
std::vector<GroupFit> groupFits(const std::vector<std::vector<float>>& x,
    const std::vector<std::vector<float>>& reconstruction, const std::vector<int64_t>& groups,
    const std::vector<float>& weights, int groupCount, Reduction reduction);

} // namespace fr::models::fadig
