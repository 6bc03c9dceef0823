// The shared training loop (unsupervised_trainer.h).
#include "models/unsupervised_trainer.h"

#include "models/batch_sampler.h"
#include "models/failure_message.h"
#include "models/fault_injection.h"
#include "models/flat_optimizer.h"

#include <torch/torch.h>

#include <cmath>
#include <exception>
#include <optional>
#include <random>
#include <thread>

namespace fr::models {

namespace {

// What every step of one train() call reads.
struct StepInputs {
    const at::Tensor& x;
    const at::Tensor& groups; // int64 per row, on x's device
    const at::Tensor& weights; // per row, on x's device
    const TrainOptions& options;
    bool splitExtra; // the extra loss on a helper thread (see trainStep)
    std::optional<InjectedFault> fault; // fault_injection.h
};

// Joins the helper thread on every way out of a step, an exception included: a std::thread
// destroyed while still joinable calls std::terminate.
class JoinOnExit {
public:
    explicit JoinOnExit(std::thread& thread)
        : mThread(thread)
    { }
    ~JoinOnExit()
    {
        if (mThread.joinable())
            mThread.join();
    }
    JoinOnExit(const JoinOnExit&) = delete;
    JoinOnExit& operator=(const JoinOnExit&) = delete;

private:
    std::thread& mThread;
};

} // namespace

struct UnsupervisedTrainer::Impl {
    Impl(AutoencoderNet& n, uint64_t seed, const std::vector<at::Tensor>& extraParameters)
        : net(n)
        , recipe(n.recipe())
        , learningRate(recipe.learningRate)
        , netOptimizer(n.stepsItself() ? std::vector<at::Tensor> {} : n.parameters())
        , extraOptimizer(extraParameters)
        , rng(seed)
    { }

    void ensureBound()
    {
        netOptimizer.ensureBound();
        extraOptimizer.ensureBound();
    }

    // One optimiser step on batch (step is 0-based); a non-finite loss fails with
    // ErrorCode::Diverged before the parameters change. Throws what torch throws.
    Status trainStep(const StepInputs& in, const std::vector<int64_t>& batch, int step)
    {
        at::Tensor index = torch::from_blob(
            const_cast<int64_t*>(batch.data()), {static_cast<int64_t>(batch.size())}, torch::kLong)
                               .to(in.x.device(), /*non_blocking=*/false, /*copy=*/true);
        netOptimizer.zeroGrad();
        const TrainOptions& options = in.options;
        if (options.extraLoss)
            extraOptimizer.zeroGrad();
        // On a multi-core CPU the extra loss (the UAI head's BCE) runs its forward and backward
        // on a second thread while this one does the reconstruction batch: both only read the
        // parameters, and each gradient buffer receives exactly two additions starting from
        // zero, so the sum is the same as in one thread (a + b == b + a). Measured ~1.6x on
        // the round update with 2 idle cores.
        at::Tensor extraValue;
        std::exception_ptr extraError;
        std::thread helper;
        const JoinOnExit joinHelper(helper); // destroyed before what the helper writes to
        if (in.splitExtra)
            helper = std::thread([&] {
                try {
                    at::Tensor extra = options.extraLoss();
                    extra.backward();
                    extraValue = extra.detach();
                } catch (...) { // rethrown on this thread after the join
                    extraError = std::current_exception();
                }
            });
        if (in.fault && in.fault->step == step + 1)
            throwInjectedFault(*in.fault); // while the helper runs, as a real throw could
        if (net.stepsItself()) // AA-BiGAN: its own optimisers, its own alternating steps
            return selfStep(in, index, step);
        at::Tensor loss = net.unsupervisedLoss(in.x.index_select(0, index),
            in.groups.index_select(0, index), in.weights.index_select(0, index));
        if (options.extraLoss && !in.splitExtra)
            loss = loss + options.extraLoss();
        double value = loss.item<double>();
        if (in.splitExtra) {
            if (std::isfinite(value))
                loss.backward();
            helper.join();
            if (extraError)
                std::rethrow_exception(extraError);
            value += extraValue.item<double>();
        }
        if (!std::isfinite(value))
            return Status::failure(options.phase + ": the loss became " + std::to_string(value)
                    + " at step " + std::to_string(step + 1) + " (learning rate "
                    + std::to_string(learningRate) + ")",
                ErrorCode::Diverged);
        if (!in.splitExtra)
            loss.backward();
        netOptimizer.step(recipe.optimizer, learningRate);
        if (options.extraLoss)
            extraOptimizer.step(recipe.optimizer, learningRate);
        ++stepsDone;
        return Status::success();
    }

    Status selfStep(const StepInputs& in, const at::Tensor& index, int step)
    {
        const double value = net.trainStep(in.x.index_select(0, index),
            in.groups.index_select(0, index), in.weights.index_select(0, index));
        if (!std::isfinite(value))
            return Status::failure(in.options.phase + ": the loss became " + std::to_string(value)
                    + " at step " + std::to_string(step + 1),
                ErrorCode::Diverged);
        ++stepsDone;
        return Status::success();
    }

    AutoencoderNet& net;
    TrainingRecipe recipe;
    double learningRate;
    FlatOptimizer netOptimizer;
    FlatOptimizer extraOptimizer; // the UAI head's: stepped only when its loss takes part
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

    if (options.extraLoss && d->net.stepsItself())
        return Status::failure(options.phase
            + ": this model trains by its own steps and cannot "
              "train a head jointly; use a fitted head");
    for (int64_t row : options.labelledAnomalies)
        if (row < 0 || row >= rows)
            return Status::failure("training: labelled anomaly row " + std::to_string(row)
                + " is outside 0.." + std::to_string(rows - 1));
    std::vector<int64_t> anomalyRows = options.labelledAnomalies;
    const at::Tensor anomalies = anomalyRows.empty()
        ? torch::empty({0, x.size(1)}, x.options())
        : x.index_select(0,
            torch::from_blob(
                anomalyRows.data(), {static_cast<int64_t>(anomalyRows.size())}, torch::kLong)
                .to(device, /*non_blocking=*/false, /*copy=*/true));
    d->net.prepareTraining(x, weightTensor, anomalies);

    d->ensureBound(); // a checkpoint load or a device move may have replaced the storage
    const int intraOpThreads = at::get_num_threads();
    const bool splitExtra = options.extraLoss && !x.is_cuda() && intraOpThreads > 1;
    // On the CPU every step runs single-threaded: a mini-batch's operations are too small for
    // OpenMP's fork and join to pay off (measured on 2 cores: a Shuttle round 313 ms instead of
    // 593, 500 Fashion-MNIST pre-training steps 6.4 s instead of 8.4), and with the two losses on
    // two threads nested OpenMP teams from the helper thread measured 10x the CPU time. Restored
    // on every return.
    struct ThreadsRestore {
        int threads;
        bool active;
        ~ThreadsRestore()
        {
            if (active)
                at::set_num_threads(threads);
        }
    } restore {intraOpThreads, !x.is_cuda() && intraOpThreads > 1};
    if (restore.active)
        at::set_num_threads(1);
    const StepInputs in {
        x, groupTensor, weightTensor, options, splitExtra, injectedFaultFor(options.phase)};
    d->net.setTraining(true);
    const int64_t reportEvery = std::max(1, options.steps / 100);
    int step = 0;
    // Torch and the standard library throw (CUDA out of memory, a failed check, std::bad_alloc):
    // the failure names the phase and the step, and the caller (the detector) puts the previous
    // model back.
    try {
        for (; step < options.steps; ++step) {
            if (cancel.cancelled()) {
                d->net.setTraining(false);
                return Status::cancelled();
            }
            const Status stepped = d->trainStep(in, sampler.next(), step);
            if (!stepped.ok()) {
                d->net.setTraining(false);
                return stepped;
            }
            if (progress && ((step + 1) % reportEvery == 0 || step + 1 == options.steps))
                progress(Progress {options.phase, step + 1, options.steps});
        }
    } catch (...) { // not silent: the failure carries the description
        d->net.setTraining(false);
        return Status::failure(options.phase + " stopped at step " + std::to_string(step + 1)
            + " of " + std::to_string(options.steps) + ": " + describeCurrentException());
    }
    d->net.setTraining(false);
    return Status::success();
}

void UnsupervisedTrainer::resetOptimizer(double learningRate)
{
    d->learningRate = learningRate;
    d->ensureBound();
    d->netOptimizer.resetState();
    d->extraOptimizer.resetState();
}

double UnsupervisedTrainer::learningRate() const
{
    return d->learningRate;
}
int64_t UnsupervisedTrainer::stepsDone() const
{
    return d->stepsDone;
}

void UnsupervisedTrainer::save(TensorBundle& bundle, const std::string& prefix) const
{
    d->netOptimizer.save(bundle, prefix + ".net");
    d->extraOptimizer.save(bundle, prefix + ".extra");
}

void UnsupervisedTrainer::load(const TensorBundle& bundle, const std::string& prefix)
{
    d->ensureBound();
    d->netOptimizer.load(bundle, prefix + ".net");
    d->extraOptimizer.load(bundle, prefix + ".extra");
}

} // namespace fr::models
