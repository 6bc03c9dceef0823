// fairreview-cli evaluate: unsupervised training of a base detector through the Detector facade,
// then scoring and the metrics of ALGORITHMS.md §5 (protocols P2 and P3 of §6) as JSON.
#include "commands.h"
#include "data_options.h"
#include "evaluate_semi_supervised.h"

#include "metrics/ranking_evaluation.h"
#include "metrics/threshold_metrics.h"
#include "models/detector.h"
#include "models/isolation_forest.h"
#include "util/json_writer.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kEvaluateUsage
    = R"(usage: fairreview-cli evaluate (--data FILE [--id C] --truth C[=VALUE]
                                 [--group C[=VALUE]] | --fmnist one-class|invert --normal-class C
                                 [--fmnist-dir DIR])
                                --model dae|ae|fadig|fadig-noeps|fadig-nofac|fair|aa-bigan|
                                        deep-sad|iforest
                                --json OUT
                                [--iad] [--k K] [--seed S] [--device auto|cpu|cuda]
                                [--steps N] [--threads N] [--scores CSV]
                                [--labelled-anomalies R [--anomaly-classes C[,C...]]
                                 [--test-share S]]

Trains the model without labels, scores every row and writes Recall@K, Precision@K, ROC-AUC,
the TPR at a 5% FPR (threshold from the normals) and the per-group figures (Rec Diff with a
bootstrap 95% interval, TPR per group) to OUT.
  --k      rows flagged (default: the number of anomalies)
  --steps  pre-training steps (default: the model's documented value)
  --scores also write every row's score to CSV (id, group, truth, score)
  --labelled-anomalies  the semi-supervised protocol (AA-BiGAN paper): a split seeded by --seed,
           S of each class (default 0.4) for testing, training on the other normals plus
           R x their count collected anomalies (aa-bigan and deep-sad learn from them), drawn
           from --anomaly-classes (Fashion-MNIST's 0-9; default every class); the figures are
           those of the test rows
)";

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct EvaluateRequest {
    ModelOptions model;
    std::string jsonPath;
    std::string scoresPath; // empty: no per-row file
    int64_t k = -1; // -1: the number of anomalies
};

EvaluateRequest parseRequest(const CliArgs& args)
{
    EvaluateRequest request;
    request.model = modelOptionsFromArgs(args);
    if (hasUaiHead(request.model.kind))
        throw std::invalid_argument("--model " + modelKindName(request.model.kind)
            + " learns from the analyst's labels round by round; evaluate trains once (dae, ae, "
              "fadig, fadig-noeps, fadig-nofac, fair, aa-bigan, deep-sad, iforest), use simulate "
              "for the active models");
    request.jsonPath = args.required("json");
    request.scoresPath = args.get("scores").value_or("");
    request.k = args.integer("k", -1);
    if (request.k == 0 || request.k < -1)
        throw std::invalid_argument("--k expects a positive number");
    request.model.pretrainSteps = static_cast<int>(args.integer("steps", -1));
    if (request.model.pretrainSteps == 0 || request.model.pretrainSteps < -1)
        throw std::invalid_argument("--steps expects a positive number");
    return request;
}

void writeGroup(JsonWriter& json, const GroupEvaluation& group)
{
    json.beginObject()
        .field("rows", group.atK.rows)
        .field("anomalies", group.atK.anomalies)
        .field("flagged", group.atK.flagged)
        .field("anomalies_flagged", group.atK.anomaliesFlagged)
        .field("recall_at_k", group.atK.recall)
        .key("recall_at_k_ci95")
        .numberArray(std::vector<double> {group.recallInterval.low, group.recallInterval.high})
        .field("precision_at_k", group.atK.precision)
        .field("roc_auc", group.rocAuc)
        .endObject();
}

// What a label-free model produced: one score per row and how it was made.
struct LabelFreeScores {
    std::vector<float> score;
    std::string device = "cpu";
    int64_t latentDim = 0;
    double trainSeconds = 0.0;
    double scoreSeconds = 0.0;
};

// The bias paper's TPR at a 5% FPR (threshold from the normals), overall and per group.
void writeTprAtFpr(JsonWriter& json, const Dataset& data, const std::vector<float>& score)
{
    const int groupCount = data.hasGroups() ? static_cast<int>(data.groupNames.size()) : 0;
    auto bias
        = scoringBias(score, score, data.truth, data.groups, groupCount, kReportedFprQuantile);
    if (!bias.ok())
        return;
    const ScoringBias& b = bias.value();
    json.key("tpr_at_fpr")
        .beginObject()
        .field("target_fpr", 1.0 - kReportedFprQuantile)
        .field("realised_fpr", b.thresholdBase.realisedFpr)
        .field("tpr", b.tprBase)
        .key("per_group")
        .beginObject();
    for (const GroupScoringBias& g : b.groups)
        json.field(data.groupNames[static_cast<size_t>(g.group)], g.tprBase);
    json.endObject().endObject();
}

std::string reportJson(const Dataset& data, const ModelOptions& options,
    const LabelFreeScores& scores, const RankingEvaluation& eval)
{
    JsonWriter json;
    json.beginObject()
        .field("model", modelKindName(options.kind))
        .field("iad", options.iad)
        .field("device", scores.device)
        .field("seed", static_cast<int64_t>(options.seed))
        .field("data", data.source)
        .field("rows", data.rowCount())
        .field("features", data.matrix.cols)
        .field("anomalies", eval.overall.anomalies)
        .field("k", eval.k)
        .field("recall_at_k", eval.recallAtK)
        .field("precision_at_k", eval.precisionAtK)
        .field("roc_auc", eval.rocAuc)
        .field("rec_diff", eval.recDiff)
        .key("rec_diff_ci95")
        .numberArray(std::vector<double> {eval.recDiffInterval.low, eval.recDiffInterval.high})
        .field("precision_diff", eval.precisionDiff)
        .field("auc_diff", eval.aucDiff);
    if (data.protectedGroup != kNoGroup)
        json.field("protected_group", data.groupNames[static_cast<size_t>(data.protectedGroup)]);
    json.key("per_group").beginObject();
    for (size_t g = 0; g < eval.groups.size(); ++g)
        writeGroup(json.key(data.groupNames[g]), eval.groups[g]);
    json.endObject();
    writeTprAtFpr(json, data, scores.score);
    json.key("timing")
        .beginObject()
        .field("train_s", scores.trainSeconds)
        .field("score_s", scores.scoreSeconds)
        .endObject()
        .field("latent_dim", scores.latentDim)
        .endObject();
    return json.str();
}

Status writeFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text << "\n";
    out.close();
    if (!out)
        return Status::failure("cannot write the report to '" + path + "'");
    return Status::success();
}

// One line per row, in the data's order, for analysis outside FairReview.
std::string scoresCsv(const Dataset& data, const std::vector<float>& score)
{
    std::ostringstream out;
    out << "id,group,truth,score\n";
    for (int64_t r = 0; r < data.rowCount(); ++r) {
        const auto i = static_cast<size_t>(r);
        out << data.ids[i] << ','
            << (data.hasGroups() ? data.groupNames[static_cast<size_t>(data.groups[i])] : "") << ','
            << static_cast<int>(data.truth[i]) << ',' << score[i] << '\n';
    }
    return out.str();
}

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli evaluate: " << message << "\n";
    return 1;
}

LabelFreeScores isolationForestScores(const Dataset& data, uint64_t seed)
{
    LabelFreeScores out;
    const auto start = Clock::now();
    models::IsolationForestOptions options;
    options.seed = seed;
    const models::IsolationForest forest = models::IsolationForest::fit(data.matrix, options);
    out.trainSeconds = secondsSince(start);
    const auto scoreStart = Clock::now();
    out.score = forest.scoreAll(data.matrix);
    out.scoreSeconds = secondsSince(scoreStart);
    return out;
}

Result<LabelFreeScores> detectorScores(
    std::shared_ptr<const Dataset> data, const ModelOptions& model)
{
    using R = Result<LabelFreeScores>;
    auto created = models::Detector::create(std::move(data), model);
    if (!created.ok())
        return R::failure(created.error());
    models::Detector& detector = *created.value();
    CancelToken never;
    StderrProgress progress("evaluate");
    LabelFreeScores out;
    const auto trainStart = Clock::now();
    if (Status trained = detector.pretrain(never, progress.callback()); !trained.ok())
        return R::failure("training failed: " + trained.error());
    out.trainSeconds = secondsSince(trainStart);
    const auto scoreStart = Clock::now();
    auto scored = detector.scoreAll(false);
    if (!scored.ok())
        return R::failure("scoring failed: " + scored.error());
    out.scoreSeconds = secondsSince(scoreStart);
    out.score = scored.take().score;
    out.device = detector.deviceName();
    out.latentDim = detector.latentDim();
    return out;
}

} // namespace

int runEvaluate(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kEvaluateUsage;
        return 0;
    }
    const EvaluateRequest request = parseRequest(args);
    const auto semiSupervised = semiSupervisedOptionsFromArgs(args, request.model.seed);
    Result<Dataset> loaded = loadDatasetFromArgs(args, request.model.seed);
    if (!loaded.ok())
        return fail(loaded.error());
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + "\n" + kEvaluateUsage);
    auto data = std::make_shared<const Dataset>(loaded.take());
    if (!data->hasTruth())
        return fail("the data has no ground truth: name its column with --truth C[=VALUE]");
    if (semiSupervised)
        return runSemiSupervisedEvaluate(data, request.model, *semiSupervised, request.jsonPath);
    if (learnsFromAnomalies(request.model.kind))
        std::cerr << "fairreview-cli evaluate: " << modelKindName(request.model.kind)
                  << " trains without collected anomalies here; --labelled-anomalies R gives it "
                     "some\n";

    auto scored = request.model.kind == ModelKind::IsolationForest
        ? Result<LabelFreeScores>(isolationForestScores(*data, request.model.seed))
        : detectorScores(data, request.model);
    if (!scored.ok())
        return fail(scored.error());

    EvaluationOptions evalOptions;
    evalOptions.k = request.k > 0 ? request.k : countAnomalies(*data);
    evalOptions.bootstrapOptions.seed = request.model.seed;
    auto eval = evaluateRanking(scored.value().score, data->truth, data->groups,
        static_cast<int>(data->groupNames.size()), evalOptions);
    if (!eval.ok())
        return fail(eval.error());
    const Status written = writeFile(
        request.jsonPath, reportJson(*data, request.model, scored.value(), eval.value()));
    if (!written.ok())
        return fail(written.error());
    if (!request.scoresPath.empty()) {
        const Status rows = writeFile(request.scoresPath, scoresCsv(*data, scored.value().score));
        if (!rows.ok())
            return fail(rows.error());
    }
    return 0;
}

} // namespace fr::cli
