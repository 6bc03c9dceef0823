// FADIG (ALGORITHMS.md §2.2) as an AutoencoderNet: an MLP autoencoder whose mini-batch loss is
// the adaptively group-weighted reconstruction loss plus α · L_FAC on the latent codes.
#include "models/fadig_net.h"

#include "models/checkpoint_bundle.h"
#include "models/net_factories.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace fr::models {

namespace {

// "Small tabular data" of ALGORITHMS.md §2.2 (decision): at most 32 features and at most 10,000
// rows. There the 128-unit layer has more weights than the data has rows (d=32: ~8k weights per
// side), so two layers of 32 keep the model from memorising the anomalies.
constexpr int64_t kSmallMaxInputDim = 32;
constexpr int64_t kSmallMaxRows = 10000;
constexpr int64_t kWideHidden = 128; // ALGORITHMS.md §2.2
constexpr int64_t kSmallHidden = 32; // ALGORITHMS.md §2.2, two layers
// Latent size (decision; §2.2 leaves it open): a quarter of the input, between 2 and 32. The
// reconstruction score needs a bottleneck narrower than the input, else an autoencoder can learn
// the identity and every row reconstructs well; 32 caps it for images as the DAE's 8 does for §2.1.
constexpr int64_t kLatentDivisor = 4;
constexpr int64_t kMinLatent = 2;
constexpr int64_t kMaxLatent = 32;

torch::nn::Sequential mlp(int64_t in, const std::vector<int64_t>& hidden, int64_t out)
{
    torch::nn::Sequential net;
    int64_t width = in;
    for (int64_t units : hidden) {
        net->push_back(torch::nn::Linear(width, units));
        net->push_back(torch::nn::ReLU());
        width = units;
    }
    net->push_back(torch::nn::Linear(width, out)); // no activation on the latent or the output
    return net;
}

struct FadigModuleImpl : torch::nn::Module {
    FadigModuleImpl(int64_t inputDim, const FadigLayout& layout)
    {
        std::vector<int64_t> mirrored(layout.hidden.rbegin(), layout.hidden.rend());
        encoder = register_module("encoder", mlp(inputDim, layout.hidden, layout.latent));
        decoder = register_module("decoder", mlp(layout.latent, mirrored, inputDim));
    }
    torch::nn::Sequential encoder {nullptr};
    torch::nn::Sequential decoder {nullptr};
};
TORCH_MODULE(FadigModule);

class FadigNet final : public AutoencoderNet {
public:
    FadigNet(const FadigConfig& config, const NetShape& shape)
        : mConfig(config)
        , mLayout(fadigLayoutFor(shape))
        , mGroupCount(std::max(1, shape.groupCount))
        , mModule(shape.inputDim, mLayout)
    { }

    int64_t latentDim() const override { return mLayout.latent; }
    at::Tensor encode(const at::Tensor& x) override { return mModule->encoder->forward(x); }
    at::Tensor reconstruct(const at::Tensor& x) override
    {
        return mModule->decoder->forward(encode(x));
    }
    at::Tensor score(const at::Tensor& x) override { return (x - reconstruct(x)).pow(2).sum(1); }
    void encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score) override
    {
        latent = encode(x);
        score = (x - mModule->decoder->forward(latent)).pow(2).sum(1);
    }

    at::Tensor unsupervisedLoss(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights) override
    {
        torch::Tensor z = encode(x);
        torch::Tensor rec = mModule->decoder->forward(z);
        torch::Tensor loss = reconstructionLoss(x, rec, groups, weights);
        if (mConfig.contrastive)
            loss = loss + mConfig.alpha * contrastiveLoss(z, groups, weights);
        return loss;
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

    TrainingRecipe recipe() const override
    {
        TrainingRecipe recipe;
        recipe.optimizer = OptimizerKind::Adam; // ALGORITHMS.md §2.2
        recipe.learningRate = 1e-3; // ALGORITHMS.md §2.2
        recipe.groupStratifiedBatches = mConfig.groupStratifiedBatches;
        return recipe;
    }

private:
    // L_REC of §2.2 as Σ_i c_i ||x_i - x̂_i||^2 with one coefficient per row: the group's weight
    // (ε, 1 - ε, or the multi-group weights; constant, no gradient) times the row weight over the
    // reduction's normaliser.
    torch::Tensor reconstructionLoss(const torch::Tensor& x, const torch::Tensor& rec,
        const torch::Tensor& groups, const torch::Tensor& weights)
    {
        torch::Tensor rowErrors = (x - rec).pow(2).sum(1);
        const double features = double(x.size(1));
        if (!mConfig.adaptiveEpsilon) {
            const double norm = mConfig.reduction == fadig::Reduction::Sum
                ? double(x.size(0))
                : double(x.size(0)) * features;
            return (weights * rowErrors).sum() / norm;
        }
        const std::vector<fadig::GroupFit> fits
            = fadig::groupFits(x, rec, groups, weights, mGroupCount, mConfig.reduction);
        const std::vector<double> groupWeight = fadig::groupWeights(fits);
        std::vector<float> perGroup(mGroupCount, 0.0f);
        for (int g = 0; g < mGroupCount; ++g) {
            if (fits[g].rows == 0)
                continue;
            const double norm = mConfig.reduction == fadig::Reduction::Sum
                ? double(x.size(0))
                : double(fits[g].rows) * features;
            perGroup[g] = float(groupWeight[g] / norm);
        }
        torch::Tensor coefficients
            = torch::tensor(perGroup, x.options()).index_select(0, groups) * weights;
        return (coefficients * rowErrors).sum();
    }

    // Rows of weight 0 (labelled anomalies) are left out of the contrastive term too: the model
    // should not pull an anomaly towards the other group.
    torch::Tensor contrastiveLoss(
        const torch::Tensor& z, const torch::Tensor& groups, const torch::Tensor& weights)
    {
        return fadig::fairContrastiveLoss(z, groups, weights > 0, mGroupCount, mConfig.tau);
    }

    FadigConfig mConfig;
    FadigLayout mLayout;
    int mGroupCount;
    FadigModule mModule;
};

} // namespace

FadigLayout fadigLayoutFor(const NetShape& shape)
{
    FadigLayout layout;
    const bool small = shape.inputDim <= kSmallMaxInputDim && shape.rows <= kSmallMaxRows;
    layout.hidden = small ? std::vector<int64_t> {kSmallHidden, kSmallHidden}
                          : std::vector<int64_t> {kWideHidden};
    layout.latent = std::clamp(shape.inputDim / kLatentDivisor, kMinLatent, kMaxLatent);
    return layout;
}

FadigConfig fadigConfigFor(ModelKind kind)
{
    FadigConfig config;
    switch (kind) {
    case ModelKind::FadigNoEps:
        config.adaptiveEpsilon = false;
        break;
    case ModelKind::FadigNoFac:
        config.contrastive = false;
        break;
    case ModelKind::Ae:
        config.adaptiveEpsilon = false;
        config.contrastive = false;
        config.groupStratifiedBatches = false;
        break;
    default:
        break;
    }
    return config;
}

std::unique_ptr<AutoencoderNet> makeFadigFamilyNet(const FadigConfig& config, const NetShape& shape)
{
    return std::make_unique<FadigNet>(config, shape);
}

std::unique_ptr<AutoencoderNet> makeFadigNet(ModelKind kind, const NetShape& shape)
{
    return makeFadigFamilyNet(fadigConfigFor(kind), shape);
}

} // namespace fr::models
