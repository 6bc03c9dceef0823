// Row attribution (row_attribution.h): the network, head and forest a Detector lends through
// internals(), run on a few rows without gradients.
#include "models/row_attribution.h"

#include "models/autoencoder_net.h"
#include "models/detector.h"
#include "models/detector_internals.h"
#include "models/failure_message.h"
#include "models/isolation_forest.h"
#include "models/uai_head.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace fr::models {

namespace {

constexpr int64_t kErrorChunkRows = 4096; // bounds the activations of reconstructionErrors

std::vector<double> toDoubles(const at::Tensor& t)
{
    at::Tensor c = t.detach().to(torch::kCPU, torch::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

torch::Device deviceOf(AutoencoderNet& net)
{
    const std::vector<at::Tensor> params = net.parameters();
    return params.empty() ? torch::Device(torch::kCPU) : params.front().device();
}

// The row as the head sees it (§8): x itself, or its leading principal components, scaled.
at::Tensor headRowsOf(const at::Tensor& x, const DetectorInternals& in)
{
    if (!in.headAxes || !in.headAxes->defined())
        return x;
    return (x - *in.headMean).mm(*in.headAxes) / *in.headScale;
}

// Splits the head's logit into the latent code's, the row's and the scores' parts.
void splitHead(const UaiHead& head, const at::Tensor& latent, const at::Tensor& rows,
    std::vector<RowEvaluation>& out)
{
    const std::vector<double> w = head.weights();
    const int64_t latentDim = latent.size(1), featureDim = head.featureDim();
    const std::vector<double> l = toDoubles(latent);
    const std::vector<double> r = featureDim > 0 ? toDoubles(rows) : std::vector<double> {};
    for (size_t i = 0; i < out.size(); ++i) {
        RowEvaluation& e = out[i];
        e.headTrained = true;
        for (int64_t j = 0; j < latentDim; ++j)
            e.latentTerm += w[static_cast<size_t>(j)] * l[i * latentDim + j];
        for (int64_t j = 0; j < featureDim; ++j)
            e.rowTerm += w[static_cast<size_t>(latentDim + j)] * r[i * featureDim + j];
        e.scoreWeights.assign(w.begin() + latentDim + featureDim, w.end());
        e.bias = head.bias();
    }
}

Result<std::vector<RowEvaluation>> evaluate(
    const Detector& detector, const std::vector<float>& rows, int64_t width)
{
    torch::NoGradGuard noGrad;
    const DetectorInternals in = detector.internals();
    const int64_t n = width > 0 ? static_cast<int64_t>(rows.size()) / width : 0;
    if (n <= 0 || n * width != static_cast<int64_t>(rows.size()))
        return Result<std::vector<RowEvaluation>>::failure(
            "the rows to explain do not have the data's " + std::to_string(width) + " columns");
    std::vector<RowEvaluation> out(static_cast<size_t>(n));
    if (in.forest)
        for (int64_t i = 0; i < n; ++i)
            out[static_cast<size_t>(i)].forestScore = in.forest->score(rows.data() + i * width);
    if (!in.net)
        return out;
    in.net->setTraining(false);
    const at::Tensor x
        = torch::from_blob(const_cast<float*>(rows.data()), {n, width}, torch::kFloat)
              .to(deviceOf(*in.net));
    const at::Tensor error = (x - in.net->reconstruct(x)).pow(2);
    const std::vector<double> e = toDoubles(error);
    const std::vector<double> total = toDoubles(error.sum(1));
    for (int64_t i = 0; i < n; ++i) {
        RowEvaluation& r = out[static_cast<size_t>(i)];
        r.hasReconstruction = true;
        r.columnError.assign(e.begin() + i * width, e.begin() + (i + 1) * width);
        r.reconstructionError = total[static_cast<size_t>(i)];
    }
    if (in.head && in.headTrained)
        splitHead(*in.head, in.net->encode(x), headRowsOf(x, in), out);
    return out;
}

} // namespace

double ScoreStandardisation::standardisedScore(double score) const
{
    const double scaled = logScale ? std::log(score + logOffset) : score;
    return (scaled - scoreMean) / scoreStd;
}

double ScoreStandardisation::standardisedForest(double forest) const
{
    return (forest - forestMean) / forestStd;
}

double ScoreStandardisation::prior(double score, double forest) const
{
    if (!hasForest)
        return score;
    const double s[2] = {standardisedScore(score), standardisedForest(forest)};
    double key = 0.0;
    for (size_t j = 0; j < priorWeights.size() && j < 2; ++j)
        key += priorWeights[j] * s[j];
    return key;
}

Result<std::unique_ptr<Detector>> createDetectorCopy(
    std::shared_ptr<const Dataset> dataset, const ModelOptions& options)
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    at::Tensor state;
    {
        std::lock_guard<std::mutex> lock(generator.mutex());
        state = generator.get_state();
    }
    Result<std::unique_ptr<Detector>> detector = Detector::create(std::move(dataset), options);
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
    return detector;
}

Result<std::vector<RowEvaluation>> evaluateRows(
    const Detector& detector, const std::vector<float>& rows, int64_t width)
{
    return callGuarded("explaining the row", [&] { return evaluate(detector, rows, width); });
}

Result<ScoreStandardisation> scoreStandardisation(const Detector& detector)
{
    return callGuarded("explaining the row", [&]() -> Result<ScoreStandardisation> {
        const DetectorInternals in = detector.internals();
        ScoreStandardisation s;
        s.calibratesByGroup = in.calibratesByGroup;
        s.hasForest = in.forest != nullptr;
        s.logScale = in.logScale;
        s.logOffset = in.logOffset;
        s.scoreMean = in.scoreMean;
        s.scoreStd = in.scoreStd;
        s.forestMean = in.forestMean;
        s.forestStd = in.forestStd;
        s.priorWeights = in.priorWeights;
        return s;
    });
}

Result<std::vector<float>> reconstructionErrors(
    const Detector& detector, const FeatureMatrix& matrix)
{
    return callGuarded("explaining the row", [&]() -> Result<std::vector<float>> {
        torch::NoGradGuard noGrad;
        const DetectorInternals in = detector.internals();
        if (!in.net)
            return std::vector<float> {};
        in.net->setTraining(false);
        const torch::Device device = deviceOf(*in.net);
        std::vector<float> out(static_cast<size_t>(matrix.rows));
        for (int64_t from = 0; from < matrix.rows; from += kErrorChunkRows) {
            const int64_t to = std::min(matrix.rows, from + kErrorChunkRows);
            const at::Tensor x = torch::from_blob(
                const_cast<float*>(matrix.row(from)), {to - from, matrix.cols}, torch::kFloat)
                                     .to(device);
            const at::Tensor s = in.net->score(x).to(torch::kCPU, torch::kFloat).contiguous();
            std::copy(s.data_ptr<float>(), s.data_ptr<float>() + s.numel(), out.begin() + from);
        }
        return out;
    });
}

} // namespace fr::models
