// See flat_optimizer_torch.h. torch::optim is the reference: FlatOptimizer claims its update
// rules and defaults, so both get the same gradients from the same parameters at every step.
#include "flat_optimizer_torch.h"

#include "models/flat_optimizer.h"

#include <torch/torch.h>

#include <algorithm>
#include <memory>

namespace fr::test {

namespace {

constexpr int64_t kInputs = 5, kHidden = 16, kOutputs = 3, kRows = 64, kBatchRows = 16;

torch::nn::Sequential smallNet()
{
    return torch::nn::Sequential(torch::nn::Linear(kInputs, kHidden), torch::nn::ReLU(),
        torch::nn::Linear(kHidden, kHidden), torch::nn::ReLU(),
        torch::nn::Linear(kHidden, kOutputs));
}

std::unique_ptr<torch::optim::Optimizer> torchOptimizer(
    models::OptimizerKind kind, double learningRate, const std::vector<at::Tensor>& parameters)
{
    // Spelled out although they are torch's defaults: these are the values FlatOptimizer claims.
    if (kind == models::OptimizerKind::RmsProp)
        return std::make_unique<torch::optim::RMSprop>(parameters,
            torch::optim::RMSpropOptions(learningRate)
                .alpha(0.99)
                .eps(1e-8)
                .weight_decay(0)
                .momentum(0)
                .centered(false));
    return std::make_unique<torch::optim::Adam>(parameters,
        torch::optim::AdamOptions(learningRate)
            .betas({0.9, 0.999})
            .eps(1e-8)
            .weight_decay(0)
            .amsgrad(false));
}

double maxAbsDifference(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b)
{
    double most = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        most = std::max(most, (a[i] - b[i]).abs().max().item<double>());
    return most;
}

} // namespace

OptimizerAgreement compareWithTorchOptim(
    models::OptimizerKind kind, double learningRate, int steps, uint64_t seed)
{
    torch::manual_seed(seed);
    torch::nn::Sequential flatNet = smallNet(), torchNet = smallNet();
    std::vector<at::Tensor> flatParams = flatNet->parameters(),
                            torchParams = torchNet->parameters();
    std::vector<at::Tensor> initial;
    {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < flatParams.size(); ++i) {
            torchParams[i].copy_(flatParams[i]);
            initial.push_back(flatParams[i].detach().clone());
        }
    }
    const at::Tensor x = torch::randn({kRows, kInputs});
    const at::Tensor y = torch::randn({kRows, kOutputs});

    models::FlatOptimizer flat(flatParams);
    std::unique_ptr<torch::optim::Optimizer> reference
        = torchOptimizer(kind, learningRate, torchParams);
    OptimizerAgreement agreement;
    for (int step = 0; step < steps; ++step) {
        const int64_t first = (step * kBatchRows) % kRows;
        const at::Tensor xb = x.slice(0, first, first + kBatchRows);
        const at::Tensor yb = y.slice(0, first, first + kBatchRows);

        flat.zeroGrad();
        torch::mse_loss(flatNet->forward(xb), yb).backward();
        flat.step(kind, learningRate);

        reference->zero_grad();
        torch::mse_loss(torchNet->forward(xb), yb).backward();
        reference->step();

        agreement.maxAbsDifference
            = std::max(agreement.maxAbsDifference, maxAbsDifference(flatParams, torchParams));
    }
    agreement.maxAbsChange = maxAbsDifference(torchParams, initial);
    return agreement;
}

} // namespace fr::test
