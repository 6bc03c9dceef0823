// The UAI head and its loss (uai_head.h).
#include "models/uai_head.h"

#include <torch/torch.h>

namespace fr::models {

struct UaiHead::Impl {
    explicit Impl(int64_t latentDim)
        : linear(latentDim + 1, 1)
    {
        torch::NoGradGuard noGrad;
        linear->weight.zero_();
        linear->weight[0][latentDim] = 1.0f;
        linear->bias.zero_();
    }
    torch::nn::Linear linear;
};

UaiHead::UaiHead(int64_t latentDim)
    : d(std::make_unique<Impl>(latentDim))
{ }
UaiHead::~UaiHead() = default;

at::Tensor UaiHead::logits(
    const at::Tensor& latent, const at::Tensor& score, double scoreMean, double scoreStd) const
{
    at::Tensor standardised = ((score - scoreMean) / scoreStd).detach().unsqueeze(1);
    return d->linear->forward(torch::cat({latent, standardised}, 1)).squeeze(1);
}

std::vector<at::Tensor> UaiHead::parameters()
{
    return d->linear->parameters();
}
void UaiHead::moveToCuda(bool cuda)
{
    d->linear->to(cuda ? torch::kCUDA : torch::kCPU);
}
void UaiHead::save(torch::serialize::OutputArchive& archive)
{
    d->linear->save(archive);
}
void UaiHead::load(torch::serialize::InputArchive& archive)
{
    d->linear->load(archive);
}

at::Tensor uaiClassWeights(const at::Tensor& labels)
{
    const double n = static_cast<double>(labels.numel());
    const double positives = labels.sum().item<double>();
    const double negatives = n - positives;
    if (positives == 0.0 || negatives == 0.0)
        return torch::ones_like(labels);
    return labels * (n / (2.0 * positives)) + (1 - labels) * (n / (2.0 * negatives));
}

at::Tensor uaiLoss(const at::Tensor& logits, const at::Tensor& labels)
{
    return uaiLoss(logits, labels, uaiClassWeights(labels));
}

at::Tensor uaiLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& weights)
{
    return torch::binary_cross_entropy_with_logits(logits, labels, weights);
}

namespace {

at::Tensor fromVector(const std::vector<float>& values, at::IntArrayRef shape)
{
    return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).clone();
}

std::vector<float> toVector(const at::Tensor& t)
{
    if (!t.defined())
        return {};
    at::Tensor c = t.contiguous().to(torch::kCPU, torch::kFloat);
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

} // namespace

UaiLossCheck uaiLossCheck(const std::vector<float>& latent, int64_t dim,
    const std::vector<float>& score, double scoreMean, double scoreStd,
    const std::vector<int8_t>& labels, const std::vector<float>& headWeights, float headBias)
{
    const int64_t rows = static_cast<int64_t>(score.size());
    at::Tensor l = fromVector(latent, {rows, dim}).requires_grad_(true);
    at::Tensor s = fromVector(score, {rows}).requires_grad_(true);
    std::vector<float> y(labels.begin(), labels.end());
    UaiHead head(dim);
    {
        torch::NoGradGuard noGrad;
        head.parameters()[0].copy_(fromVector(headWeights, {1, dim + 1}));
        head.parameters()[1].fill_(headBias);
    }
    at::Tensor loss = uaiLoss(head.logits(l, s, scoreMean, scoreStd), fromVector(y, {rows}));
    loss.backward();
    UaiLossCheck check;
    check.loss = loss.item<double>();
    check.gradLatent = toVector(l.grad());
    check.gradScore = s.grad().defined() ? toVector(s.grad()) : std::vector<float>(rows, 0.0f);
    check.gradHeadWeights = toVector(head.parameters()[0].grad());
    check.gradHeadBias = head.parameters()[1].grad().item<float>();
    return check;
}

} // namespace fr::models
