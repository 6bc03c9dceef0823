// AA-BiGAN's least-squares objectives (aa_bigan_losses.h).
#include "models/aa_bigan_losses.h"

#include <torch/torch.h>

namespace fr::models::aabigan {

namespace {

// mean_i w_i (d_i - target)^2; 0 without rows.
at::Tensor squaredDistance(const at::Tensor& d, const at::Tensor& weights, double target)
{
    if (!d.defined() || d.numel() == 0)
        return torch::zeros({}, torch::kFloat);
    at::Tensor perRow = (d.reshape({-1}) - target).pow(2);
    if (weights.defined() && weights.numel() > 0)
        perRow = perRow * weights.reshape({-1});
    return perRow.mean();
}

at::Tensor toTensor(const std::vector<float>& v)
{
    return torch::tensor(v, torch::kFloat);
}

} // namespace

at::Tensor discriminatorLoss(const at::Tensor& real, const at::Tensor& weights,
    const at::Tensor& anomalies, const at::Tensor& generated)
{
    at::Tensor loss = squaredDistance(real, weights, kTargetReal)
        + squaredDistance(generated, at::Tensor(), kTargetGenerated);
    if (anomalies.defined() && anomalies.numel() > 0)
        loss = loss + squaredDistance(anomalies, at::Tensor(), kTargetAnomaly);
    return loss;
}

at::Tensor encoderGeneratorLoss(const at::Tensor& real, const at::Tensor& weights,
    const at::Tensor& anomalies, const at::Tensor& generated)
{
    at::Tensor loss = squaredDistance(real, weights, kTargetEncoderGenerator)
        + squaredDistance(generated, at::Tensor(), kTargetEncoderGenerator);
    if (anomalies.defined() && anomalies.numel() > 0)
        loss = loss + squaredDistance(anomalies, at::Tensor(), kTargetEncoderGenerator);
    return loss;
}

double discriminatorLossValue(const std::vector<float>& real, const std::vector<float>& weights,
    const std::vector<float>& anomalies, const std::vector<float>& generated)
{
    return discriminatorLoss(toTensor(real), weights.empty() ? at::Tensor() : toTensor(weights),
        toTensor(anomalies), toTensor(generated))
        .item<double>();
}

double encoderGeneratorLossValue(const std::vector<float>& real, const std::vector<float>& weights,
    const std::vector<float>& anomalies, const std::vector<float>& generated)
{
    return encoderGeneratorLoss(toTensor(real), weights.empty() ? at::Tensor() : toTensor(weights),
        toTensor(anomalies), toTensor(generated))
        .item<double>();
}

} // namespace fr::models::aabigan
