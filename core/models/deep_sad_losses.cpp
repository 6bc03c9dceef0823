// Deep SAD's centre and loss (deep_sad_losses.h).
#include "models/deep_sad_losses.h"

#include "models/tensor_vectors.h"

#include <torch/torch.h>

namespace fr::models::deepsad {

at::Tensor centreOf(const at::Tensor& codes)
{
    at::Tensor c = codes.mean(0);
    at::Tensor near = c.abs() < kCentreEps;
    at::Tensor sign = torch::where(c < 0, torch::full_like(c, -1.0), torch::full_like(c, 1.0));
    return torch::where(near, sign * kCentreEps, c);
}

at::Tensor loss(const at::Tensor& codes, const at::Tensor& weights, const at::Tensor& anomalyCodes,
    const at::Tensor& centre)
{
    at::Tensor pulled = (codes - centre).pow(2).sum(1);
    if (weights.defined() && weights.numel() > 0)
        pulled = pulled * weights.reshape({-1});
    at::Tensor total = pulled.sum();
    int64_t rows = codes.size(0);
    if (anomalyCodes.defined() && anomalyCodes.size(0) > 0) {
        at::Tensor distance = (anomalyCodes - centre).pow(2).sum(1);
        total = total + kEta * (distance + kDistanceEps).reciprocal().sum();
        rows += anomalyCodes.size(0);
    }
    return total / static_cast<double>(std::max<int64_t>(1, rows));
}

namespace {

at::Tensor matrix(const std::vector<float>& values, int64_t k)
{
    return torch::tensor(values, torch::kFloat).reshape({-1, k});
}

} // namespace

std::vector<float> centreValues(const std::vector<float>& codes, int64_t k)
{
    return toFloatVector(centreOf(matrix(codes, k)));
}

double lossValue(const std::vector<float>& codes, const std::vector<float>& weights,
    const std::vector<float>& anomalyCodes, const std::vector<float>& centre)
{
    const auto k = static_cast<int64_t>(centre.size());
    return loss(matrix(codes, k), weights.empty() ? at::Tensor() : torch::tensor(weights),
        anomalyCodes.empty() ? at::Tensor() : matrix(anomalyCodes, k),
        torch::tensor(centre, torch::kFloat))
        .item<double>();
}

} // namespace fr::models::deepsad
