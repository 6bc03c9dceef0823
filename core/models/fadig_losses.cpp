#include "models/fadig_losses.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace fr::models::fadig {

namespace {

std::vector<double> sizeFallbackWeights(const std::vector<GroupFit>& fits, int presentGroups)
{
    int64_t total = 0;
    for (const GroupFit& fit : fits)
        total += fit.rows;
    std::vector<double> weights(fits.size(), 0.0);
    for (size_t g = 0; g < fits.size(); ++g) {
        if (fits[g].rows > 0)
            weights[g] = double(total - fits[g].rows) / (double(presentGroups - 1) * double(total));
    }
    return weights;
}

bool isWeight(double w)
{
    return std::isfinite(w) && w >= 0.0 && w <= 1.0;
}

torch::Tensor matrixTensor(const std::vector<std::vector<float>>& rows)
{
    const int64_t n = int64_t(rows.size());
    const int64_t cols = n > 0 ? int64_t(rows.front().size()) : 0;
    torch::Tensor out = torch::empty({n, cols}, torch::kFloat32);
    for (int64_t i = 0; i < n; ++i) {
        if (int64_t(rows[i].size()) != cols)
            throw std::invalid_argument("fadig: rows of different lengths");
        std::copy(rows[i].begin(), rows[i].end(), out[i].data_ptr<float>());
    }
    return out;
}

torch::Tensor int64Tensor(const std::vector<int64_t>& values)
{
    return torch::tensor(values, torch::kInt64);
}

} // namespace

std::vector<double> groupWeights(const std::vector<GroupFit>& fits)
{
    int present = 0;
    double total = 0.0;
    for (const GroupFit& fit : fits) {
        if (fit.rows > 0) {
            ++present;
            total += fit.unfitted - fit.fitted;
        }
    }
    std::vector<double> weights(fits.size(), 0.0);
    if (present == 0)
        return weights;
    if (present == 1) {
        for (size_t g = 0; g < fits.size(); ++g)
            weights[g] = fits[g].rows > 0 ? 1.0 : 0.0;
        return weights;
    }
    if (!(total > kZeroDenominator)) // also catches NaN
        return sizeFallbackWeights(fits, present);
    for (size_t g = 0; g < fits.size(); ++g) {
        if (fits[g].rows == 0)
            continue;
        const double gain = fits[g].unfitted - fits[g].fitted;
        weights[g] = (total - gain) / (double(present - 1) * total);
        if (!isWeight(weights[g]))
            return sizeFallbackWeights(fits, present);
    }
    return weights;
}

double adaptiveEpsilon(const GroupFit& unprotectedGroup, const GroupFit& protectedGroup)
{
    return groupWeights({unprotectedGroup, protectedGroup})[1];
}

torch::Tensor fairContrastiveLoss(
    const torch::Tensor& z, const torch::Tensor& groups, int groupCount, double tau)
{
    return fairContrastiveLoss(z, groups, torch::Tensor(), groupCount, tau);
}

torch::Tensor fairContrastiveLoss(const torch::Tensor& z, const torch::Tensor& groups,
    const torch::Tensor& included, int groupCount, double tau)
{
    // Written as a few whole-batch products: this runs every training step, and a loop of small
    // tensor operations per group pair cost more than the network itself on small tabular data.
    const int64_t g = std::max(1, groupCount);
    // Scaling the unit vectors by 1/sqrt(τ) gives u_i · u_j = cos / τ without an n x n division.
    torch::Tensor unit = torch::nn::functional::normalize(
                             z, torch::nn::functional::NormalizeFuncOptions().dim(1).eps(1e-8))
        * (1.0 / std::sqrt(tau));
    torch::Tensor sim = torch::exp(unit.mm(unit.t()));
    torch::Tensor selfSim = torch::exp((unit * unit).sum(1)); // the diagonal of sim
    // Group membership as a 0/1 matrix; an excluded row belongs to no group, so it drops out of
    // every mean without a data-dependent gather.
    torch::Tensor members = torch::one_hot(groups.to(torch::kInt64), g).to(sim.dtype());
    if (included.defined())
        members = members * included.to(sim.dtype()).unsqueeze(1);
    torch::Tensor blockSums = members.t().mm(sim.mm(members)); // g x g sums of sim
    torch::Tensor selfSums = members.t().mv(selfSim);

    torch::Tensor countTensor = members.sum(0).to(torch::kCPU, torch::kDouble).contiguous();
    const double* counts = countTensor.data_ptr<double>();
    std::vector<float> pairCoefficient(size_t(g * g), 0.0f), pairAbsent(size_t(g * g), 1.0f);
    std::vector<float> withinCoefficient(size_t(g), 0.0f);
    int pairs = 0;
    bool anyWithin = false;
    for (int64_t a = 0; a < g; ++a) {
        if (counts[a] >= 2.0) {
            withinCoefficient[size_t(a)] = float(1.0 / (counts[a] * (counts[a] - 1.0)));
            anyWithin = true;
        }
        for (int64_t b = a + 1; b < g; ++b) {
            if (counts[a] < 1.0 || counts[b] < 1.0)
                continue;
            pairCoefficient[size_t(a * g + b)] = float(1.0 / (counts[a] * counts[b]));
            pairAbsent[size_t(a * g + b)] = 0.0f;
            ++pairs;
        }
    }
    auto onDevice = [&sim](std::vector<float>& values, at::IntArrayRef shape) {
        return torch::from_blob(values.data(), shape, torch::kFloat32)
            .to(sim.device(), sim.scalar_type(), /*non_blocking=*/false, /*copy=*/true);
    };
    torch::Tensor loss = torch::zeros({}, z.options());
    if (pairs > 0) {
        // A pair that is not there contributes log(1) = 0.
        torch::Tensor means
            = blockSums * onDevice(pairCoefficient, {g, g}) + onDevice(pairAbsent, {g, g});
        loss = loss - torch::log(means).sum() / double(pairs);
    }
    if (anyWithin) {
        torch::Tensor withinSums = blockSums.diagonal() - selfSums;
        loss = loss + torch::log((withinSums * onDevice(withinCoefficient, {g})).sum());
    }
    return loss;
}

double fairContrastiveLoss(const std::vector<std::vector<float>>& z,
    const std::vector<int64_t>& groups, int groupCount, double tau)
{
    torch::NoGradGuard noGrad;
    return fairContrastiveLoss(matrixTensor(z), int64Tensor(groups), groupCount, tau)
        .item<double>();
}

std::vector<GroupFit> groupFits(const torch::Tensor& x, const torch::Tensor& reconstruction,
    const torch::Tensor& groups, const torch::Tensor& weights, int groupCount, Reduction reduction)
{
    // All groups at once and one copy to the host: a per-group loop would wait on the device
    // several times per training step.
    torch::NoGradGuard noGrad;
    const int64_t g = std::max(1, groupCount);
    torch::Tensor rec = reconstruction.detach();
    torch::Tensor members = torch::one_hot(groups.to(torch::kInt64), g).to(rec.dtype());
    torch::Tensor weighted = members * weights.to(rec.dtype()).unsqueeze(1);
    torch::Tensor counts = members.sum(0);
    torch::Tensor weightSums = weighted.sum(0);
    torch::Tensor fitted = weighted.t().mv((x - rec).pow(2).sum(1));
    // The weighted centre keeps rows of weight 0 (labelled anomalies) out of L0 too; a group whose
    // rows all weigh 0 falls back to the plain mean (its L and L0 are 0 either way).
    torch::Tensor weightedCentre = weighted.t().mm(rec) / weightSums.clamp_min(1e-30).unsqueeze(1);
    torch::Tensor plainCentre = members.t().mm(rec) / counts.clamp_min(1.0).unsqueeze(1);
    torch::Tensor centres
        = torch::where((weightSums > 0).unsqueeze(1), weightedCentre, plainCentre);
    torch::Tensor distances = (x.unsqueeze(1) - centres.unsqueeze(0)).pow(2).sum(2); // n x g
    torch::Tensor unfitted = (weighted * distances).sum(0);
    torch::Tensor host = torch::stack({counts, fitted, unfitted}).to(torch::kCPU, torch::kDouble);
    auto table = host.accessor<double, 2>();
    const double features = double(x.size(1));
    std::vector<GroupFit> fits(static_cast<size_t>(g));
    for (int64_t i = 0; i < g; ++i) {
        GroupFit& fit = fits[static_cast<size_t>(i)];
        fit.rows = int64_t(std::llround(table[0][i]));
        const double norm
            = reduction == Reduction::RowMean ? std::max(1.0, double(fit.rows) * features) : 1.0;
        fit.fitted = table[1][i] / norm;
        fit.unfitted = table[2][i] / norm;
    }
    return fits;
}

std::vector<GroupFit> groupFits(const std::vector<std::vector<float>>& x,
    const std::vector<std::vector<float>>& reconstruction, const std::vector<int64_t>& groups,
    const std::vector<float>& weights, int groupCount, Reduction reduction)
{
    return groupFits(matrixTensor(x), matrixTensor(reconstruction), int64Tensor(groups),
        torch::tensor(weights, torch::kFloat32), groupCount, reduction);
}

} // namespace fr::models::fadig
