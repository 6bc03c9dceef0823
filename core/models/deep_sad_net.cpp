// Deep SAD (ALGORITHMS.md §7; Ruff et al., ICLR 2020), the semi-supervised baseline the AA-BiGAN
// paper compares against: a bias-free MLP phi d -> 256 -> 64 -> 32 with LeakyReLU(0.1) (bias terms
// would let phi map every row onto the centre), the centre c the mean of phi over the training
// rows at the first training call (deep_sad_losses.h), the loss of deep_sad_losses.h with eta = 1,
// and the score ||phi(x) - c||^2. Latent code phi(x). Not done: the paper's autoencoder
// pre-training of phi's weights (ALGORITHMS.md §7).
#include "models/autoencoder_net.h"
#include "models/checkpoint_bundle.h"
#include "models/deep_sad_losses.h"
#include "models/net_factories.h"

#include <torch/torch.h>

namespace fr::models {

namespace {

constexpr int64_t kHidden1 = 256;
constexpr int64_t kHidden2 = 64;
constexpr int64_t kLatent = 32;
constexpr double kLeak = 0.1;
constexpr int64_t kCentreChunk = 4096; // rows per forward pass of the centre's pass
constexpr int kAnomalyBatchMin = 1;

struct DeepSadModuleImpl : torch::nn::Module {
    explicit DeepSadModuleImpl(int64_t inputDim)
    {
        namespace nn = torch::nn;
        const auto leaky = nn::LeakyReLUOptions().negative_slope(kLeak);
        phi = register_module("phi",
            nn::Sequential(nn::Linear(nn::LinearOptions(inputDim, kHidden1).bias(false)),
                nn::LeakyReLU(leaky), nn::Linear(nn::LinearOptions(kHidden1, kHidden2).bias(false)),
                nn::LeakyReLU(leaky),
                nn::Linear(nn::LinearOptions(kHidden2, kLatent).bias(false))));
        // [c; 1 once c is set]: a buffer, so that checkpoints carry it.
        centre = register_buffer("centre", torch::zeros({kLatent + 1}));
    }
    torch::nn::Sequential phi {nullptr};
    at::Tensor centre;
};
TORCH_MODULE(DeepSadModule);

class DeepSadNet final : public AutoencoderNet {
public:
    explicit DeepSadNet(const NetShape& shape)
        : mModule(shape.inputDim)
    { }

    int64_t latentDim() const override { return kLatent; }
    at::Tensor encode(const at::Tensor& x) override { return mModule->phi->forward(x); }
    at::Tensor reconstruct(const at::Tensor& x) override
    {
        throw std::logic_error("Deep SAD does not reconstruct its input");
    }
    at::Tensor score(const at::Tensor& x) override { return (encode(x) - centre()).pow(2).sum(1); }
    void encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score) override
    {
        latent = encode(x);
        score = (latent - centre()).pow(2).sum(1);
    }

    // The unlabelled batch against a draw of the labelled anomalies in their share of the
    // training rows (at least one when there are any), as a mixed batch of the paper would hold.
    at::Tensor unsupervisedLoss(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights) override
    {
        at::Tensor anomalyCodes;
        if (mAnomalies.defined() && mAnomalies.size(0) > 0) {
            const int64_t n = mAnomalies.size(0);
            const auto share = static_cast<int64_t>(std::llround(static_cast<double>(x.size(0))
                * static_cast<double>(n) / static_cast<double>(n + mTrainingRows)));
            const int64_t m = std::min(n, std::max<int64_t>(kAnomalyBatchMin, share));
            at::Tensor pick = torch::randint(
                n, {m}, torch::TensorOptions().dtype(torch::kLong).device(mAnomalies.device()));
            anomalyCodes = encode(mAnomalies.index_select(0, pick));
        }
        return deepsad::loss(encode(x), weights, anomalyCodes, centre());
    }

    void prepareTraining(
        const at::Tensor& x, const at::Tensor& weights, const at::Tensor& anomalies) override
    {
        mAnomalies = anomalies;
        at::Tensor kept = weights > 0;
        mTrainingRows = kept.sum().item<int64_t>();
        if (mModule->centre[kLatent].item<double>() != 0.0)
            return; // the centre stays where the first training put it
        torch::NoGradGuard noGrad;
        mModule->eval();
        at::Tensor rows = x.index_select(0, kept.nonzero().reshape({-1}));
        at::Tensor sum = torch::zeros({kLatent}, x.options());
        for (int64_t from = 0; from < rows.size(0); from += kCentreChunk)
            sum += encode(rows.slice(0, from, std::min(from + kCentreChunk, rows.size(0)))).sum(0);
        at::Tensor mean
            = (sum / static_cast<double>(std::max<int64_t>(1, rows.size(0)))).unsqueeze(0);
        mModule->centre.narrow(0, 0, kLatent).copy_(deepsad::centreOf(mean));
        mModule->centre[kLatent].fill_(1.0);
    }

    std::vector<at::Tensor> parameters() override { return mModule->parameters(); }
    void setTraining(bool on) override { mModule->train(on); }
    void moveToCuda(bool cuda) override
    {
        mModule->to(cuda ? torch::kCUDA : torch::kCPU);
        mAnomalies = at::Tensor();
    }
    void save(TensorBundle& bundle, const std::string& prefix) const override
    {
        putModule(bundle, prefix, *mModule);
    }
    void load(const TensorBundle& bundle, const std::string& prefix) override
    {
        takeModule(bundle, prefix, *mModule);
    }

    // ALGORITHMS.md §7: Adam, lr 1e-4 (the paper's), batch 128, 10,000 steps.
    TrainingRecipe recipe() const override
    {
        TrainingRecipe r;
        r.optimizer = OptimizerKind::Adam;
        r.learningRate = 1e-4;
        r.batchSize = 128;
        r.pretrainSteps = 10000;
        return r;
    }

private:
    at::Tensor centre() const { return mModule->centre.narrow(0, 0, kLatent); }

    DeepSadModule mModule;
    at::Tensor mAnomalies;
    int64_t mTrainingRows = 0;
};

} // namespace

std::unique_ptr<AutoencoderNet> makeDeepSadNet(const NetShape& shape)
{
    return std::make_unique<DeepSadNet>(shape);
}

} // namespace fr::models
