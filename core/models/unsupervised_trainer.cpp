// The shared training loop (unsupervised_trainer.h).
#include "models/unsupervised_trainer.h"

#include "models/batch_sampler.h"

#include <torch/torch.h>

#include <cmath>
#include <random>

namespace fr::models {

struct UnsupervisedTrainer::Impl {
    Impl(AutoencoderNet& n, uint64_t seed, const std::vector<at::Tensor>& extraParameters)
        : net(n)
        , extra(extraParameters)
        , recipe(n.recipe())
        , learningRate(recipe.learningRate)
        , rng(seed)
    {
        build();
    }

    void build()
    {
        std::vector<at::Tensor> params = net.parameters();
        params.insert(params.end(), extra.begin(), extra.end());
        if (recipe.optimizer == OptimizerKind::RmsProp)
            optimizer = std::make_unique<torch::optim::RMSprop>(
                params, torch::optim::RMSpropOptions(learningRate));
        else
            optimizer = std::make_unique<torch::optim::Adam>(
                params, torch::optim::AdamOptions(learningRate));
    }

    AutoencoderNet& net;
    std::vector<at::Tensor> extra;
    TrainingRecipe recipe;
    double learningRate;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::mt19937_64 rng;
    int64_t stepsDone = 0;
};

UnsupervisedTrainer::UnsupervisedTrainer(
    AutoencoderNet& net, uint64_t seed, const std::vector<at::Tensor>& extraParameters)
    : d(std::make_unique<Impl>(net, seed, extraParameters))
{ }

UnsupervisedTrainer::~UnsupervisedTrainer() = default;

namespace {

std::vector<int64_t> groupsOnCpu(const at::Tensor& groups, int64_t rows)
{
    if (!groups.defined() || groups.numel() == 0)
        return std::vector<int64_t>(static_cast<size_t>(rows), 0);
    at::Tensor cpu = groups.to(torch::kCPU, torch::kLong).contiguous();
    return std::vector<int64_t>(cpu.data_ptr<int64_t>(), cpu.data_ptr<int64_t>() + cpu.numel());
}

} // namespace

Status UnsupervisedTrainer::train(const at::Tensor& x, const at::Tensor& groups,
    const TrainOptions& options, const CancelToken& cancel, const ProgressCallback& progress)
{
    const int64_t rows = x.size(0);
    if (!options.rowWeights.empty() && static_cast<int64_t>(options.rowWeights.size()) != rows)
        return Status::failure("training weights: " + std::to_string(options.rowWeights.size())
            + " weights for " + std::to_string(rows) + " rows");
    const auto device = x.device();
    std::vector<int64_t> groupOfRow = groupsOnCpu(groups, rows);
    at::Tensor groupTensor = torch::from_blob(groupOfRow.data(), {rows}, torch::kLong).to(device);
    at::Tensor weightTensor = options.rowWeights.empty()
        ? torch::ones({rows}, x.options())
        : torch::from_blob(const_cast<float*>(options.rowWeights.data()), {rows}, torch::kFloat)
              .to(device, /*non_blocking=*/false, /*copy=*/true);

    BatchSampler sampler(groupOfRow, options.rowWeights, d->recipe.batchSize,
        d->recipe.groupStratifiedBatches, d->rng);
    if (sampler.eligibleRows() == 0 && options.steps > 0)
        return Status::failure("training: no row has a positive weight");

    d->net.setTraining(true);
    const int64_t reportEvery = std::max(1, options.steps / 100);
    for (int step = 0; step < options.steps; ++step) {
        if (cancel.cancelled())
            return Status::failure("cancelled");
        const std::vector<int64_t>& batch = sampler.next();
        at::Tensor index = torch::from_blob(
            const_cast<int64_t*>(batch.data()), {static_cast<int64_t>(batch.size())}, torch::kLong)
                               .to(device, /*non_blocking=*/false, /*copy=*/true);
        d->optimizer->zero_grad();
        at::Tensor loss = d->net.unsupervisedLoss(x.index_select(0, index),
            groupTensor.index_select(0, index), weightTensor.index_select(0, index));
        if (options.extraLoss)
            loss = loss + options.extraLoss();
        const double value = loss.item<double>();
        if (!std::isfinite(value)) {
            d->net.setTraining(false);
            return Status::failure(options.phase + ": the loss became " + std::to_string(value)
                + " at step " + std::to_string(step + 1) + " (learning rate "
                + std::to_string(d->learningRate) + ")");
        }
        loss.backward();
        d->optimizer->step();
        ++d->stepsDone;
        if (progress && ((step + 1) % reportEvery == 0 || step + 1 == options.steps))
            progress(Progress {options.phase, step + 1, options.steps});
    }
    d->net.setTraining(false);
    return Status::success();
}

void UnsupervisedTrainer::resetOptimizer(double learningRate)
{
    d->learningRate = learningRate;
    d->build();
}

double UnsupervisedTrainer::learningRate() const
{
    return d->learningRate;
}
int64_t UnsupervisedTrainer::stepsDone() const
{
    return d->stepsDone;
}

void UnsupervisedTrainer::save(torch::serialize::OutputArchive& archive)
{
    d->optimizer->save(archive);
}

void UnsupervisedTrainer::load(torch::serialize::InputArchive& archive)
{
    d->optimizer->load(archive);
}

Status trainUnsupervised(AutoencoderNet& net, const at::Tensor& x, const at::Tensor& groups,
    const TrainOptions& options, uint64_t seed, const CancelToken& cancel,
    const ProgressCallback& progress)
{
    UnsupervisedTrainer trainer(net, seed);
    return trainer.train(x, groups, options, cancel, progress);
}

} // namespace fr::models
