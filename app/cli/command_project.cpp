// fairreview-cli project/label/undo/export/history: a project file (core/store) driven from the
// command line, plus `project stress-writer`, the victim process of the crash-safety test.
#include "commands.h"

#include "data/dataset_loader.h"
#include "data_options.h"
#include "store/label_export.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kProjectUsage = R"(usage: fairreview-cli project create --project P --data FILE [--id C]
                                     [--truth C[=VALUE]] [--group C[=VALUE]]
       fairreview-cli label --project P --id ID --label anomaly|normal [--note T] [--analyst NAME]
       fairreview-cli undo --project P
       fairreview-cli export --project P --format csv|json --out F [--with-columns]
       fairreview-cli history --project P

project create  reads FILE with the column mapping and writes a new project file P (never
                replaces an existing file). --truth/--group: column, optionally =the value that
                means anomaly / the protected group.
label           adds one label to the row whose id is ID, with the latest model's score and rank
                as its context (0 before any model) and strategy "manual".
undo            marks the most recent label undone (kept in the file, with an audit event).
export          the audited list (labels not undone) as CSV (RFC 4180; cells that a spreadsheet
                would run as a formula get a leading ') or JSON; --with-columns adds the data
                file's own columns of each labelled row.
history         rounds, labels per group and model versions, as JSON.

Testing aid (used by tests/core/store/tst_crashsafety):
project stress-writer --project P [--seed S] [--checkpoint-bytes N]
                labels rows and writes model versions with scores and a checkpoint, as a review
                with retraining would, until it is killed or every row is labelled. It prints
                "ready", then "label ID ROW" after each label is stored, "undo ID" and
                "model VERSION" likewise, each line flushed once the write has returned;
                "writing labels|undo|model|round" is flushed before each write starts.
)";

int fail(const std::string& command, const std::string& message)
{
    std::cerr << "fairreview-cli " << command << ": " << message << "\n";
    return 1;
}

void rejectUnknownOptions(const CliArgs& args)
{
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
}

std::unique_ptr<ProjectStore> openOrExplain(const std::string& command, const std::string& path)
{
    auto store = ProjectStore::open(path);
    if (!store.ok()) {
        fail(command, store.error());
        return nullptr;
    }
    return store.take();
}

void warnIfDataFileChanged(const std::string& command, const ProjectStore& store)
{
    auto check = store.verifyDataFile();
    if (check.ok() && check.value().state != DataFileCheck::State::Unchanged)
        std::cerr << "fairreview-cli " << command << ": warning: " << check.value().message << "\n";
}

int createProject(const CliArgs& args)
{
    const std::string path = args.required("project");
    const std::string data = args.required("data");
    const ColumnMapping mapping = mappingFromArgs(args);
    rejectUnknownOptions(args);
    auto reference = describeDataFile(data);
    if (!reference.ok())
        return fail("project create", reference.error());
    StderrProgress progress("reading " + data);
    auto dataset = loadCsvDataset(data, mapping, progress.callback());
    if (!dataset.ok())
        return fail("project create", dataset.error());
    auto store = ProjectStore::create(path, reference.value(), mapping, dataset.value());
    if (!store.ok())
        return fail("project create", store.error());
    JsonWriter json;
    json.beginObject().field("project", path).field("data", data);
    json.field("content_hash", reference.value().contentHash);
    json.field("rows", store.value()->rowCount()).key("groups").beginArray();
    for (const auto& name : dataset.value().groupNames)
        json.value(name);
    json.endArray().endObject();
    std::cout << json.str() << "\n";
    return 0;
}

// ---- label ----------------------------------------------------------------------------------

// 1-based rank of `row` under `score`: rows with a higher score, or an equal score and a lower
// index, come first (the order a stable descending sort gives).
int64_t rankOf(const std::vector<float>& score, int64_t row)
{
    int64_t ahead = 0;
    for (int64_t other = 0; other < int64_t(score.size()); ++other)
        if (score[other] > score[row] || (score[other] == score[row] && other < row))
            ++ahead;
    return ahead + 1;
}

Result<LabelValue> parseLabelValue(const std::string& text)
{
    if (text == "anomaly")
        return LabelValue::Anomaly;
    if (text == "normal")
        return LabelValue::Normal;
    return Result<LabelValue>::failure("--label expects anomaly or normal, got '" + text + "'");
}

std::string defaultAnalyst()
{
    const char* user = std::getenv("USER");
    return user && *user ? user : "analyst";
}

const LabelRecord* activeLabelOf(const SavedSession& saved, int64_t row)
{
    for (auto it = saved.labels.rbegin(); it != saved.labels.rend(); ++it)
        if (it->row == row && !it->undone)
            return &*it;
    return nullptr;
}

LabelRecord manualLabel(const SavedSession& saved, int64_t row, LabelValue value)
{
    LabelRecord label;
    label.row = row;
    label.label = value;
    label.strategy = "manual";
    label.round = saved.rounds.empty() ? 1 : saved.rounds.back().round + 1;
    if (saved.hasModel && row < int64_t(saved.score.size())) {
        label.modelVersion = saved.model.version;
        label.score = saved.score[row];
        label.rank = rankOf(saved.score, row);
    }
    return label;
}

void writeLabelJson(JsonWriter& json, const LabelRecord& l)
{
    json.beginObject().field("label_id", l.id).field("id", l.rowId).field("row", l.row);
    json.field("label", labelName(l.label)).field("analyst", l.analyst);
    json.field("time", isoUtcTime(l.timeUtcMs)).field("model_version", l.modelVersion);
    json.field("score", l.score).field("rank", l.rank).field("round", l.round);
    json.field("strategy", l.strategy).field("note", l.note).endObject();
}

} // namespace

int runLabel(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kProjectUsage;
        return 0;
    }
    const std::string path = args.required("project");
    const std::string rowId = args.required("id");
    auto value = parseLabelValue(args.required("label"));
    if (!value.ok())
        throw std::invalid_argument(value.error());
    const std::string note = args.get("note", "");
    const std::string analyst = args.get("analyst", defaultAnalyst());
    rejectUnknownOptions(args);
    auto store = openOrExplain("label", path);
    if (!store)
        return 1;
    auto row = store->findRow(rowId);
    auto saved = store->loadSession();
    if (!row.ok() || !saved.ok())
        return fail("label", row.ok() ? saved.error() : row.error());
    if (const LabelRecord* existing = activeLabelOf(saved.value(), row.value()))
        return fail("label",
            "row '" + rowId + "' is already labelled " + labelName(existing->label) + " (label "
                + std::to_string(existing->id) + "); undo it first");
    std::vector<LabelRecord> labels = {manualLabel(saved.value(), row.value(), value.value())};
    labels[0].note = note;
    labels[0].analyst = analyst;
    if (Status stored = store->recordLabels(labels); !stored.ok())
        return fail("label", stored.error());
    JsonWriter json;
    writeLabelJson(json, labels[0]);
    std::cout << json.str() << "\n";
    return 0;
}

int runUndo(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kProjectUsage;
        return 0;
    }
    const std::string path = args.required("project");
    rejectUnknownOptions(args);
    auto store = openOrExplain("undo", path);
    if (!store)
        return 1;
    auto saved = store->loadSession();
    if (!saved.ok())
        return fail("undo", saved.error());
    const auto& labels = saved.value().labels;
    auto last = std::find_if(labels.rbegin(), labels.rend(), [](auto& l) { return !l.undone; });
    if (last == labels.rend())
        return fail("undo", "project " + path + " has no label to undo");
    if (Status undone = store->recordUndo(*last); !undone.ok())
        return fail("undo", undone.error());
    JsonWriter json;
    json.beginObject().key("undone");
    writeLabelJson(json, *last);
    json.endObject();
    std::cout << json.str() << "\n";
    return 0;
}

int runExport(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kProjectUsage;
        return 0;
    }
    const std::string path = args.required("project");
    auto format = parseExportFormat(args.required("format"));
    if (!format.ok())
        throw std::invalid_argument(format.error());
    const std::string out = args.required("out");
    const bool withColumns = args.has("with-columns");
    args.get("with-columns");
    rejectUnknownOptions(args);
    auto store = openOrExplain("export", path);
    if (!store)
        return 1;
    if (!withColumns)
        warnIfDataFileChanged("export", *store);
    auto written = store->exportLabels(out, format.value(), withColumns);
    if (!written.ok())
        return fail("export", written.error());
    std::cerr << "fairreview-cli export: " << written.value() << " labels written to " << out
              << "\n";
    return 0;
}

namespace {

void writeRounds(JsonWriter& json, const std::vector<RoundRecord>& rounds)
{
    json.key("rounds").beginArray();
    for (const auto& r : rounds) {
        json.beginObject().field("round", r.round).field("model_version", r.modelVersion);
        json.field("labels_spent", r.labelsSpent).field("found", r.found);
        json.key("groups").beginArray();
        for (const auto& g : r.groups) {
            json.beginObject().field("group", g.group).field("labels_spent", g.labelsSpent);
            json.field("found", g.found).key("recall_at_k");
            g.recallAtK < 0 ? json.null() : json.value(g.recallAtK);
            json.endObject();
        }
        json.endArray().endObject();
    }
    json.endArray();
}

void writeModelVersions(JsonWriter& json, const std::vector<ModelVersionRecord>& models)
{
    json.key("model_versions").beginArray();
    for (const auto& m : models) {
        json.beginObject().field("version", m.version).field("kind", m.kind);
        json.field("device", m.device).field("seed", std::to_string(m.seed));
        json.field("labels_used", m.labelsUsed).field("created", isoUtcTime(m.createdUtcMs));
        json.key("hyper_parameters").rawValue(m.hyperParameters);
        json.key("metrics").rawValue(m.metrics);
        json.endObject();
    }
    json.endArray();
}

const char* dataFileState(DataFileCheck::State state)
{
    switch (state) {
    case DataFileCheck::State::Unchanged:
        return "unchanged";
    case DataFileCheck::State::Changed:
        return "changed";
    case DataFileCheck::State::Missing:
        return "missing";
    }
    return "unknown";
}

} // namespace

int runHistory(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kProjectUsage;
        return 0;
    }
    const std::string path = args.required("project");
    rejectUnknownOptions(args);
    auto store = openOrExplain("history", path);
    if (!store)
        return 1;
    auto saved = store->loadSession();
    auto counts = store->labelCountsByGroup();
    auto models = store->modelVersions();
    auto check = store->verifyDataFile();
    for (const Status& s : {saved.status(), counts.status(), models.status(), check.status()})
        if (!s.ok())
            return fail("history", s.error());
    JsonWriter json;
    json.beginObject().field("project", path).key("data").beginObject();
    json.field("path", store->datasetReference().path);
    json.field("content_hash", store->datasetReference().contentHash);
    json.field("rows", store->rowCount()).field("file", dataFileState(check.value().state));
    json.endObject();
    writeRounds(json, saved.value().rounds);
    json.key("labels_per_group").beginArray();
    for (const auto& c : counts.value()) {
        json.beginObject().field("group", c.group).field("anomalies", c.anomalies);
        json.field("normals", c.normals).field("undone", c.undone).endObject();
    }
    json.endArray();
    writeModelVersions(json, models.value());
    json.endObject();
    std::cout << json.str() << "\n";
    return 0;
}

// ---- stress writer (testing aid) ------------------------------------------------------------

namespace {

class StressWriter {
public:
    StressWriter(ProjectStore& store, uint64_t seed, size_t checkpointBytes)
        : mStore(store)
        , mRandom(seed)
        , mCheckpointBytes(checkpointBytes)
    { }

    int run()
    {
        auto saved = mStore.loadSession();
        if (!saved.ok())
            return fail("project stress-writer", saved.error());
        restore(saved.take());
        std::cout << "ready" << std::endl;
        for (int batch = 1; !mUnlabelled.empty(); ++batch) {
            if (Status s = labelBatch(); !s.ok())
                return fail("project stress-writer", s.error());
            if (batch % 7 == 0)
                if (Status s = undoLast(); !s.ok())
                    return fail("project stress-writer", s.error());
            if (batch % 3 == 0)
                if (Status s = retrain(); !s.ok())
                    return fail("project stress-writer", s.error());
        }
        return 0;
    }

private:
    void restore(SavedSession saved)
    {
        std::set<int64_t> labelled;
        for (const auto& l : saved.labels)
            if (!l.undone)
                labelled.insert(l.row);
        for (int64_t row = 0; row < mStore.rowCount(); ++row)
            if (!labelled.count(row))
                mUnlabelled.push_back(row);
        std::shuffle(mUnlabelled.begin(), mUnlabelled.end(), mRandom);
        mRound = saved.rounds.empty() ? 0 : saved.rounds.back().round;
        if (saved.hasModel)
            setModel(saved.model.version, std::move(saved.score));
        mLastLabels = {};
    }

    void setModel(int64_t version, std::vector<float> score)
    {
        mVersion = version;
        mScore = std::move(score);
        std::vector<int64_t> order(mScore.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
            [&](int64_t a, int64_t b) { return mScore[a] > mScore[b]; });
        mRank.assign(mScore.size(), 0);
        for (size_t i = 0; i < order.size(); ++i)
            mRank[order[i]] = int64_t(i) + 1;
    }

    Status labelBatch()
    {
        std::vector<LabelRecord> batch(1 + mRandom() % 5);
        batch.resize(std::min(batch.size(), mUnlabelled.size()));
        for (auto& l : batch) {
            l.row = mUnlabelled.back();
            mUnlabelled.pop_back();
            l.label = mRandom() % 4 == 0 ? LabelValue::Anomaly : LabelValue::Normal;
            l.note = "stress " + std::to_string(mRandom() % 1000);
            l.analyst = "stress-writer";
            l.modelVersion = mVersion;
            l.score = mVersion ? mScore[l.row] : 0.0;
            l.rank = mVersion ? mRank[l.row] : 0;
            l.strategy = mVersion ? "head-probability" : "cold-start-score";
            l.round = mRound + 1;
        }
        std::cout << "writing labels" << std::endl; // a kill after this line hit a write
        if (Status s = mStore.recordLabels(batch); !s.ok())
            return s;
        for (const auto& l : batch)
            std::cout << "label " << l.id << " " << l.row << "\n";
        std::cout << std::flush; // only now is the batch acknowledged
        mLastLabels = batch;
        return Status::success();
    }

    Status undoLast()
    {
        if (mLastLabels.empty())
            return Status::success();
        const LabelRecord last = mLastLabels.back();
        mLastLabels.pop_back();
        std::cout << "writing undo" << std::endl;
        if (Status s = mStore.recordUndo(last); !s.ok())
            return s;
        std::cout << "undo " << last.id << std::endl;
        mUnlabelled.insert(mUnlabelled.begin(), last.row);
        return Status::success();
    }

    Status retrain()
    {
        ModelVersionRecord model;
        model.version = mVersion + 1;
        model.kind = "stress";
        model.hyperParameters = "{}";
        model.device = "cpu";
        model.seed = mRandom();
        model.metrics = "{}";
        model.createdUtcMs = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
                                 .count();
        model.checkpoint.resize(mCheckpointBytes);
        for (auto& byte : model.checkpoint)
            byte = uint8_t(mRandom());
        std::vector<float> score(mStore.rowCount()), probability(mStore.rowCount());
        std::uniform_real_distribution<float> uniform(0.f, 1.f);
        for (size_t i = 0; i < score.size(); ++i) {
            score[i] = uniform(mRandom);
            probability[i] = uniform(mRandom);
        }
        std::cout << "writing model" << std::endl;
        if (Status s = mStore.recordModelVersion(model, score, probability); !s.ok())
            return s;
        std::cout << "model " << model.version << std::endl;
        setModel(model.version, std::move(score));
        ++mRound;
        std::cout << "writing round" << std::endl;
        return mStore.recordRound({mRound, mVersion, 0, 0, {}});
    }

    ProjectStore& mStore;
    std::mt19937_64 mRandom;
    size_t mCheckpointBytes;
    std::vector<int64_t> mUnlabelled;
    std::vector<LabelRecord> mLastLabels;
    std::vector<float> mScore;
    std::vector<int64_t> mRank;
    int64_t mVersion = 0;
    int mRound = 0;
};

int runStressWriter(const CliArgs& args)
{
    const std::string path = args.required("project");
    const auto seed = static_cast<uint64_t>(args.integer("seed", 1));
    const auto checkpointBytes = static_cast<size_t>(args.integer("checkpoint-bytes", 1 << 20));
    rejectUnknownOptions(args);
    auto store = openOrExplain("project stress-writer", path);
    if (!store)
        return 1;
    return StressWriter(*store, seed, checkpointBytes).run();
}

} // namespace

int runProject(const CliArgs& args)
{
    const auto& words = args.positional();
    if (args.has("help") || words.empty()) {
        std::cout << kProjectUsage;
        return words.empty() && !args.has("help") ? 2 : 0;
    }
    if (words.size() == 1 && words[0] == "create")
        return createProject(args);
    if (words.size() == 1 && words[0] == "stress-writer")
        return runStressWriter(args);
    throw std::invalid_argument("unknown project command '" + words[0] + "' (create)");
}

} // namespace fr::cli
