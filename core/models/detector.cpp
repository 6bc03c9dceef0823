// The detector facade (detector.h): data tensor, network, UAI head and optimiser behind plain C++.
#include "models/detector.h"

#include "models/autoencoder_net.h"
#include "models/batch_sampler.h"
#include "models/checkpoint_bundle.h"
#include "models/detector_internals.h"
#include "models/device.h"
#include "models/failure_message.h"
#include "models/group_calibration.h"
#include "models/iad_training.h"
#include "models/isolation_forest.h"
#include "models/logistic_fit.h"
#include "models/tensor_vectors.h"
#include "models/uai_head.h"
#include "models/unsupervised_trainer.h"
#include "util/json_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

namespace fr::models {

namespace {

// Rows scored per forward pass on the CPU: the 256-wide hidden activations of a chunk (1 MB) stay
// in cache; measured 2-3x faster than chunks of 16,384 rows. Chunks run in parallel on torch's
// intra-op pool. On CUDA one large chunk keeps the device busy.
constexpr int64_t kCpuScoreChunk = 1024;
constexpr int64_t kCudaScoreChunk = 65536;
// Labelled rows in the head's BCE per iteration (see Detector::update).
constexpr int64_t kHeadBatch = 256;
// ALGORITHMS.md §2.1: the fallback learning rate when pre-training at the paper's rate diverges.
constexpr double kFallbackLearningRate = 1e-3;

// The product's loop standardises log(s) of the autoencoder's error rather than s (§8): the
// error's tail is heavy, and a few huge errors would otherwise set the standard deviation.
constexpr bool kLogScore = true;
constexpr double kLogScoreOffset = 1e-12; // keeps log finite for a perfectly reconstructed row
// The prior the product's head starts as, on [s~ of the autoencoder; s~ of the Isolation
// Forest] (§8): the forest alone. Measured label-free on Shuttle, Arrests and Fashion-MNIST
// classes 0-2, the forest found more than the autoencoder and than every mix of the two tried
// (z-scores, log z-scores, probit ranks, the maximum, 1:3 weights), at b and nearly everywhere
// before.
const std::vector<float> kPriorScoreWeights {0.0f, 1.0f};
// The prior's worth in labels in the head's fit (logistic_fit.h's lambda), §8.
constexpr double kPriorPull = 1.0;
// The most columns of the row the product's head sees directly; wider rows are reduced (§8).
// (Fashion-MNIST class 0 found 519 with 32 components and 522 with 64: not worth the fit's cost.)
constexpr int64_t kHeadRowColumns = 32;

} // namespace

struct Detector::Impl {
    std::shared_ptr<const Dataset> data;
    ModelOptions options;
    std::string deviceName;
    torch::Device device {torch::kCPU};
    NetShape shape;
    at::Tensor x; // rows x d, resident on the device for the whole session
    at::Tensor groups; // int64 per row, on the device
    std::unique_ptr<AutoencoderNet> net;
    std::unique_ptr<UaiHead> head;
    std::unique_ptr<UnsupervisedTrainer> trainer;
    bool headTrained = false;
    bool learningRateFellBack = false;
    // The latest full scoring of the model as it is (undefined once training changed it): s~ of
    // the labelled rows during the next round update, and what scoreAll returns without scoring
    // again.
    at::Tensor lastScore;
    at::Tensor lastLatent;
    double scoreMean = 0.0;
    double scoreStd = 1.0;
    // The Isolation Forest's score per row (§8), fixed for the session; undefined without a prior.
    at::Tensor forestScore;
    IsolationForest forest; // kept for the TorchScript export
    at::Tensor headRows; // the rows as the product's head sees them; undefined without a prior
    at::Tensor headRowMean, headRowAxes,
        headRowScale; // its projection; undefined when it is x itself
    double forestMean = 0.0;
    double forestStd = 1.0;
    std::vector<float> priorWeights; // the head's starting weights on the standardised scores
    std::mt19937_64 headRng;
    // With options.iad: the row weights of the kept round, which the round updates start from
    // (ALGORITHMS.md §4: IAD's weights stand until the analyst's labels override them).
    std::vector<float> iadWeights;
    int iadRounds = 0; // with options.iad: T, and the round whose model was kept
    int iadKeptRound = -1;

    // Builds the network, head and trainer aside and swaps them in only once all three exist, so
    // that a throw (out of GPU memory) leaves the previous ones in place, the trainer still bound
    // to its own network.
    Status buildNet()
    {
        torch::manual_seed(options.seed);
        std::unique_ptr<AutoencoderNet> newNet = makeAutoencoderNet(options.kind, shape);
        if (!newNet)
            return Status::failure(
                "no network is available for model " + modelKindName(options.kind));
        std::unique_ptr<UaiHead> newHead = hasUaiHead(options.kind)
            ? std::make_unique<UaiHead>(newNet->latentDim(), headFeatureDim(), priorWeights)
            : nullptr;
        const bool cuda = device.is_cuda();
        newNet->moveToCuda(cuda);
        if (newHead)
            newHead->moveToCuda(cuda);
        auto newTrainer = std::make_unique<UnsupervisedTrainer>(
            *newNet, options.seed, newHead ? newHead->parameters() : std::vector<at::Tensor> {});
        trainer = std::move(newTrainer); // the old trainer goes first: it refers to the old net
        head = std::move(newHead);
        net = std::move(newNet);
        headTrained = false;
        lastScore = lastLatent = at::Tensor();
        return Status::success();
    }

    // The base score as the head sees it: the autoencoder's error on a log scale for the
    // product's loop (its tail is heavy: a few huge errors would set the standard deviation),
    // raw for the published UaiNet.
    at::Tensor headScale(const at::Tensor& score) const
    {
        return forestScore.defined() && kLogScore ? torch::log(score + kLogScoreOffset) : score;
    }

    // s~ for the rows of index (every row when undefined): n x scoreCount, standardised with the
    // statistics of the latest full scoring.
    at::Tensor standardisedScores(const at::Tensor& score, const at::Tensor& index) const
    {
        at::Tensor base = (headScale(score) - scoreMean) / scoreStd;
        if (!forestScore.defined())
            return base.unsqueeze(1);
        at::Tensor forest = index.defined() ? forestScore.index_select(0, index) : forestScore;
        return torch::stack({base, (forest - forestMean) / forestStd}, 1);
    }

    // The label-free ranking key: the head's starting weights applied to s~.
    at::Tensor priorKey(const at::Tensor& standardised) const
    {
        at::Tensor w = torch::from_blob(const_cast<float*>(priorWeights.data()),
            {static_cast<int64_t>(priorWeights.size())}, torch::kFloat)
                           .to(standardised.device());
        return standardised.mv(w);
    }

    // The product's head also sees the row itself (§8): a linear model on the features learns
    // from the first labels what an 8-wide bottleneck may have squeezed out. Rows wider than
    // kHeadRowColumns are seen through their leading principal components, each scaled to unit
    // variance, so that the head's fit stays small and its prior pull treats every direction
    // alike. Measured on Arrests: 190 found in the first 500 labels with the row, 142 without.
    void buildHeadRows()
    {
        torch::NoGradGuard noGrad;
        if (x.size(1) <= kHeadRowColumns) {
            headRows = x;
            return;
        }
        headRowMean = x.mean(0, true);
        at::Tensor centred = x - headRowMean;
        at::Tensor cov
            = centred.t().mm(centred) / static_cast<double>(std::max<int64_t>(1, x.size(0) - 1));
        auto eig = torch::linalg_eigh(cov.to(torch::kDouble));
        at::Tensor axes = std::get<1>(eig)
                              .narrow(1, x.size(1) - kHeadRowColumns, kHeadRowColumns)
                              .flip({1})
                              .to(x.scalar_type());
        at::Tensor projected = centred.mm(axes);
        headRowAxes = axes;
        headRowScale = projected.std(0, /*unbiased=*/false, true).clamp_min(1e-6);
        headRows = projected / headRowScale;
    }

    int64_t headFeatureDim() const { return headRows.defined() ? headRows.size(1) : 0; }

    // The product's head (§8): the prior-centred logistic regression of logistic_fit.h on the
    // labelled rows' [latent code; row; s~] of the model as this round left it, solved to
    // convergence and warm-started from the last round's weights. The latent code is detached:
    // measured on Arrests, training the encoder through the head (as the published UaiNet does)
    // found 146 of the first 500 against 179 with the encoder left to its reconstruction loss.
    void fitHead(const std::vector<int64_t>& rows, const std::vector<int8_t>& labels)
    {
        torch::NoGradGuard noGrad;
        at::Tensor score = lastScore, latent = lastLatent;
        if (!score.defined() || !latent.defined())
            scoreTensors(score, latent);
        std::vector<int64_t> idx(rows.begin(), rows.end());
        at::Tensor index
            = torch::from_blob(idx.data(), {static_cast<int64_t>(idx.size())}, torch::kLong)
                  .to(device, false, true);
        std::vector<at::Tensor> parts {latent.index_select(0, index)};
        if (head->featureDim() > 0)
            parts.push_back(headRows.index_select(0, index));
        parts.push_back(standardisedScores(score.index_select(0, index), index));
        at::Tensor features = torch::cat(parts, 1).to(torch::kCPU).contiguous();
        const int64_t dim = features.size(1);
        std::vector<float> f(
            features.data_ptr<float>(), features.data_ptr<float>() + features.numel());
        LogisticFit start;
        start.weights = head->weights();
        start.bias = head->bias();
        const LogisticFit fit
            = fitLogistic(f, dim, labels, head->startWeights(), kPriorPull, start);
        head->setWeights(fit.weights, fit.bias);
        headTrained = true;
    }

    void fitForest()
    {
        IsolationForestOptions forestOptions;
        forestOptions.seed = options.seed;
        forest = IsolationForest::fit(data->matrix, forestOptions);
        std::vector<float> s = forest.scoreAll(data->matrix);
        forestScore = torch::from_blob(s.data(), {static_cast<int64_t>(s.size())}, torch::kFloat)
                          .to(device, false, true);
        forestMean = forestScore.mean().item<double>();
        forestStd = std::max(forestScore.std(/*unbiased=*/false).item<double>(), 1e-12);
    }

    int roundSteps() const
    {
        return options.roundSteps >= 0 ? options.roundSteps : defaultRoundSteps(options.kind);
    }

    int pretrainSteps() const
    {
        return options.pretrainSteps >= 0 ? options.pretrainSteps : net->recipe().pretrainSteps;
    }

    // The full scoring pass; also refreshes the s~ statistics used by the next round update.
    void scoreTensors(at::Tensor& score, at::Tensor& latent)
    {
        torch::NoGradGuard noGrad;
        net->setTraining(false);
        const int64_t rows = x.size(0);
        score = torch::empty({rows}, x.options());
        latent = torch::empty({rows, net->latentDim()}, x.options());
        const int64_t chunk = device.is_cuda() ? kCudaScoreChunk : kCpuScoreChunk;
        const int64_t chunks = (rows + chunk - 1) / chunk;
        auto scoreChunks = [&](int64_t begin, int64_t end) {
            torch::NoGradGuard threadNoGrad; // grad mode is per thread
            for (int64_t c = begin; c < end; ++c) {
                const int64_t from = c * chunk, to = std::min(from + chunk, rows);
                at::Tensor l, s;
                net->encodeAndScore(x.slice(0, from, to), l, s);
                score.slice(0, from, to).copy_(s);
                latent.slice(0, from, to).copy_(l);
            }
        };
        if (device.is_cuda())
            scoreChunks(0, chunks);
        else
            at::parallel_for(0, chunks, 1, scoreChunks);
        if (calibratesByGroup(options.kind) && data->hasGroups())
            score = calibratedByGroup(score);
        // Population statistics; the guard keeps a constant score (a degenerate net) finite.
        at::Tensor scaled = headScale(score);
        scoreMean = scaled.mean().item<double>();
        scoreStd = std::max(scaled.std(/*unbiased=*/false).item<double>(), 1e-12);
        lastScore = score;
        lastLatent = latent;
    }

    // The fair detectors' scores (§2.3): group_calibration.h on the raw reconstruction errors.
    at::Tensor calibratedByGroup(const at::Tensor& raw) const
    {
        const at::Tensor cpu = raw.to(torch::kCPU).contiguous();
        const std::vector<float> values(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
        std::vector<float> calibrated = calibrateScoresByGroup(values, data->groups);
        return torch::from_blob(calibrated.data(), {raw.size(0)}, torch::kFloat)
            .to(device, false, true);
    }

    std::vector<uint8_t> serialize() { return toBundle().encode(); }

    TensorBundle toBundle()
    {
        TensorBundle bundle;
        net->save(bundle, "net");
        if (head)
            head->save(bundle, "head");
        trainer->save(bundle, "optimizer");
        if (!iadWeights.empty())
            putTensor(bundle, "iad_weights",
                torch::from_blob(
                    iadWeights.data(), {static_cast<int64_t>(iadWeights.size())}, torch::kFloat));
        putTensor(bundle, "meta",
            torch::tensor({headTrained ? 1.0 : 0.0, learningRateFellBack ? 1.0 : 0.0,
                              trainer->learningRate()},
                torch::kDouble));
        return bundle;
    }

    // Throws std::runtime_error naming what does not fit; the caller (restoreCheckpoint) then puts
    // the model from before back, since a load can fail after some parameters were filled.
    void deserialize(const TensorBundle& bundle)
    {
        at::Tensor meta = torch::zeros({3}, torch::kDouble);
        takeInto(bundle, "meta", meta);
        const double learningRate = meta[2].item<double>();
        if (!std::isfinite(learningRate) || learningRate <= 0.0)
            throw std::runtime_error("the checkpoint's learning rate is not a positive number");
        at::Tensor iad;
        if (const BundleArray* stored = bundle.find("iad_weights")) {
            if (stored->shape.size() != 1)
                throw std::runtime_error("the checkpoint's 'iad_weights' is not a list");
            iad = torch::zeros({stored->shape[0]}, torch::kFloat);
            takeInto(bundle, "iad_weights", iad);
        }
        net->load(bundle, "net");
        if (head)
            head->load(bundle, "head");
        trainer->resetOptimizer(learningRate);
        trainer->load(bundle, "optimizer");
        iadWeights.clear();
        if (iad.defined())
            iadWeights.assign(iad.data_ptr<float>(), iad.data_ptr<float>() + iad.numel());
        headTrained = meta[0].item<double>() != 0.0;
        learningRateFellBack = meta[1].item<double>() != 0.0;
        lastScore = lastLatent = at::Tensor();
    }
};

Detector::Detector()
    : d(std::make_unique<Impl>())
{ }
Detector::~Detector() = default;

Result<std::unique_ptr<Detector>> Detector::create(
    std::shared_ptr<const Dataset> dataset, const ModelOptions& options)
{
    if (!dataset || dataset->rowCount() == 0 || dataset->matrix.cols == 0)
        return Result<std::unique_ptr<Detector>>::failure(
            "the data set has no rows or no feature columns to train a model on");
    const FeatureMatrix& m = dataset->matrix;
    if (static_cast<int64_t>(m.values.size()) != m.rows * m.cols)
        return Result<std::unique_ptr<Detector>>::failure("the feature matrix holds "
            + std::to_string(m.values.size())
            + " values, expected rows x columns = " + std::to_string(m.rows * m.cols));
    auto device = resolveDevice(options.device);
    if (!device.ok())
        return Result<std::unique_ptr<Detector>>::failure(device.error());
    return callGuarded(
        "building the model", [&] { return build(std::move(dataset), options, device.value()); });
}

Result<std::unique_ptr<Detector>> Detector::build(
    std::shared_ptr<const Dataset> dataset, const ModelOptions& options, const std::string& device)
{
    const FeatureMatrix& m = dataset->matrix;
    std::unique_ptr<Detector> detector(new Detector());
    Impl& d = *detector->d;
    d.data = std::move(dataset);
    d.options = options;
    d.headRng.seed(options.seed + 0x9e3779b97f4a7c15ULL); // independent of the trainer's stream
    d.deviceName = device;
    d.device = d.deviceName == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    configureIntraOpThreads(options.intraOpThreads);

    d.shape.inputDim = m.cols;
    d.shape.rows = m.rows;
    d.shape.groupCount = d.data->hasGroups() ? static_cast<int>(d.data->groupNames.size()) : 0;
    d.x = torch::from_blob(const_cast<float*>(m.values.data()), {m.rows, m.cols}, torch::kFloat)
              .to(d.device, /*non_blocking=*/false, /*copy=*/true);
    std::vector<int64_t> groups(static_cast<size_t>(m.rows), 0);
    if (d.data->hasGroups())
        for (size_t r = 0; r < groups.size(); ++r) // a row without a group trains with group 0
            groups[r] = std::max(0, d.data->groups[r]);
    d.groups = torch::from_blob(groups.data(), {m.rows}, torch::kLong).to(d.device, false, true);
    d.priorWeights = {1.0f};
    if (usesIsolationPrior(options.kind)) {
        d.fitForest();
        d.buildHeadRows();
        d.priorWeights = kPriorScoreWeights;
    }

    Status built = d.buildNet();
    if (!built.ok())
        return built;
    return detector;
}

const ModelOptions& Detector::options() const
{
    return d->options;
}
std::string Detector::deviceName() const
{
    return d->deviceName;
}
bool Detector::headTrained() const
{
    return d->headTrained;
}
int64_t Detector::latentDim() const
{
    return d->net->latentDim();
}
bool Detector::learningRateFellBack() const
{
    return d->learningRateFellBack;
}

std::string Detector::hyperParametersJson() const
{
    TrainingRecipe r = d->net->recipe();
    JsonWriter json(false);
    json.beginObject()
        .field("model", modelKindName(d->options.kind))
        .field("optimizer", r.optimizer == OptimizerKind::RmsProp ? "rmsprop" : "adam")
        .field("learning_rate", d->trainer->learningRate())
        .field("learning_rate_fallback", d->learningRateFellBack)
        .field("batch_size", r.batchSize)
        .field("pretrain_steps", d->pretrainSteps())
        .field("round_steps", d->roundSteps())
        .field("isolation_forest_prior", d->forestScore.defined())
        .field("head_row_columns", d->headFeatureDim())
        .field("prior_pull_labels", d->forestScore.defined() ? kPriorPull : 0.0)
        .field("latent_dim", d->net->latentDim())
        .field("iad", d->options.iad)
        .field("iad_rounds", d->iadRounds)
        .field("iad_kept_round", d->iadKeptRound)
        .field("seed", static_cast<int64_t>(d->options.seed))
        .endObject();
    return json.str();
}

Status Detector::pretrain(const CancelToken& cancel, const ProgressCallback& progress,
    const std::vector<float>& rowWeights, const std::vector<int64_t>& anomalies)
{
    Status status = callGuarded("pre-training", [&] {
        return d->options.iad ? pretrainWithIad(cancel, progress, rowWeights)
                              : pretrainPlain(cancel, progress, rowWeights, anomalies);
    });
    d->headTrained = false;
    d->lastScore = d->lastLatent = at::Tensor();
    if (status.ok() || status.isCancelled())
        return status;
    // A failed pre-training leaves a network no better than a fresh one (half-trained, perhaps
    // non-finite): start the next attempt from the seeded initial weights.
    d->learningRateFellBack = false;
    const Status rebuilt = callGuarded("rebuilding the model", [&] { return d->buildNet(); });
    if (!rebuilt.ok())
        return Status::failure(status.error() + "; " + rebuilt.error(), status.code());
    return status;
}

Status Detector::pretrainPlain(const CancelToken& cancel, const ProgressCallback& progress,
    const std::vector<float>& rowWeights, const std::vector<int64_t>& anomalies)
{
    TrainOptions train;
    train.labelledAnomalies = anomalies;
    train.steps = d->pretrainSteps();
    train.phase = "pre-training";
    train.rowWeights = rowWeights;
    Status status = d->trainer->train(d->x, d->groups, train, cancel, progress);
    const double recipeRate = d->net->recipe().learningRate;
    if (status.code() == ErrorCode::Diverged && recipeRate > kFallbackLearningRate) {
        // ALGORITHMS.md §2.1: the paper's rate diverged on this data; start again at 1e-3.
        Status rebuilt = d->buildNet();
        if (!rebuilt.ok())
            return rebuilt;
        d->trainer->resetOptimizer(kFallbackLearningRate);
        d->learningRateFellBack = true;
        status = d->trainer->train(d->x, d->groups, train, cancel, progress);
    }
    return status;
}

Status Detector::pretrainWithIad(const CancelToken& cancel, const ProgressCallback& progress,
    const std::vector<float>& rowWeights)
{
    IadSettings settings;
    settings.imageData = d->data->isImage();
    settings.totalSteps = d->pretrainSteps();
    settings.batchSize = d->net->recipe().batchSize;
    // The analyst's anomalies (weight 0) override IAD's weights in every round (ALGORITHMS.md §4).
    std::vector<int8_t> labels;
    if (!rowWeights.empty()) {
        labels.assign(rowWeights.size(), -1);
        for (size_t r = 0; r < rowWeights.size(); ++r)
            if (rowWeights[r] == 0.0f)
                labels[r] = 1;
    }
    auto outcome
        = trainWithIad(*d->net, *d->trainer, d->x, d->groups, settings, labels, cancel, progress);
    if (!outcome.ok())
        return outcome.status();
    d->iadRounds = outcome.value().rounds;
    d->iadWeights = outcome.value().keptWeights;
    d->iadKeptRound = outcome.value().keptRound;
    return Status::success();
}

Status Detector::update(const std::vector<int64_t>& rows, const std::vector<int8_t>& labels,
    const CancelToken& cancel, const ProgressCallback& progress)
{
    const int64_t n = d->x.size(0);
    if (rows.size() != labels.size())
        return Status::failure("update: " + std::to_string(rows.size()) + " rows but "
            + std::to_string(labels.size()) + " labels");
    std::vector<float> weights = static_cast<int64_t>(d->iadWeights.size()) == n
        ? d->iadWeights
        : std::vector<float>(static_cast<size_t>(n), 1.0f);
    bool anomalies = false, normals = false;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] < 0 || rows[i] >= n)
            return Status::failure("update: row " + std::to_string(rows[i]) + " is outside 0.."
                + std::to_string(n - 1));
        // ALGORITHMS.md §3 decision: do not learn to reconstruct what the analyst called anomalous;
        // a labelled normal weighs 1 whatever IAD made of it (§4).
        weights[static_cast<size_t>(rows[i])] = labels[i] == 1 ? 0.0f : 1.0f;
        (labels[i] == 1 ? anomalies : normals) = true;
    }
    TensorBundle before; // the model before the round, once the round may change it
    const Status status = callGuarded("retraining", [&] {
        return updateModel(
            rows, labels, std::move(weights), anomalies && normals, cancel, progress, before);
    });
    if (status.ok() || before.arrays().empty())
        return status;
    // A cancelled or failed round leaves the previous model in place.
    const Status restored = callGuarded("restoring the previous model", [&] {
        d->deserialize(before);
        return Status::success();
    });
    if (!restored.ok())
        return Status::failure(
            status.error() + "; " + restored.error() + ": reopen the project to continue",
            status.code());
    return status;
}

Status Detector::updateModel(const std::vector<int64_t>& rows, const std::vector<int8_t>& labels,
    std::vector<float> weights, bool bothClasses, const CancelToken& cancel,
    const ProgressCallback& progress, TensorBundle& before)
{
    if (!d->lastScore.defined()) {
        at::Tensor s, l;
        d->scoreTensors(s, l);
    }
    TrainOptions train;
    train.steps = d->roundSteps();
    // Only training changes the model in place; the fitted head (fitHead) sets its weights once
    // its fit has succeeded. A round of the product's loop (0 steps) so needs no copy to restore.
    if (train.steps > 0)
        before = d->toBundle();
    train.phase = "retraining";
    train.rowWeights = std::move(weights);
    train.labelledAnomalies = anomalyRows(rows, labels); // AA-BiGAN's, Deep SAD's (§7)
    at::Tensor labelledX, labelledScore, target;
    // The product's loop fits its head after the round (fitHead); the published UaiNet trains it
    // jointly with the encoder, its BCE added to every step (ALGORITHMS.md §3).
    const bool fittedHead = d->forestScore.defined();
    const bool useHead = d->head && bothClasses && !fittedHead;
    at::Tensor classWeights;
    std::unique_ptr<BatchSampler> headSampler;
    if (useHead) {
        // The class-weighted BCE over the labelled rows (ALGORITHMS.md §3); s~ of those rows comes
        // from the latest full scoring and stays fixed during the round (it is detached anyway).
        std::vector<int64_t> idx(rows.begin(), rows.end());
        std::vector<float> y(labels.begin(), labels.end());
        at::Tensor index
            = torch::from_blob(idx.data(), {static_cast<int64_t>(idx.size())}, torch::kLong)
                  .to(d->device, false, true);
        labelledX = d->x.index_select(0, index);
        labelledScore = d->standardisedScores(d->lastScore.index_select(0, index), index);
        target = torch::from_blob(y.data(), {static_cast<int64_t>(y.size())}, torch::kFloat)
                     .to(d->device, false, true);
        classWeights = uaiClassWeights(target);
        // Speed decision (ALGORITHMS.md §3 says "the BCE on all labelled rows"): up to kHeadBatch
        // labelled rows that is exactly what happens; beyond, each iteration takes the next
        // kHeadBatch rows of a shuffled pass over them, with the class weights of the full set,
        // an unbiased estimate of the full BCE whose cost no longer grows with the labels (with
        // 1,000 labels the full BCE made a round 3x slower on 2 cores).
        if (static_cast<int64_t>(idx.size()) > kHeadBatch)
            headSampler = std::make_unique<BatchSampler>(std::vector<int64_t> {},
                std::vector<float>(idx.size(), 1.0f), static_cast<int>(kHeadBatch), false,
                d->headRng);
        train.extraLoss = [&]() {
            if (!headSampler)
                return uaiLoss(
                    d->head->logits(d->net->encode(labelledX), at::Tensor(), labelledScore), target,
                    classWeights);
            const std::vector<int64_t>& pick = headSampler->next();
            at::Tensor sample = torch::from_blob(const_cast<int64_t*>(pick.data()),
                {static_cast<int64_t>(pick.size())}, torch::kLong)
                                    .to(d->device, false, true);
            return uaiLoss(d->head->logits(d->net->encode(labelledX.index_select(0, sample)),
                               at::Tensor(), labelledScore.index_select(0, sample)),
                target.index_select(0, sample), classWeights.index_select(0, sample));
        };
    }
    Status status = d->trainer->train(d->x, d->groups, train, cancel, progress);
    if (!status.ok())
        return status; // update() restores the model from before
    if (train.steps > 0) // the model changed: its scores must be computed again
        d->lastScore = d->lastLatent = at::Tensor();
    if (useHead)
        d->headTrained = true;
    if (fittedHead && d->head && bothClasses)
        d->fitHead(rows, labels);
    return Status::success();
}

Result<DetectorOutput> Detector::scoreAll(bool withLatent) const
{
    return callGuarded("scoring", [&] { return scoreEveryRow(withLatent); });
}

Result<DetectorOutput> Detector::scoreEveryRow(bool withLatent) const
{
    at::Tensor score = d->lastScore, latent = d->lastLatent;
    if (!score.defined() || !latent.defined())
        d->scoreTensors(score, latent);
    DetectorOutput out;
    out.score = toFloatVector(score);
    out.latentDim = latent.size(1);
    if (withLatent)
        out.latent = toFloatVector(latent);
    {
        torch::NoGradGuard noGrad;
        at::Tensor standardised = d->standardisedScores(score, at::Tensor());
        out.prior = d->forestScore.defined() ? toFloatVector(d->priorKey(standardised)) : out.score;
        if (d->head && d->headTrained) {
            at::Tensor logit = d->head->logits(latent, d->headRows, standardised);
            out.logit = toFloatVector(logit);
            out.probability = toFloatVector(torch::sigmoid(logit));
        }
    }
    for (float s : out.score)
        if (!std::isfinite(s))
            return Result<DetectorOutput>::failure(
                "the model produced a non-finite score; retrain with another seed or device");
    return out;
}

DetectorInternals Detector::internals() const
{
    if (!d->lastScore.defined() || !d->lastLatent.defined()) {
        at::Tensor s, l;
        d->scoreTensors(s, l);
    }
    const bool prior = d->forestScore.defined();
    return {d->net.get(), d->head.get(), d->headTrained, prior ? &d->forest : nullptr,
        calibratesByGroup(d->options.kind) && d->data->hasGroups(), prior && kLogScore,
        kLogScoreOffset, d->scoreMean, d->scoreStd, d->forestMean, d->forestStd, d->priorWeights,
        &d->headRowMean, &d->headRowAxes, &d->headRowScale};
}

Result<std::vector<uint8_t>> Detector::saveCheckpoint() const
{
    return callGuarded(
        "saving the model", [&]() -> Result<std::vector<uint8_t>> { return d->serialize(); });
}

Status Detector::restoreCheckpoint(const std::vector<uint8_t>& bytes)
{
    Result<TensorBundle> decoded = TensorBundle::decode(bytes);
    if (!decoded.ok())
        return decoded.status();
    TensorBundle before;
    const Status saved = callGuarded("restoring the checkpoint", [&] {
        before = d->toBundle();
        return Status::success();
    });
    if (!saved.ok())
        return saved;
    try {
        d->deserialize(decoded.value());
    } catch (...) { // not silent: the description goes into the failure
        const Status failure = Status::failure(
            "the checkpoint does not fit this model (" + describeCurrentException() + ")");
        const Status restored = callGuarded("restoring the previous model", [&] {
            d->deserialize(before);
            return Status::success();
        });
        return restored.ok() ? failure : Status::failure(failure.error() + "; " + restored.error());
    }
    return Status::success();
}

} // namespace fr::models
