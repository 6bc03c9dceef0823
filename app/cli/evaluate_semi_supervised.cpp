// evaluate's semi-supervised protocol (evaluate_semi_supervised.h).
#include "evaluate_semi_supervised.h"

#include "data_options.h"

#include "metrics/ranking_evaluation.h"
#include "models/detector.h"
#include "models/isolation_forest.h"
#include "util/json_writer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace fr::cli {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli evaluate: " << message << "\n";
    return 1;
}

std::vector<int> parseClasses(const std::string& text)
{
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            size_t used = 0;
            const int c = std::stoi(item, &used);
            if (used != item.size() || c < 0)
                throw std::invalid_argument(item);
            out.push_back(c);
        } catch (const std::exception&) {
            throw std::invalid_argument(
                "--anomaly-classes expects class numbers separated by commas, got '" + text + "'");
        }
    }
    if (out.empty())
        throw std::invalid_argument("--anomaly-classes expects at least one class");
    return out;
}

struct TrainedScores {
    std::vector<float> score;
    double trainSeconds = 0.0;
};

// The Isolation Forest is fitted on the training normals only (it has no use for labels).
TrainedScores forestScores(const Dataset& data, const SemiSupervisedSplit& split, uint64_t seed)
{
    const auto start = Clock::now();
    FeatureMatrix train;
    train.rows = static_cast<int64_t>(split.trainNormals.size());
    train.cols = data.matrix.cols;
    for (int64_t r : split.trainNormals)
        train.values.insert(
            train.values.end(), data.matrix.row(r), data.matrix.row(r) + data.matrix.cols);
    models::IsolationForestOptions options;
    options.seed = seed;
    const auto forest = models::IsolationForest::fit(train, options);
    TrainedScores out;
    out.trainSeconds = secondsSince(start);
    out.score = forest.scoreAll(data.matrix);
    return out;
}

Result<TrainedScores> detectorScores(std::shared_ptr<const Dataset> data, const ModelOptions& model,
    const SemiSupervisedSplit& split)
{
    using R = Result<TrainedScores>;
    const int64_t rows = data->rowCount();
    auto created = models::Detector::create(std::move(data), model);
    if (!created.ok())
        return R::failure(created.error());
    CancelToken never;
    StderrProgress progress("evaluate");
    const auto start = Clock::now();
    const Status trained = created.value()->pretrain(
        never, progress.callback(), trainingWeights(split, rows), split.labelledAnomalies);
    if (!trained.ok())
        return R::failure("training failed: " + trained.error());
    TrainedScores out;
    out.trainSeconds = secondsSince(start);
    auto scored = created.value()->scoreAll(false);
    if (!scored.ok())
        return R::failure("scoring failed: " + scored.error());
    out.score = scored.take().score;
    return out;
}

} // namespace

std::optional<SemiSupervisedOptions> semiSupervisedOptionsFromArgs(
    const CliArgs& args, uint64_t seed)
{
    if (!args.has("labelled-anomalies")) {
        if (args.has("anomaly-classes") || args.has("test-share"))
            throw std::invalid_argument(
                "--anomaly-classes and --test-share belong to the semi-supervised protocol: "
                "give --labelled-anomalies R too");
        return std::nullopt;
    }
    SemiSupervisedOptions options;
    options.seed = seed;
    options.labelledAnomalyRatio = args.number("labelled-anomalies", options.labelledAnomalyRatio);
    options.testShare = args.number("test-share", options.testShare);
    if (auto classes = args.get("anomaly-classes"))
        options.anomalyClasses = parseClasses(*classes);
    return options;
}

int runSemiSupervisedEvaluate(std::shared_ptr<const Dataset> data, const ModelOptions& model,
    const SemiSupervisedOptions& options, const std::string& jsonPath)
{
    auto split = splitSemiSupervised(data->truth, data->sourceClass, options);
    if (!split.ok())
        return fail(split.error());
    const SemiSupervisedSplit& s = split.value();
    auto scored = model.kind == ModelKind::IsolationForest
        ? Result<TrainedScores>(forestScores(*data, s, model.seed))
        : detectorScores(data, model, s);
    if (!scored.ok())
        return fail(scored.error());
    std::vector<float> testScore;
    std::vector<int8_t> testTruth;
    std::vector<int> testGroups;
    for (int64_t r : s.test) {
        testScore.push_back(scored.value().score[static_cast<size_t>(r)]);
        testTruth.push_back(data->truth[static_cast<size_t>(r)]);
        if (data->hasGroups())
            testGroups.push_back(data->groups[static_cast<size_t>(r)]);
    }
    const auto testAnomalies = std::count(testTruth.begin(), testTruth.end(), 1);
    EvaluationOptions evalOptions;
    evalOptions.k = testAnomalies;
    evalOptions.bootstrapOptions.seed = model.seed;
    auto eval = evaluateRanking(
        testScore, testTruth, testGroups, static_cast<int>(data->groupNames.size()), evalOptions);
    if (!eval.ok())
        return fail(eval.error());
    JsonWriter json;
    json.beginObject()
        .field("model", modelKindName(model.kind))
        .field("seed", static_cast<int64_t>(model.seed))
        .field("data", data->source)
        .field("protocol", "semi-supervised")
        .field("test_share", options.testShare)
        .field("labelled_anomaly_ratio", options.labelledAnomalyRatio)
        .key("anomaly_classes")
        .numberArray(
            std::vector<double>(options.anomalyClasses.begin(), options.anomalyClasses.end()))
        .field("train_normals", static_cast<int64_t>(s.trainNormals.size()))
        .field("labelled_anomalies", static_cast<int64_t>(s.labelledAnomalies.size()))
        .field("unused_train_anomalies", s.unusedAnomalies)
        .field("test_rows", static_cast<int64_t>(s.test.size()))
        .field("test_anomalies", static_cast<int64_t>(testAnomalies))
        .field("roc_auc", eval.value().rocAuc)
        .field("k", eval.value().k)
        .field("recall_at_k", eval.value().recallAtK)
        .field("precision_at_k", eval.value().precisionAtK)
        .key("timing")
        .beginObject()
        .field("train_s", scored.value().trainSeconds)
        .endObject()
        .endObject();
    std::ofstream out(jsonPath, std::ios::binary | std::ios::trunc);
    out << json.str() << "\n";
    out.close();
    if (!out)
        return fail("cannot write the report to '" + jsonPath + "'");
    return 0;
}

} // namespace fr::cli
