// The DAE base detector of the UaiNet (ALGORITHMS.md §2.1): encoder d -> 256 -> 64 -> 8 with ReLU
// between layers and none on the latent, a mirrored decoder with its own weights, trained on
// x + N(0, 0.1^2) to reconstruct x, scored by ||x - x_hat||^2 on clean input.
#include "models/autoencoder_net.h"

#include "models/checkpoint_bundle.h"
#include "models/net_factories.h"

#include <torch/torch.h>

namespace fr::models {

namespace {

constexpr int64_t kHidden1 = 256;
constexpr int64_t kHidden2 = 64;
constexpr int64_t kLatent = 8;
constexpr double kNoiseStd = 0.1; // ALGORITHMS.md §2.1 decision: the paper leaves it open

struct DaeModuleImpl : torch::nn::Module {
    explicit DaeModuleImpl(int64_t inputDim)
    {
        namespace nn = torch::nn;
        encoder = register_module("encoder",
            nn::Sequential(nn::Linear(inputDim, kHidden1), nn::ReLU(),
                nn::Linear(kHidden1, kHidden2), nn::ReLU(), nn::Linear(kHidden2, kLatent)));
        decoder = register_module("decoder",
            nn::Sequential(nn::Linear(kLatent, kHidden2), nn::ReLU(),
                nn::Linear(kHidden2, kHidden1), nn::ReLU(), nn::Linear(kHidden1, inputDim)));
    }
    torch::nn::Sequential encoder {nullptr};
    torch::nn::Sequential decoder {nullptr};
};
TORCH_MODULE(DaeModule);

class DaeNet final : public AutoencoderNet {
public:
    explicit DaeNet(const NetShape& shape)
        : mModule(shape.inputDim)
    { }

    int64_t latentDim() const override { return kLatent; }
    at::Tensor encode(const at::Tensor& x) override { return mModule->encoder->forward(x); }
    at::Tensor reconstruct(const at::Tensor& x) override
    {
        return mModule->decoder->forward(mModule->encoder->forward(x));
    }
    at::Tensor score(const at::Tensor& x) override { return (x - reconstruct(x)).pow(2).sum(1); }

    void encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score) override
    {
        latent = mModule->encoder->forward(x);
        score = (x - mModule->decoder->forward(latent)).pow(2).sum(1);
    }

    // Mean over the batch of w_i ||x_i - x_hat(x_i + eps_i)||^2 (ALGORITHMS.md §2.1, §3).
    at::Tensor unsupervisedLoss(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights) override
    {
        at::Tensor noisy = x + torch::randn_like(x) * kNoiseStd;
        at::Tensor perRow = (x - reconstruct(noisy)).pow(2).sum(1);
        return (perRow * weights).mean();
    }

    std::vector<at::Tensor> parameters() override { return mModule->parameters(); }
    std::vector<std::pair<std::string, at::Tensor>> namedParameters() override
    {
        std::vector<std::pair<std::string, at::Tensor>> out;
        for (const auto& p : mModule->named_parameters())
            out.emplace_back(p.key(), p.value());
        return out;
    }
    void setTraining(bool on) override { mModule->train(on); }
    void moveToCuda(bool cuda) override { mModule->to(cuda ? torch::kCUDA : torch::kCPU); }
    void save(TensorBundle& bundle, const std::string& prefix) const override
    {
        putModule(bundle, prefix, *mModule);
    }
    void load(const TensorBundle& bundle, const std::string& prefix) override
    {
        takeModule(bundle, prefix, *mModule);
    }

    // ALGORITHMS.md §2.1: RMSprop, lr 0.01 (paper), batch 256, 5,000 pre-training steps.
    TrainingRecipe recipe() const override
    {
        TrainingRecipe r;
        r.optimizer = OptimizerKind::RmsProp;
        r.learningRate = 0.01;
        r.batchSize = 256;
        r.pretrainSteps = 5000;
        return r;
    }

private:
    DaeModule mModule;
};

} // namespace

std::unique_ptr<AutoencoderNet> makeDaeNet(const NetShape& shape)
{
    return std::make_unique<DaeNet>(shape);
}

} // namespace fr::models
