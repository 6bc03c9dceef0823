// fairreview-cli simulate: the active loop of ALGORITHMS.md §3 driven through the same
// ReviewSession the GUI uses, with a simulated analyst who reveals the ground truth (protocol P1).
#include "commands.h"
#include "data_options.h"

#include "active/review_session.h"
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
    = R"(usage: fairreview-cli simulate (--data FILE [--id C] | --fmnist one-class|invert
                          --normal-class C [--fmnist-dir DIR]) --truth C[=VALUE] [--group C[=VALUE]]
                          --model uainet|fadig-uai [--budget B] [--batch K] [--seed S]
                          [--device auto|cpu|cuda] [--threads N] [--json OUT]
                          [--project P [--acknowledge]]
The active loop with a simulated analyst: B labels (default: the number of anomalies) in batches
of K (default 10, or 3 below 100 anomalies). Writes the JSON report to OUT, or to stdout.
  --project      journal every label, model version and round into the project file P (created
                 for --data, or carried on from where it stopped when P exists), so that the run
                 can be opened in the window afterwards
  --acknowledge  print "label ID ROW" on stdout once each label is durable (a crash-test aid)
)";

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

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

// Journals the session into the project file --project names: a new project for --data, or the
// existing one resumed (labels, rounds and model) when the file is there. Returns whether a saved
// model was resumed, so that pre-training is skipped.
Result<bool> attachProject(
    const CliArgs& args, const std::string& path, const Dataset& data, ReviewSession& session)
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
    if (!args.has("data"))
        return Result<bool>::failure("--project needs --data: a project refers to a data file");
    auto reference = describeDataFile(args.required("data"));
    if (!reference.ok())
        return Result<bool>::failure(reference.error());
    auto created = ProjectStore::create(path, reference.value(), mappingFromArgs(args), data);
    if (!created.ok())
        return Result<bool>::failure(created.error());
    store = created.take();
    session.setJournal(store);
    return false;
}

struct GroupTally {
    int64_t rows = 0, anomalies = 0, spent = 0, found = 0;
};

} // namespace

int runSimulate(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kHelp;
        return 0;
    }
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    SessionOptions options;
    options.model = modelOptionsFromArgs(args);
    options.analyst = "simulated oracle";
    if (!hasUaiHead(options.model.kind))
        throw std::invalid_argument("simulate needs a model with a UAI head: uainet or fadig-uai");
    const long long budgetArg = args.integer("budget", -1);
    const long long batchArg = args.integer("batch", 0);
    if (batchArg < 0)
        throw std::invalid_argument("--batch expects a positive number");
    options.batchSize = static_cast<int>(batchArg);
    const std::string jsonPath = args.get("json", "");
    const std::string projectPath = args.get("project", "");
    const bool acknowledge = args.get("acknowledge").has_value();

    auto loaded = loadDatasetFromArgs(args, options.model.seed);
    if (!args.unread().empty()) {
        std::cerr << "fairreview-cli simulate: unknown option " << args.unread().front() << "\n"
                  << kHelp;
        return 2;
    }
    if (!loaded.ok()) {
        std::cerr << "fairreview-cli simulate: " << loaded.error() << "\n";
        return 1;
    }
    auto data = std::make_shared<const Dataset>(loaded.take());
    const int64_t anomalies = countAnomalies(*data);
    if (anomalies < 0) {
        std::cerr << "fairreview-cli simulate: the data set has no ground truth (--truth)\n";
        return 1;
    }
    const int64_t budget
        = std::min<int64_t>(budgetArg >= 0 ? budgetArg : anomalies, data->rowCount());

    auto created = ReviewSession::create(data, options);
    if (!created.ok()) {
        std::cerr << "fairreview-cli simulate: " << created.error() << "\n";
        return 1;
    }
    std::unique_ptr<ReviewSession> session = created.take();
    const int batch = session->defaultBatchSize();
    CancelToken cancel;
    StderrProgress progress("simulate");
    bool resumed = false;
    if (!projectPath.empty()) {
        auto attached = attachProject(args, projectPath, *data, *session);
        if (!attached.ok()) {
            std::cerr << "fairreview-cli simulate: " << attached.error() << "\n";
            return 1;
        }
        resumed = attached.value();
    }
    const auto pretrainStart = Clock::now();
    if (!resumed) {
        Status pretrained = session->pretrain(cancel, progress.callback());
        if (!pretrained.ok()) {
            std::cerr << "fairreview-cli simulate: pre-training failed: " << pretrained.error()
                      << "\n";
            return 1;
        }
    }
    const double pretrainS = seconds(Clock::now() - pretrainStart);

    std::vector<int64_t> curve;
    std::vector<double> roundMs;
    int64_t spent = 0, found = 0;
    for (const LabelRecord& l : session->labels()) { // a resumed project's labels count
        spent += l.undone ? 0 : 1;
        found += !l.undone && l.label == LabelValue::Anomaly;
    }
    auto lastReport = Clock::now();
    while (spent < budget) {
        std::vector<BatchItem> items
            = session->nextBatch(static_cast<int>(std::min<int64_t>(batch, budget - spent)));
        if (items.empty())
            break;
        std::vector<LabelInput> labels;
        for (const BatchItem& item : items) {
            const bool anomaly = data->truth[static_cast<size_t>(item.row)] == 1;
            labels.push_back({item.row, anomaly ? LabelValue::Anomaly : LabelValue::Normal, {}});
            found += anomaly;
        }
        auto submitted = session->submitLabels(labels);
        if (!submitted.ok()) {
            std::cerr << "fairreview-cli simulate: " << submitted.error() << "\n";
            return 1;
        }
        if (acknowledge) {
            for (const LabelRecord& l : submitted.value())
                std::cout << "label " << l.id << " " << l.row << "\n";
            std::cout << std::flush;
        }
        spent += static_cast<int64_t>(labels.size());
        curve.push_back(found);
        if (spent >= budget)
            break; // the last labels change nothing that is counted: no retrain after them
        const auto roundStart = Clock::now();
        Status retrained = session->retrain(cancel);
        if (!retrained.ok()) {
            std::cerr << "fairreview-cli simulate: retraining failed: " << retrained.error()
                      << "\n";
            return 1;
        }
        roundMs.push_back(1000.0 * seconds(Clock::now() - roundStart));
        if (Clock::now() - lastReport > std::chrono::seconds(2)) {
            lastReport = Clock::now();
            std::cerr << "simulate: round " << curve.size() << ", " << found << " found in "
                      << spent << " labels (" << roundMs.back() << " ms per round)\n";
        }
    }
    const double totalS = seconds(Clock::now() - start);

    std::map<std::string, GroupTally> groups;
    if (data->hasGroups()) {
        for (size_t r = 0; r < data->groups.size(); ++r) {
            if (data->groups[r] < 0)
                continue;
            GroupTally& t = groups[data->groupNames[data->groups[r]]];
            ++t.rows;
            t.anomalies += data->truth[r] == 1;
        }
        for (const LabelRecord& l : session->labels()) {
            int g = data->groups[static_cast<size_t>(l.row)];
            if (l.undone || g < 0)
                continue;
            GroupTally& t = groups[data->groupNames[g]];
            ++t.spent;
            t.found += l.label == LabelValue::Anomaly;
        }
    }

    JsonWriter json;
    json.beginObject()
        .field("model", modelKindName(options.model.kind))
        .field("device", session->deviceName())
        .field("seed", static_cast<int64_t>(options.model.seed))
        .field("data", data->source)
        .field("rows", data->rowCount())
        .field("anomalies", anomalies)
        .field("budget", budget)
        .field("batch", batch)
        .field("rounds", static_cast<int64_t>(curve.size()))
        .field("found", found)
        .field("found_fraction", budget > 0 ? static_cast<double>(found) / budget : 0.0)
        .field("random_expected_found",
            static_cast<double>(budget) * anomalies / std::max<int64_t>(1, data->rowCount()))
        .key("hyper_parameters")
        .rawValue(session->currentModel().hyperParameters)
        .key("curve")
        .numberArray(curve)
        .key("per_group")
        .beginObject();
    for (const auto& [name, t] : groups) {
        json.key(name)
            .beginObject()
            .field("rows", t.rows)
            .field("anomalies", t.anomalies)
            .field("labels_spent", t.spent)
            .field("found", t.found)
            .endObject();
    }
    json.endObject()
        .key("timing")
        .beginObject()
        .field("pretrain_s", pretrainS)
        .field("round_ms_p50", percentile(roundMs, 0.5))
        .field("round_ms_p95", percentile(roundMs, 0.95))
        .field("total_s", totalS)
        .endObject()
        .endObject();
    if (jsonPath.empty()) {
        std::cout << json.str() << "\n";
    } else {
        std::ofstream out(jsonPath);
        out << json.str() << "\n";
        if (!out) {
            std::cerr << "fairreview-cli simulate: cannot write " << jsonPath << "\n";
            return 1;
        }
    }
    return 0;
}

} // namespace fr::cli
