// AA-BiGAN (ALGORITHMS.md §7; Tian et al., "Anomaly Detection by Leveraging Incomplete Anomalous
// Knowledge with Anomaly-Aware Bidirectional GANs", IJCAI 2022): a least-squares bidirectional GAN
// whose discriminator also learns the collected anomalies, so that the generator's image avoids
// them. MLPs: encoder E d -> 256 -> 64 -> 16, generator G 16 -> 64 -> 256 -> d (the paper's
// 256-64-16 for tabular data; the same MLP for 28x28 images keeps training on the CPU), and
// discriminator D on [x; z] -> 256 -> 64 -> 1, LeakyReLU(0.2) between layers. Each step updates D
// (Adam, lr 2.5e-5), then E and G together (Adam, lr 1e-4), the paper's rates. Latent code E(x),
// score ||x - G(E(x))||^2 on clean input.
#include "models/aa_bigan_losses.h"
#include "models/autoencoder_net.h"
#include "models/checkpoint_bundle.h"
#include "models/flat_optimizer.h"
#include "models/net_factories.h"

#include <torch/torch.h>

#include <cmath>

namespace fr::models {

namespace {

constexpr int64_t kHidden1 = 256;
constexpr int64_t kHidden2 = 64;
constexpr int64_t kLatent = 16;
constexpr double kLeak = 0.2;
constexpr double kLearningRateEncoderGenerator = 1e-4; // the paper's, ALGORITHMS.md §7
constexpr double kLearningRateDiscriminator = 2.5e-5; // the paper's, ALGORITHMS.md §7
// The reconstruction term added to E and G's objective, lambda ||x - G(E(x))||^2 per row, for an
// encoder whose codes G maps back to the row (ALGORITHMS.md §7 has the measurement behind it).
constexpr double kReconstructionWeight = 1.0;

torch::nn::Sequential mlp(int64_t in, int64_t h1, int64_t h2, int64_t out)
{
    namespace nn = torch::nn;
    const auto leaky = nn::LeakyReLUOptions().negative_slope(kLeak);
    return nn::Sequential(nn::Linear(in, h1), nn::LeakyReLU(leaky), nn::Linear(h1, h2),
        nn::LeakyReLU(leaky), nn::Linear(h2, out));
}

struct AaBiganModuleImpl : torch::nn::Module {
    explicit AaBiganModuleImpl(int64_t inputDim)
    {
        encoder = register_module("encoder", mlp(inputDim, kHidden1, kHidden2, kLatent));
        generator = register_module("generator", mlp(kLatent, kHidden2, kHidden1, inputDim));
        discriminator
            = register_module("discriminator", mlp(inputDim + kLatent, kHidden1, kHidden2, 1));
    }
    torch::nn::Sequential encoder {nullptr};
    torch::nn::Sequential generator {nullptr};
    torch::nn::Sequential discriminator {nullptr};
};
TORCH_MODULE(AaBiganModule);

std::vector<at::Tensor> concat(std::vector<at::Tensor> a, const std::vector<at::Tensor>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

class AaBiganNet final : public AutoencoderNet {
public:
    explicit AaBiganNet(const NetShape& shape)
        : mInputDim(shape.inputDim)
        , mModule(shape.inputDim)
        , mDiscriminatorOptimizer(mModule->discriminator->parameters())
        , mEncoderGeneratorOptimizer(
              concat(mModule->encoder->parameters(), mModule->generator->parameters()))
    { }

    int64_t latentDim() const override { return kLatent; }
    at::Tensor encode(const at::Tensor& x) override { return mModule->encoder->forward(x); }
    at::Tensor reconstruct(const at::Tensor& x) override
    {
        return mModule->generator->forward(mModule->encoder->forward(x));
    }
    at::Tensor score(const at::Tensor& x) override { return (x - reconstruct(x)).pow(2).sum(1); }
    void encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score) override
    {
        latent = mModule->encoder->forward(x);
        score = (x - mModule->generator->forward(latent)).pow(2).sum(1);
    }

    // The encoder-generator objective of the batch (what a step reports; autoencoder_net.h).
    at::Tensor unsupervisedLoss(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights) override
    {
        return encoderGeneratorObjective(x, weights, anomalyBatch(x.size(0)));
    }

    void prepareTraining(
        const at::Tensor& x, const at::Tensor& weights, const at::Tensor& anomalies) override
    {
        mAnomalies = anomalies;
        mDiscriminatorOptimizer.ensureBound();
        mEncoderGeneratorOptimizer.ensureBound();
    }
    bool stepsItself() const override { return true; }

    double trainStep(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights) override
    {
        const at::Tensor anomalies = anomalyBatch(x.size(0));
        // The discriminator's step, on codes and images that carry no gradient to E and G.
        mDiscriminatorOptimizer.zeroGrad();
        at::Tensor lossD;
        {
            at::Tensor code, fake, z = torch::randn({x.size(0), kLatent}, x.options());
            {
                torch::NoGradGuard noGrad;
                code = mModule->encoder->forward(x);
                fake = mModule->generator->forward(z);
            }
            at::Tensor anomalyScore;
            if (anomalies.size(0) > 0) {
                torch::NoGradGuard noGrad;
                anomalyScore = mModule->encoder->forward(anomalies);
            }
            lossD = aabigan::discriminatorLoss(discriminate(x, code), weights,
                anomalies.size(0) > 0 ? discriminate(anomalies, anomalyScore) : at::Tensor(),
                discriminate(fake, z));
        }
        const double valueD = lossD.item<double>();
        if (!std::isfinite(valueD))
            return valueD;
        lossD.backward();
        mDiscriminatorOptimizer.step(OptimizerKind::Adam, kLearningRateDiscriminator);
        // E and G against the updated discriminator.
        mEncoderGeneratorOptimizer.zeroGrad();
        at::Tensor lossGE = encoderGeneratorObjective(x, weights, anomalies);
        const double valueGE = lossGE.item<double>();
        if (!std::isfinite(valueGE))
            return valueGE;
        lossGE.backward();
        mEncoderGeneratorOptimizer.step(OptimizerKind::Adam, kLearningRateEncoderGenerator);
        return valueD + valueGE;
    }

    std::vector<at::Tensor> parameters() override { return mModule->parameters(); }
    void setTraining(bool on) override { mModule->train(on); }
    void moveToCuda(bool cuda) override
    {
        mModule->to(cuda ? torch::kCUDA : torch::kCPU);
        mAnomalies = at::Tensor();
        mDiscriminatorOptimizer.ensureBound();
        mEncoderGeneratorOptimizer.ensureBound();
    }
    void save(TensorBundle& bundle, const std::string& prefix) const override
    {
        putModule(bundle, prefix, *mModule);
        mDiscriminatorOptimizer.save(bundle, prefix + ".optimizer_d");
        mEncoderGeneratorOptimizer.save(bundle, prefix + ".optimizer_eg");
    }
    void load(const TensorBundle& bundle, const std::string& prefix) override
    {
        takeModule(bundle, prefix, *mModule);
        mDiscriminatorOptimizer.ensureBound();
        mEncoderGeneratorOptimizer.ensureBound();
        mDiscriminatorOptimizer.load(bundle, prefix + ".optimizer_d");
        mEncoderGeneratorOptimizer.load(bundle, prefix + ".optimizer_eg");
    }

    // ALGORITHMS.md §7: Adam (the rates above), batch 256, 5,000 steps.
    TrainingRecipe recipe() const override
    {
        TrainingRecipe r;
        r.optimizer = OptimizerKind::Adam;
        r.learningRate = kLearningRateEncoderGenerator;
        r.batchSize = 256;
        r.pretrainSteps = 5000;
        return r;
    }

private:
    at::Tensor discriminate(const at::Tensor& x, const at::Tensor& z)
    {
        return mModule->discriminator->forward(torch::cat({x, z}, 1)).reshape({-1});
    }

    // As many collected anomalies as the batch has rows (all of them when fewer), drawn uniformly
    // with replacement by torch's seeded generator; 0 rows without collected anomalies.
    at::Tensor anomalyBatch(int64_t batchRows)
    {
        if (!mAnomalies.defined() || mAnomalies.size(0) == 0)
            return torch::empty({0, mInputDim},
                torch::TensorOptions().device(mModule->encoder->parameters()[0].device()));
        const int64_t n = mAnomalies.size(0);
        if (n <= batchRows)
            return mAnomalies;
        at::Tensor pick = torch::randint(
            n, {batchRows}, torch::TensorOptions().dtype(torch::kLong).device(mAnomalies.device()));
        return mAnomalies.index_select(0, pick);
    }

    at::Tensor encoderGeneratorObjective(
        const at::Tensor& x, const at::Tensor& weights, const at::Tensor& anomalies)
    {
        at::Tensor code = mModule->encoder->forward(x);
        at::Tensor z = torch::randn({x.size(0), kLatent}, x.options());
        at::Tensor loss = aabigan::encoderGeneratorLoss(discriminate(x, code), weights,
            anomalies.size(0) > 0 ? discriminate(anomalies, mModule->encoder->forward(anomalies))
                                  : at::Tensor(),
            discriminate(mModule->generator->forward(z), z));
        if (kReconstructionWeight > 0.0)
            loss = loss
                + kReconstructionWeight
                    * ((x - mModule->generator->forward(code)).pow(2).sum(1) * weights).mean();
        return loss;
    }

    int64_t mInputDim;
    AaBiganModule mModule;
    FlatOptimizer mDiscriminatorOptimizer;
    FlatOptimizer mEncoderGeneratorOptimizer;
    at::Tensor mAnomalies; // the collected anomalies of the current train() call
};

} // namespace

std::unique_ptr<AutoencoderNet> makeAaBiganNet(const NetShape& shape)
{
    return std::make_unique<AaBiganNet>(shape);
}

} // namespace fr::models
