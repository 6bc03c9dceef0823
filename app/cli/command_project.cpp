// fairreview-cli project/label/undo/export/history: a project file (core/store) driven from the
// command line. `label` and `undo` keep the labels through the same LabelLedger the review
// session uses, with the ranking the window shows rebuilt from the project.
#include "commands.h"

#include "active/label_ledger.h"
#include "active/reopened_session.h"
#include "data/dataset_loader.h"
#include "data_options.h"
#include "store/label_export.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kProjectUsage = R"(usage: fairreview-cli project create --project P --data FILE [--id C]
                                     [--truth C[=VALUE]] [--group C[=VALUE]]
       fairreview-cli label --project P --id ID --label anomaly|normal [--note T] [--analyst NAME]
                            [--blind]
       fairreview-cli undo --project P
       fairreview-cli export --project P --format csv|json --out F [--with-columns]
       fairreview-cli history --project P

project create  reads FILE with the column mapping and writes a new project file P (never
                replaces an existing file). --truth/--group: column, optionally =the value that
                means anomaly / the protected group.
label           adds one label to the row whose id is ID, with the model version, score and rank
                the window's queue shows for that row (read from the data file and the latest
                model's checkpoint; 0 before any model) and strategy "manual/<ranker>".
                --blind records that the analyst did not see the row's group (group_visible 0;
                the default is 1: the CLI hides nothing). Review time is not measured (NULL).
undo            marks the most recent label undone (kept in the file, with an audit event).
export          the audited list (labels not undone) as CSV (RFC 4180; cells that a spreadsheet
                would run as a formula get a leading ') or JSON; --with-columns adds the data
                file's own columns of each labelled row.
history         rounds, labels per group and model versions, as JSON.
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

// ---- label and undo -------------------------------------------------------------------------

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

// The project's labels in a ledger over its rows (ids only: keeping labels needs no data file).
Result<LabelLedger> projectLedger(
    const ProjectStore& store, const SavedSession& saved, const std::string& analyst)
{
    auto ids = store.rowIds();
    if (!ids.ok())
        return ids.status();
    auto rows = std::make_shared<Dataset>();
    rows->source = store.datasetReference().path;
    rows->ids = ids.take();
    rows->matrix.rows = static_cast<int64_t>(rows->ids.size());
    const SessionOptions options = reopenedSessionOptions(SessionOptions(), saved);
    LabelLedger ledger(std::move(rows), {options.model.kind, options.strategy, analyst});
    if (Status restored = ledger.restore(saved.labels); !restored.ok())
        return restored;
    return ledger;
}

// The ranking the window shows for the project's latest model, rebuilt as the window reopens it:
// the data file (unchanged since the project was made) and the checkpoint. Null without a model.
Result<std::shared_ptr<const RankingSnapshot>> shownRanking(
    const ProjectStore& store, const SavedSession& saved)
{
    using R = Result<std::shared_ptr<const RankingSnapshot>>;
    if (!saved.hasModel)
        return std::shared_ptr<const RankingSnapshot>();
    const std::string why = "; the rank the window shows cannot be rebuilt without it";
    StderrProgress progress("label");
    auto data = loadProjectDataset(store, progress.callback());
    if (!data.ok())
        return R::failure(data.error() + why);
    return rebuildShownRanking(
        std::make_shared<const Dataset>(data.take()), saved, SessionOptions());
}

void writeLabelJson(JsonWriter& json, const LabelRecord& l)
{
    json.beginObject().field("label_id", l.id).field("id", l.rowId).field("row", l.row);
    json.field("label", labelName(l.label)).field("analyst", l.analyst);
    json.field("time", isoUtcTime(l.timeUtcMs)).field("model_version", l.modelVersion);
    json.field("score", l.score).field("rank", l.rank).field("round", l.round);
    json.field("strategy", l.strategy).field("note", l.note);
    json.field("group_visible", l.groupVisible).endObject();
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
    const bool groupVisible = !args.has("blind");
    args.get("blind");
    rejectUnknownOptions(args);
    auto store = openOrExplain("label", path);
    if (!store)
        return 1;
    auto row = store->findRow(rowId);
    auto saved = store->loadSession();
    if (!row.ok() || !saved.ok())
        return fail("label", row.ok() ? saved.error() : row.error());
    auto ledger = projectLedger(*store, saved.value(), analyst);
    if (!ledger.ok())
        return fail("label", ledger.error());
    const std::vector<LabelInput> input = {{row.value(), value.value(), note, groupVisible}};
    const int round = labelRound(static_cast<int>(saved.value().rounds.size()), 0);
    // A double label is refused before the data file is read for the ranking.
    if (auto refused = ledger.value().prepare(input, nullptr, round); !refused.ok())
        return fail("label", refused.error());
    auto shown = shownRanking(*store, saved.value());
    if (!shown.ok())
        return fail("label", shown.error());
    auto labels = ledger.value().prepare(input, shown.value().get(), round, LabelOrigin::Manual);
    if (!labels.ok())
        return fail("label", labels.error());
    if (Status stored = store->recordLabels(labels.value()); !stored.ok())
        return fail("label", stored.error());
    JsonWriter json;
    writeLabelJson(json, labels.value()[0]);
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
    auto ledger = projectLedger(*store, saved.value(), {});
    if (!ledger.ok())
        return fail("undo", ledger.error());
    auto last = ledger.value().prepareUndo();
    if (!last.ok())
        return fail("undo", "project " + path + " has no label to undo");
    if (Status undone = store->recordUndo(last.value()); !undone.ok())
        return fail("undo", undone.error());
    JsonWriter json;
    json.beginObject().key("undone");
    writeLabelJson(json, last.value());
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

int runProject(const CliArgs& args)
{
    const auto& words = args.positional();
    if (args.has("help") || words.empty()) {
        std::cout << kProjectUsage;
        return words.empty() && !args.has("help") ? 2 : 0;
    }
    if (words.size() == 1 && words[0] == "create")
        return createProject(args);
    throw std::invalid_argument("unknown project command '" + words[0] + "' (create)");
}

} // namespace fr::cli
