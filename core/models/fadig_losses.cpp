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
    const int64_t g = std::max(1, groupCount);
    torch::Tensor unit = torch::nn::functional::normalize(
        z, torch::nn::functional::NormalizeFuncOptions().dim(1).eps(1e-8));
    torch::Tensor sim = torch::exp(unit.mm(unit.t()) / tau);
    torch::Tensor members = torch::one_hot(groups.to(torch::kInt64), g).to(sim.dtype());
    torch::Tensor blockSums = members.t().mm(sim).mm(members); // g x g sums of sim
    torch::Tensor diagonalSums = members.t().mv(sim.diagonal());
    std::vector<int64_t> counts(g);
    torch::Tensor countTensor = members.sum(0).to(torch::kCPU);
    for (int64_t i = 0; i < g; ++i)
        counts[i] = int64_t(countTensor[i].item<float>() + 0.5f);

    torch::Tensor loss = torch::zeros({}, z.options());
    int pairs = 0;
    torch::Tensor fair = torch::zeros({}, z.options());
    for (int64_t a = 0; a < g; ++a) {
        for (int64_t b = a + 1; b < g; ++b) {
            if (counts[a] == 0 || counts[b] == 0)
                continue;
            fair = fair - torch::log(blockSums[a][b] / double(counts[a] * counts[b]));
            ++pairs;
        }
    }
    if (pairs > 0)
        loss = loss + fair / double(pairs);

    torch::Tensor within = torch::zeros({}, z.options());
    bool anyWithin = false;
    for (int64_t a = 0; a < g; ++a) {
        if (counts[a] < 2)
            continue;
        within = within + (blockSums[a][a] - diagonalSums[a]) / double(counts[a] * (counts[a] - 1));
        anyWithin = true;
    }
    if (anyWithin)
        loss = loss + torch::log(within);
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
    torch::NoGradGuard noGrad;
    const int g = std::max(1, groupCount);
    const double features = double(x.size(1));
    torch::Tensor rec = reconstruction.detach();
    torch::Tensor w = weights.to(rec.dtype());
    std::vector<GroupFit> fits(g);
    for (int i = 0; i < g; ++i) {
        torch::Tensor mask = groups == i;
        GroupFit& fit = fits[i];
        fit.rows = mask.sum().item<int64_t>();
        if (fit.rows == 0)
            continue;
        torch::Tensor xg = x.index({mask});
        torch::Tensor recg = rec.index({mask});
        torch::Tensor wg = w.index({mask});
        // The weighted centre keeps rows of weight 0 (labelled anomalies) out of L0 too.
        const double weightSum = wg.sum().item<double>();
        torch::Tensor centre
            = weightSum > 0.0 ? (recg * wg.unsqueeze(1)).sum(0) / weightSum : recg.mean(0);
        fit.fitted = (wg * (xg - recg).pow(2).sum(1)).sum().item<double>();
        fit.unfitted = (wg * (xg - centre).pow(2).sum(1)).sum().item<double>();
        if (reduction == Reduction::RowMean) {
            fit.fitted /= double(fit.rows) * features;
            fit.unfitted /= double(fit.rows) * features;
        }
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
