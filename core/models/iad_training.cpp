#include "models/iad_training.h"

#include "models/autoencoder_net.h"
#include "models/iad_weighting.h"
#include "models/unsupervised_trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace fr::models {

namespace {

// Rows scored per forward pass: whole data sets on a GPU, bounded activations on a CPU.
constexpr int64_t kScoreChunk = 16384;

std::vector<float> scoreEveryRow(AutoencoderNet& net, const torch::Tensor& x)
{
    torch::NoGradGuard noGrad;
    net.setTraining(false);
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < x.size(0); start += kScoreChunk)
        parts.push_back(net.score(x.slice(0, start, std::min(x.size(0), start + kScoreChunk))));
    net.setTraining(true);
    torch::Tensor all = torch::cat(parts).to(torch::kCPU, torch::kFloat).contiguous();
    return std::vector<float>(all.data_ptr<float>(), all.data_ptr<float>() + all.numel());
}

std::vector<torch::Tensor> snapshot(AutoencoderNet& net)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> copies;
    for (const torch::Tensor& p : net.parameters())
        copies.push_back(p.detach().clone());
    return copies;
}

void restore(AutoencoderNet& net, const std::vector<torch::Tensor>& copies)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params = net.parameters();
    for (size_t i = 0; i < params.size(); ++i)
        params[i].copy_(copies[i]);
}

int64_t trainableRows(const std::vector<int8_t>& labels, int64_t rows)
{
    if (labels.empty())
        return rows;
    return rows - std::count(labels.begin(), labels.end(), int8_t(1));
}

ProgressCallback roundProgress(
    const ProgressCallback& progress, int round, int rounds, int64_t stepsPerRound)
{
    if (!progress)
        return {};
    return [=](const Progress& p) {
        Progress out;
        out.phase = "IAD round " + std::to_string(round) + "/" + std::to_string(rounds);
        out.done = int64_t(round) * stepsPerRound + p.done;
        out.total = int64_t(rounds + 1) * stepsPerRound;
        progress(out);
    };
}

} // namespace

int iadEpochsPerRound(int totalSteps, int rounds, int64_t trainableRows, int batchSize)
{
    const int64_t stepsPerEpoch
        = std::max<int64_t>(1, (trainableRows + batchSize - 1) / std::max(1, batchSize));
    const double epochs = double(totalSteps) / (double(rounds + 1) * double(stepsPerEpoch));
    return std::max(1, int(std::lround(epochs)));
}

Result<IadOutcome> trainWithIad(AutoencoderNet& net, UnsupervisedTrainer& trainer,
    const at::Tensor& x, const at::Tensor& groups, const IadSettings& settings,
    const std::vector<int8_t>& labels, const CancelToken& cancel, const ProgressCallback& progress)
{
    const int64_t n = x.size(0);
    if (!labels.empty() && int64_t(labels.size()) != n)
        return Result<IadOutcome>::failure(
            "IAD: " + std::to_string(labels.size()) + " labels for " + std::to_string(n) + " rows");
    IadOutcome outcome;
    outcome.rounds = settings.rounds > 0
        ? settings.rounds
        : (settings.imageData ? iad::kRoundsImage : iad::kRoundsTabular);
    const int64_t trainable = trainableRows(labels, n);
    if (trainable == 0)
        return Result<IadOutcome>::failure("IAD: every row is labelled as an anomaly");
    outcome.epochsPerRound
        = iadEpochsPerRound(settings.totalSteps, outcome.rounds, trainable, settings.batchSize);
    const int64_t stepsPerEpoch = (trainable + settings.batchSize - 1) / settings.batchSize;
    outcome.stepsPerRound = int(outcome.epochsPerRound * stepsPerEpoch);

    std::vector<float> weights(size_t(n), 1.0f); // round 0: every row weighs 1
    iad::applyLabels(weights, labels);
    std::vector<float> previousScores;
    std::vector<torch::Tensor> kept;
    int64_t lowest = std::numeric_limits<int64_t>::max();
    for (int round = 0; round <= outcome.rounds; ++round) {
        TrainOptions train;
        train.steps = outcome.stepsPerRound;
        train.phase = "IAD round " + std::to_string(round);
        train.rowWeights = weights;
        Status status = trainer.train(x, groups, train, cancel,
            roundProgress(progress, round, outcome.rounds, outcome.stepsPerRound));
        if (!status.ok())
            return Result<IadOutcome>(status);
        std::vector<float> scores = scoreEveryRow(net, x);
        if (round > 0) {
            const int64_t h = iad::medianCrossings(previousScores, scores);
            outcome.crossings.push_back(h);
            if (h < lowest) { // the earliest round wins a tie
                lowest = h;
                outcome.keptRound = round;
                outcome.keptWeights = weights;
                kept = snapshot(net);
            }
        }
        previousScores = std::move(scores);
        weights = iad::weightsFromScores(previousScores);
        iad::applyLabels(weights, labels);
    }
    if (!kept.empty())
        restore(net, kept);
    else
        outcome.keptWeights = std::vector<float>(size_t(n), 1.0f); // T = 0: round 0 is kept
    return outcome;
}

} // namespace fr::models
