// The UAI head and its loss (uai_head.h).
#include "models/uai_head.h"

#include "models/checkpoint_bundle.h"

#include <torch/torch.h>

namespace fr::models {

struct UaiHead::Impl {
    Impl(int64_t latentDim, int64_t featureDim, const std::vector<float>& scoreWeights)
        : linear(latentDim + featureDim + static_cast<int64_t>(scoreWeights.size()), 1)
        , features(featureDim)
        , scores(static_cast<int64_t>(scoreWeights.size()))
    {
        torch::NoGradGuard noGrad;
        linear->weight.zero_();
        for (int64_t j = 0; j < scores; ++j)
            linear->weight[0][latentDim + featureDim + j] = scoreWeights[static_cast<size_t>(j)];
        linear->bias.zero_();
        start = linear->weight.detach().clone();
    }
    torch::nn::Linear linear;
    int64_t features;
    int64_t scores;
    at::Tensor start; // the weights it started as
};

UaiHead::UaiHead(int64_t latentDim, int64_t featureDim, const std::vector<float>& scoreWeights)
    : d(std::make_unique<Impl>(latentDim, featureDim, scoreWeights))
{ }
UaiHead::~UaiHead() = default;

at::Tensor UaiHead::logits(const at::Tensor& latent, const at::Tensor& features,
    const at::Tensor& standardisedScores) const
{
    at::Tensor input = d->features > 0
        ? torch::cat({latent, features, standardisedScores.detach()}, 1)
        : torch::cat({latent, standardisedScores.detach()}, 1);
    return d->linear->forward(input).squeeze(1);
}

namespace {

std::vector<double> toDoubles(const at::Tensor& t)
{
    at::Tensor c = t.detach().to(torch::kCPU, torch::kDouble).contiguous().reshape({-1});
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

} // namespace

std::vector<double> UaiHead::weights() const
{
    return toDoubles(d->linear->weight);
}

double UaiHead::bias() const
{
    return d->linear->bias.item<double>();
}

std::vector<double> UaiHead::startWeights() const
{
    return toDoubles(d->start);
}

void UaiHead::setWeights(const std::vector<double>& weights, double bias)
{
    torch::NoGradGuard noGrad;
    at::Tensor w = torch::tensor(weights, torch::kDouble).to(torch::kFloat).reshape({1, -1});
    d->linear->weight.copy_(w);
    d->linear->bias.fill_(bias);
}

int64_t UaiHead::featureDim() const
{
    return d->features;
}

int64_t UaiHead::scoreCount() const
{
    return d->scores;
}

std::vector<at::Tensor> UaiHead::parameters()
{
    return d->linear->parameters();
}
void UaiHead::moveToCuda(bool cuda)
{
    d->linear->to(cuda ? torch::kCUDA : torch::kCPU);
    d->start = d->start.to(cuda ? torch::kCUDA : torch::kCPU);
}
void UaiHead::save(TensorBundle& bundle, const std::string& prefix) const
{
    putModule(bundle, prefix, *d->linear);
}
void UaiHead::load(const TensorBundle& bundle, const std::string& prefix)
{
    takeModule(bundle, prefix, *d->linear);
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
    UaiHead head(dim, 0, {1.0f});
    {
        torch::NoGradGuard noGrad;
        head.parameters()[0].copy_(fromVector(headWeights, {1, dim + 1}));
        head.parameters()[1].fill_(headBias);
    }
    at::Tensor standardised = ((s - scoreMean) / scoreStd).unsqueeze(1);
    at::Tensor loss = uaiLoss(head.logits(l, at::Tensor(), standardised), fromVector(y, {rows}));
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
