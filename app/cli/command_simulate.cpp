// fairreview-cli simulate: the active loop of ALGORITHMS.md §3 driven through the same
// ReviewSession the GUI uses, with a simulated analyst who reveals the ground truth (protocol P1).
#include "commands.h"
#include "data_options.h"
#include "simulation_run.h"

#include "active/review_session.h"
#include "active/simulation.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

namespace fr::cli {

namespace {

const char* kHelp
    = R"(usage: fairreview-cli simulate (--data FILE [--id C] --truth C[=VALUE] [--group C[=VALUE]]
                          | --fmnist one-class|invert --normal-class C [--fmnist-dir DIR])
                          [--model active|uainet|fadig-uai|fair-uai|aa-bigan-uai] [--strategy top|fair]
                          [--budget B] [--batch K] [--seed S]
                          [--device auto|cpu|cuda] [--threads N] [--json OUT]
                          [--project P [--acknowledge]] [--latent]
The active loop with a simulated analyst: B labels (default: the number of anomalies) in batches
of K (default 10, or 3 below 100 anomalies). Writes the JSON report to OUT, or to stdout.
  --strategy     top (default): each batch is the top of the ranking; fair: slots go to a group
                 whose estimated share of its anomalies found lags clearly behind the others
  --project      journal every label, model version and round into the project file P (created
                 for --data, or carried on from where it stopped when P exists), so that the run
                 can be opened in the window afterwards
  --acknowledge  print "label ID ROW" on stdout once each label is durable (a crash-test aid)
  --latent       project the latent codes to 2-D every round, as the window does (off: faster)
)";

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double pos = q * (values.size() - 1);
    const size_t lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (pos - lo);
}

// Journals the session into the project file --project names: a new project for --data or
// --fmnist (loaded with seed), or the existing one resumed (labels, rounds and model) when the file
// is there. Returns whether a saved model was resumed, so that pre-training is skipped.
Result<bool> attachProject(const CliArgs& args, const std::string& path, const Dataset& data,
    uint64_t seed, ReviewSession& session)
{
    std::shared_ptr<ProjectStore> store;
    std::ifstream existing(path);
    if (existing) {
        auto opened = ProjectStore::open(path);
        if (!opened.ok())
            return Result<bool>::failure(opened.error());
        store = opened.take();
        if (store->rowCount() != data.rowCount())
            return Result<bool>::failure(path + " was made for another data set ("
                + std::to_string(store->rowCount()) + " rows, not "
                + std::to_string(data.rowCount()) + ")");
        auto saved = store->loadSession();
        if (!saved.ok())
            return Result<bool>::failure(saved.error());
        session.setJournal(store);
        if (!saved.value().hasModel)
            return false;
        Status resumed = session.resume(saved.value());
        if (!resumed.ok())
            return Result<bool>::failure(resumed.error());
        return true;
    }
    auto reference = describeReferencedData(dataReferenceFromArgs(args, seed));
    if (!reference.ok())
        return Result<bool>::failure(reference.error());
    auto created = ProjectStore::create(path, reference.value(), mappingFromArgs(args), data);
    if (!created.ok())
        return Result<bool>::failure(created.error());
    store = created.take();
    session.setJournal(store);
    return false;
}

// The budgets every report reads the curves at (the peers' figures use the same).
const int64_t kReportBudgets[] = {10, 50, 100, 200, 500};

void writeFoundAt(JsonWriter& json, const std::vector<int64_t>& curve, int64_t budget)
{
    json.beginObject();
    for (int64_t k : kReportBudgets)
        if (k <= budget)
            json.field(std::to_string(k), foundAt(curve, k));
    json.field("b", foundAt(curve, budget)).endObject();
}

// The bias paper's figures for the head against the label-free prior at the end of the run, from
// the ground truth (ReviewSession::headPriorBias, ALGORITHMS.md §5). Left out before the head has
// probabilities.
void writeScoringBias(JsonWriter& json, const Dataset& data, const ReviewSession& session)
{
    auto bias = session.headPriorBias(BiasTruth::GroundTruth, kReportedFprQuantile);
    if (!bias.ok())
        return;
    const ScoringBias& b = bias.value().figures;
    json.key("scoring_bias")
        .beginObject()
        .field("target_fpr", 1.0 - kReportedFprQuantile)
        .field("tpr_prior", b.tprBase)
        .field("tpr_head", b.tprOther)
        .field("bias", b.bias)
        .key("per_group")
        .beginObject();
    for (const GroupScoringBias& g : b.groups)
        json.key(data.groupNames[static_cast<size_t>(g.group)])
            .beginObject()
            .field("tpr_prior", g.tprBase)
            .field("tpr_head", g.tprOther)
            .field("bias", g.bias)
            .endObject();
    json.endObject().endObject();
}

// The widest difference between two groups' shares of their anomalies found.
double foundShareGap(const std::vector<GroupTally>& groups)
{
    double low = 1.0, high = 0.0;
    for (const GroupTally& g : groups)
        if (g.anomalies > 0) {
            const double share = static_cast<double>(g.found) / g.anomalies;
            low = std::min(low, share);
            high = std::max(high, share);
        }
    return high >= low ? high - low : 0.0;
}

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli simulate: " << message << "\n";
    return 1;
}

} // namespace

std::string simulationReportJson(const SimulationRun& run)
{
    const Dataset& data = *run.data;
    const ReviewSession& session = *run.session;
    const SimulationResult& result = run.result;
    const ModelOptions& model = session.options().model;
    JsonWriter json;
    json.beginObject()
        .field("model", modelKindName(model.kind))
        .field("strategy", queryStrategyName(session.options().strategy))
        .field("device", session.deviceName())
        .field("seed", static_cast<int64_t>(model.seed))
        .field("data", data.source)
        .field("rows", data.rowCount())
        .field("anomalies", result.anomalies)
        .field("budget", result.budget)
        .field("batch", static_cast<int64_t>(result.batchSize))
        .field("rounds", static_cast<int64_t>(result.roundCurve.size()))
        .field("found", result.found())
        .field("found_fraction",
            result.budget > 0 ? static_cast<double>(result.found()) / result.budget : 0.0)
        .field("random_expected_found",
            static_cast<double>(result.budget) * result.anomalies
                / std::max<int64_t>(1, data.rowCount()))
        .key("found_at");
    writeFoundAt(json, result.foundAfter, result.budget);
    json.key("prior_found_at");
    writeFoundAt(json, result.priorFoundAfter,
        std::min<int64_t>(result.anomalies, result.priorFoundAfter.size()));
    json.key("hyper_parameters")
        .rawValue(session.currentModel().hyperParameters)
        .key("curve")
        .numberArray(result.roundCurve)
        .key("per_group")
        .beginObject();
    for (const GroupTally& t : result.groups)
        json.key(t.group)
            .beginObject()
            .field("rows", t.rows)
            .field("anomalies", t.anomalies)
            .field("labels_spent", t.labelsSpent)
            .field("found", t.found)
            .field("estimated_anomalies", t.estimatedAnomalies)
            .key("estimated_anomalies_ci95")
            .numberArray(std::vector<double> {t.estimatedLow, t.estimatedHigh})
            .endObject();
    json.endObject();
    if (result.groups.size() >= 2)
        json.field("found_share_gap", foundShareGap(result.groups));
    writeScoringBias(json, data, session);
    json.key("timing")
        .beginObject()
        .field("pretrain_s", result.pretrainSeconds)
        .field("round_ms_p50", percentile(result.roundMs, 0.5))
        .field("round_ms_p95", percentile(result.roundMs, 0.95))
        .field("total_s", run.totalSeconds)
        .endObject()
        .endObject();
    return json.str();
}

Result<SimulationRun> simulateFromArgs(const CliArgs& args, SimulationOptions simulation)
{
    using R = Result<SimulationRun>;
    const auto start = std::chrono::steady_clock::now();
    SessionOptions options;
    options.model = modelOptionsFromArgs(args, modelKindName(ModelKind::Active));
    options.analyst = "simulated oracle";
    if (!hasUaiHead(options.model.kind))
        throw std::invalid_argument(
            "simulate needs a model with a UAI head: active, uainet, fadig-uai, fair-uai or "
            "aa-bigan-uai");
    const long long batchArg = args.integer("batch", 0);
    if (batchArg < 0)
        throw std::invalid_argument("--batch expects a positive number");
    options.batchSize = static_cast<int>(batchArg);
    const std::string strategy = args.get("strategy", "top");
    const auto parsed = parseQueryStrategy(strategy);
    if (!parsed)
        throw std::invalid_argument("--strategy expects top or fair, got '" + strategy + "'");
    options.strategy = *parsed;
    options.projectLatent = args.get("latent").has_value();
    simulation.budget = args.integer("budget", -1);
    const std::string projectPath = args.get("project", "");

    auto loaded = loadDatasetFromArgs(args, options.model.seed);
    if (!args.unread().empty())
        throw std::invalid_argument("unknown option " + args.unread().front() + "\n" + kHelp);
    if (!loaded.ok())
        return R::failure(loaded.error());
    SimulationRun run;
    run.data = std::make_shared<const Dataset>(loaded.take());
    if (!run.data->hasTruth())
        return R::failure("the data set has no ground truth (--truth)");
    auto created = ReviewSession::create(run.data, options);
    if (!created.ok())
        return R::failure(created.error());
    run.session = created.take();
    bool resumed = false;
    if (!projectPath.empty()) {
        auto attached
            = attachProject(args, projectPath, *run.data, options.model.seed, *run.session);
        if (!attached.ok())
            return R::failure(attached.error());
        resumed = attached.value();
    }
    auto result = runSimulation(*run.session, resumed, simulation);
    if (!result.ok())
        return R::failure(result.error());
    run.result = result.take();
    run.totalSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

int runSimulate(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kHelp;
        return 0;
    }
    SimulationOptions simulation;
    const std::string jsonPath = args.get("json", "");
    if (args.get("acknowledge").has_value())
        simulation.onLabelled = [](const std::vector<LabelRecord>& labels) {
            for (const LabelRecord& l : labels)
                std::cout << "label " << l.id << " " << l.row << "\n";
            std::cout << std::flush;
        };
    simulation.onStatus
        = [](const std::string& line) { std::cerr << "simulate: " << line << "\n"; };
    auto run = simulateFromArgs(args, simulation);
    if (!run.ok())
        return fail(run.error());
    const std::string report = simulationReportJson(run.value());
    if (jsonPath.empty()) {
        std::cout << report << "\n";
        return 0;
    }
    std::ofstream out(jsonPath);
    out << report << "\n";
    if (!out)
        return fail("cannot write " + jsonPath);
    return 0;
}

} // namespace fr::cli
