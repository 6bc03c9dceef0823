// The review session (review_session.h): labels, model versions and snapshots around a Detector.
//
// Locking: mMutex guards every member the views read (labels, snapshot, rounds, model record) and
// is only held for copies and small updates. mTrainMutex lets one training run at a time; the
// detector is touched only by the thread holding it. mJournalMutex serialises the journal calls
// so that the project file sees them in the order they happened.
#include "active/review_session.h"

#include "active/ranking_builder.h"
#include "metrics/bootstrap_intervals.h"
#include "metrics/group_metrics.h"
#include "metrics/ranking.h"
#include "models/detector.h"
#include "models/failure_message.h"
#include "util/json_writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

namespace fr {

namespace {

int64_t nowUtcMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const std::string kHeadStrategy = "head-probability";
Ranker rankerOfStrategy(const std::string& strategy)
{
    return strategy.find(kHeadStrategy) != std::string::npos ? Ranker::Head : Ranker::Prior;
}

} // namespace

std::string queryStrategyName(QueryStrategy strategy)
{
    return strategy == QueryStrategy::Fair ? "fair" : "top";
}

std::optional<QueryStrategy> parseQueryStrategy(const std::string& name)
{
    if (name == "top")
        return QueryStrategy::Top;
    if (name == "fair")
        return QueryStrategy::Fair;
    return std::nullopt;
}

struct ReviewSession::Impl {
    std::shared_ptr<const Dataset> data;
    SessionOptions options;
    std::unique_ptr<models::Detector> detector; // only under trainMutex
    std::string deviceName;

    std::mutex trainMutex;
    std::mutex journalMutex;
    mutable std::mutex mutex;
    std::shared_ptr<SessionJournal> journal;
    std::vector<LabelRecord> labels;
    std::vector<int8_t> labelOfRow; // -1 unlabelled, else LabelValue of the active label
    std::shared_ptr<const RankingSnapshot> ranking;
    std::vector<RoundRecord> rounds;
    ModelVersionRecord model; // the current version, checkpoint included
    bool pending = false;
    int trainingRound = 0; // the round a running retrain closes; 0 when none runs

    // What a training works from, taken in one go so that labels arriving later wait for the next.
    struct TrainingStart {
        std::vector<int64_t> rows;
        std::vector<int8_t> values;
        int64_t version = 0;
        int round = 0; // the round it closes; for a pre-training, the rounds already done
    };

    TrainingStart beginTraining(bool closesRound)
    {
        std::lock_guard<std::mutex> lock(mutex);
        TrainingStart start;
        activeLabels(start.rows, start.values);
        pending = false;
        start.version = model.version + 1;
        start.round = static_cast<int>(rounds.size()) + (closesRound ? 1 : 0);
        if (closesRound)
            trainingRound = start.round;
        return start;
    }

    // Active (not undone) labels as parallel vectors for the detector.
    void activeLabels(std::vector<int64_t>& rows, std::vector<int8_t>& values) const
    {
        for (const LabelRecord& l : labels)
            if (!l.undone) {
                rows.push_back(l.row);
                values.push_back(static_cast<int8_t>(l.label));
            }
    }

    // What a label records as the reason its row was shown: the ranker and the batch rule. The
    // rank rule reads the ranker back from it (rankerOfStrategy).
    std::string strategyName(Ranker ranker) const
    {
        std::string name = ranker == Ranker::Head    ? kHeadStrategy
            : usesIsolationPrior(options.model.kind) ? "label-free-prior"
                                                     : "cold-start-score";
        return options.strategy == QueryStrategy::Fair ? "fair/" + name : name;
    }

    int coldStart() const
    {
        return options.coldStartRounds >= 0 ? options.coldStartRounds
                                            : coldStartRounds(options.model.kind);
    }

    int64_t truthAnomalies() const
    {
        return data->hasTruth() ? std::count(data->truth.begin(), data->truth.end(), 1) : -1;
    }

    std::string groupName(int g) const
    {
        return g >= 0 && g < static_cast<int>(data->groupNames.size()) ? data->groupNames[g]
                                                                       : std::string();
    }

    // Per-round figures from the labels used by that round's model.
    RoundRecord roundRecord(int round, int64_t version, const std::vector<int64_t>& rows,
        const std::vector<int8_t>& values) const
    {
        RoundRecord r;
        r.round = round;
        r.modelVersion = version;
        r.labelsSpent = static_cast<int64_t>(rows.size());
        r.found = std::count(values.begin(), values.end(), 1);
        const int groupCount = data->hasGroups() ? static_cast<int>(data->groupNames.size()) : 0;
        std::vector<GroupRoundFigures> groups(static_cast<size_t>(groupCount));
        std::vector<int64_t> anomalies(static_cast<size_t>(groupCount), 0);
        for (int g = 0; g < groupCount; ++g)
            groups[g].group = groupName(g);
        if (groupCount > 0) {
            for (size_t i = 0; i < rows.size(); ++i) {
                int g = data->groups[static_cast<size_t>(rows[i])];
                if (g < 0)
                    continue;
                ++groups[g].labelsSpent;
                groups[g].found += values[i] == 1;
            }
            if (data->hasTruth())
                for (size_t row = 0; row < data->truth.size(); ++row)
                    if (data->truth[row] == 1 && data->groups[row] >= 0)
                        ++anomalies[data->groups[row]];
            // With ground truth: the share of the group's anomalies the analyst has found so far
            // (the active-learning recall per group, ALGORITHMS.md §5 "per group too").
            for (int g = 0; g < groupCount; ++g)
                if (data->hasTruth() && anomalies[g] > 0)
                    groups[g].recallAtK = static_cast<double>(groups[g].found) / anomalies[g];
        }
        r.groups = std::move(groups);
        return r;
    }

    ModelVersionRecord modelRecord(
        int64_t version, int64_t labelsUsed, int64_t found, std::vector<uint8_t> checkpoint) const
    {
        ModelVersionRecord m;
        m.version = version;
        m.kind = modelKindName(options.model.kind);
        m.hyperParameters = detector->hyperParametersJson();
        m.device = deviceName;
        m.seed = options.model.seed;
        JsonWriter json(false);
        json.beginObject().field("labels_used", labelsUsed).field("found", found).endObject();
        m.metrics = json.str();
        m.labelsUsed = labelsUsed;
        m.createdUtcMs = nowUtcMs();
        m.checkpoint = std::move(checkpoint);
        return m;
    }

    // The snapshot for a scoring of every row, from the labels as they are now: the one place
    // that decides how the queue is ordered (cold start, prior against head).
    std::shared_ptr<RankingSnapshot> rank(
        const models::DetectorOutput& output, int64_t version, int roundsDone, bool keepOrientation)
    {
        RankingInputs inputs;
        inputs.modelVersion = version;
        inputs.priorCompetes = usesIsolationPrior(options.model.kind);
        std::shared_ptr<const RankingSnapshot> previous;
        bool anomalies = false, normals = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            previous = keepOrientation ? ranking : nullptr;
            inputs.labelOfRow = labelOfRow;
            for (const LabelRecord& l : labels) {
                if (l.undone)
                    continue;
                const bool anomaly = l.label == LabelValue::Anomaly;
                (anomaly ? anomalies : normals) = true;
                inputs.outcomes.push_back({rankerOfStrategy(l.strategy), anomaly});
            }
        }
        inputs.reason = chooseRankReason(
            roundsDone, coldStart(), anomalies && normals, detector->headTrained());
        inputs.previous = previous.get();
        return buildRankingSnapshot(output, inputs);
    }

    // A model version ready to be shown: its snapshot and its record, built from the detector
    // as it is without changing anything the views read.
    struct Publication {
        std::shared_ptr<const RankingSnapshot> snapshot;
        ModelVersionRecord record;
    };

    // Scores every row with the detector and builds the snapshot and the model record.
    Result<Publication> prepare(int64_t version, int roundsDone, const std::vector<int64_t>& rows,
        const std::vector<int8_t>& values)
    {
        auto output = detector->scoreAll(options.projectLatent);
        if (!output.ok())
            return output.status();
        Publication p;
        p.snapshot = rank(output.value(), version, roundsDone, true);
        auto checkpoint = detector->saveCheckpoint();
        if (!checkpoint.ok())
            return checkpoint.status();
        p.record = modelRecord(version, static_cast<int64_t>(rows.size()),
            std::count(values.begin(), values.end(), 1), checkpoint.take());
        return p;
    }

    // Swaps the prepared version in and journals it (and the round, when there is one).
    Status publish(const Publication& p, const RoundRecord* round)
    {
        std::shared_ptr<SessionJournal> j;
        {
            std::lock_guard<std::mutex> lock(mutex);
            ranking = p.snapshot;
            model = p.record;
            if (round)
                rounds.push_back(*round);
            j = journal;
        }
        if (!j)
            return Status::success();
        std::lock_guard<std::mutex> journalLock(journalMutex);
        Status s = j->recordModelVersion(p.record, p.snapshot->score,
            detector->headTrained() ? p.snapshot->probability : std::vector<float> {});
        if (s.ok() && round)
            s = j->recordRound(*round);
        return s;
    }

    Status firstModel(
        const TrainingStart& start, const CancelToken& cancel, const ProgressCallback& progress)
    {
        // Labels known before pre-training (a reopened project without a model) still keep the
        // analyst's anomalies out of the reconstruction loss (ALGORITHMS.md §3).
        std::vector<float> weights;
        if (std::count(start.values.begin(), start.values.end(), 1) > 0) {
            weights.assign(static_cast<size_t>(data->rowCount()), 1.0f);
            for (size_t i = 0; i < start.rows.size(); ++i)
                if (start.values[i] == 1)
                    weights[static_cast<size_t>(start.rows[i])] = 0.0f;
        }
        Status trained = detector->pretrain(cancel, progress, weights);
        if (!trained.ok())
            return trained;
        if (progress)
            progress(Progress {"scoring", 0, 1});
        auto prepared = prepare(start.version, start.round, start.rows, start.values);
        if (!prepared.ok())
            return prepared.status();
        return publish(prepared.value(), nullptr);
    }

    Status closeRound(
        const TrainingStart& start, const CancelToken& cancel, const ProgressCallback& progress)
    {
        Status trained = detector->update(start.rows, start.values, cancel, progress);
        if (!trained.ok())
            return trained; // the detector kept the previous model
        RoundRecord record;
        auto prepared = models::callGuarded("scoring the new model", [&] {
            record = roundRecord(start.round, start.version, start.rows, start.values);
            return prepare(start.version, start.round, start.rows, start.values);
        });
        if (!prepared.ok())
            return withPublishedModel(prepared.status());
        return publish(prepared.value(), &record);
    }

    // After a round whose model cannot be shown: puts the version the queue shows back into the
    // detector, so that the next round starts from it.
    Status withPublishedModel(const Status& failure)
    {
        std::vector<uint8_t> checkpoint;
        {
            std::lock_guard<std::mutex> lock(mutex);
            checkpoint = model.checkpoint;
        }
        const Status restored = checkpoint.empty() ? Status::failure("no saved model to go back to")
                                                   : detector->restoreCheckpoint(checkpoint);
        if (restored.ok())
            return failure;
        return Status::failure(failure.error() + "; the previous model could not be put back ("
                + restored.error() + "): reopen the project to continue",
            failure.code());
    }

    // resume() under the train mutex; may throw.
    Status resumeFrom(const SavedSession& saved)
    {
        std::vector<int8_t> savedLabelOfRow(static_cast<size_t>(data->rowCount()), -1);
        for (const LabelRecord& l : saved.labels) {
            if (l.row < 0 || l.row >= data->rowCount())
                return Status::failure("the project's label " + std::to_string(l.id) + " names row "
                    + std::to_string(l.row) + ", but the data set has "
                    + std::to_string(data->rowCount()) + " rows");
            if (!l.undone)
                savedLabelOfRow[static_cast<size_t>(l.row)] = static_cast<int8_t>(l.label);
        }
        const int64_t active = std::count_if(saved.labels.begin(), saved.labels.end(),
            [](const LabelRecord& l) { return !l.undone; });
        {
            std::lock_guard<std::mutex> lock(mutex);
            labels = saved.labels;
            labelOfRow = std::move(savedLabelOfRow);
            rounds = saved.rounds;
            pending = !saved.hasModel || saved.model.labelsUsed != active;
        }
        if (!saved.hasModel || saved.model.checkpoint.empty())
            return Status::success();
        Status restored = detector->restoreCheckpoint(saved.model.checkpoint);
        if (!restored.ok())
            return restored;
        auto output = detector->scoreAll(options.projectLatent);
        if (!output.ok())
            return output.status();
        const std::vector<float>& now = output.value().score;
        if (saved.score.size() == now.size()) {
            for (size_t r = 0; r < now.size(); ++r)
                if (std::abs(now[r] - saved.score[r]) > 1e-5f * (1.0f + std::abs(saved.score[r])))
                    return Status::failure(
                        "the restored model does not reproduce the saved scores (row "
                        + std::to_string(r) + ": " + std::to_string(now[r]) + " instead of "
                        + std::to_string(saved.score[r]) + "); retrain to continue");
        }
        auto snapshot = rank(
            output.value(), saved.model.version, static_cast<int>(saved.rounds.size()), false);
        std::lock_guard<std::mutex> lock(mutex);
        ranking = snapshot;
        model = saved.model;
        return Status::success();
    }

    // restoreCheckpoint() under the train mutex; may throw.
    Status restoreFrom(const std::vector<uint8_t>& bytes)
    {
        Status restored = detector->restoreCheckpoint(bytes);
        if (!restored.ok())
            return restored;
        int64_t version = 0;
        int roundsDone = 0;
        {
            std::lock_guard<std::mutex> lock(mutex);
            version = std::max<int64_t>(1, model.version);
            roundsDone = static_cast<int>(rounds.size());
        }
        auto output = detector->scoreAll(options.projectLatent);
        if (!output.ok())
            return output.status();
        auto snapshot = rank(output.value(), version, roundsDone, true);
        std::lock_guard<std::mutex> lock(mutex);
        ranking = snapshot;
        model.version = version;
        model.checkpoint = bytes;
        return Status::success();
    }
};

ReviewSession::ReviewSession()
    : d(std::make_unique<Impl>())
{ }
ReviewSession::~ReviewSession() = default;

Result<std::unique_ptr<ReviewSession>> ReviewSession::create(
    std::shared_ptr<const Dataset> dataset, const SessionOptions& options)
{
    if (!dataset)
        return Result<std::unique_ptr<ReviewSession>>::failure("no data set to review");
    if (!hasUaiHead(options.model.kind))
        return Result<std::unique_ptr<ReviewSession>>::failure("model "
            + modelKindName(options.model.kind)
            + " has no UAI head to learn from labels; a review session needs active, uainet or "
              "fadig-uai");
    auto detector = models::Detector::create(dataset, options.model);
    if (!detector.ok())
        return detector.status();
    return models::callGuarded(
        "opening the review session", [&]() -> Result<std::unique_ptr<ReviewSession>> {
            std::unique_ptr<ReviewSession> session(new ReviewSession());
            session->d->data = std::move(dataset);
            session->d->options = options;
            session->d->detector = detector.take();
            session->d->deviceName = session->d->detector->deviceName();
            session->d->labelOfRow.assign(static_cast<size_t>(session->d->data->rowCount()), -1);
            return session;
        });
}

const Dataset& ReviewSession::dataset() const
{
    return *d->data;
}
const SessionOptions& ReviewSession::options() const
{
    return d->options;
}
std::string ReviewSession::deviceName() const
{
    return d->deviceName;
}

void ReviewSession::setJournal(std::shared_ptr<SessionJournal> journal)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->journal = std::move(journal);
}

Status ReviewSession::resume(const SavedSession& saved)
{
    std::unique_lock<std::mutex> train(d->trainMutex, std::try_to_lock);
    if (!train.owns_lock())
        return Status::failure("cannot reopen the session while a training runs");
    return models::callGuarded("reopening the project", [&] { return d->resumeFrom(saved); });
}

Status ReviewSession::pretrain(const CancelToken& cancel, const ProgressCallback& progress)
{
    std::unique_lock<std::mutex> train(d->trainMutex, std::try_to_lock);
    if (!train.owns_lock())
        return Status::failure("a training is already running");
    const Impl::TrainingStart start = d->beginTraining(false);
    return models::callGuarded(
        "pre-training", [&] { return d->firstModel(start, cancel, progress); });
}

Status ReviewSession::retrain(const CancelToken& cancel, const ProgressCallback& progress)
{
    std::unique_lock<std::mutex> train(d->trainMutex, std::try_to_lock);
    if (!train.owns_lock())
        return Status::failure("a training is already running");
    if (!ranking())
        return Status::failure("pre-train the model before retraining it");
    const Impl::TrainingStart start = d->beginTraining(true);
    const Status status
        = models::callGuarded("retraining", [&] { return d->closeRound(start, cancel, progress); });
    std::lock_guard<std::mutex> lock(d->mutex);
    d->trainingRound = 0;
    if (!status.ok())
        d->pending = true; // the labels of a cancelled or failed round still wait for a retrain
    return status;
}

bool ReviewSession::hasPendingLabels() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->pending;
}

int ReviewSession::defaultBatchSize() const
{
    if (d->options.batchSize > 0)
        return d->options.batchSize;
    // ALGORITHMS.md §3: k = 10, or 3 when the data set has fewer than 100 anomalies.
    const int64_t anomalies = d->truthAnomalies();
    return anomalies >= 0 && anomalies < 100 ? 3 : 10;
}

std::vector<BatchItem> ReviewSession::nextBatch(int k) const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    std::vector<BatchItem> batch;
    if (!d->ranking || k <= 0)
        return batch;
    const RankingSnapshot& r = *d->ranking;
    const int groupCount = d->data->hasGroups() ? static_cast<int>(d->data->groupNames.size()) : 0;
    const std::vector<int64_t> rows = d->options.strategy == QueryStrategy::Fair
        ? fairBatch(r.order, d->data->groups, groupCount, d->labelOfRow, r.probability, k)
        : r.order;
    for (int64_t row : rows) {
        if (d->labelOfRow[static_cast<size_t>(row)] >= 0)
            continue;
        BatchItem item;
        item.row = row;
        item.rank = r.rankOfRow[static_cast<size_t>(row)];
        item.score = r.score[static_cast<size_t>(row)];
        item.probability = r.probability[static_cast<size_t>(row)];
        item.reason = r.rankerOfRow[static_cast<size_t>(row)] == Ranker::Prior
            ? RankReason::BaseScore
            : RankReason::HeadProbability;
        batch.push_back(item);
        if (static_cast<int>(batch.size()) == k)
            break;
    }
    return batch;
}

std::vector<GroupAnomalyEstimate> ReviewSession::groupEstimates() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    if (!d->data->hasGroups())
        return {};
    return estimateGroupAnomalies(d->data->groups, static_cast<int>(d->data->groupNames.size()),
        d->labelOfRow, d->ranking ? d->ranking->probability : std::vector<float> {});
}

Result<HeadPriorBias> ReviewSession::headPriorBias(BiasTruth truth, double q) const
{
    using R = Result<HeadPriorBias>;
    std::shared_ptr<const RankingSnapshot> ranking;
    std::vector<int8_t> known;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        ranking = d->ranking;
        if (truth == BiasTruth::AnalystLabels)
            known = d->labelOfRow;
    }
    const Dataset& data = *d->data;
    if (!ranking || ranking->probability.empty()
        || std::none_of(ranking->probability.begin(), ranking->probability.end(),
            [](float p) { return std::isfinite(p); }))
        return R::failure("the review model has no head yet: it needs labelled anomalies and "
                          "normals and a retrain");
    if (truth == BiasTruth::GroundTruth) {
        if (!data.hasTruth())
            return R::failure("the data set has no ground truth");
        known = data.truth;
    }
    const int groupCount = data.hasGroups() ? static_cast<int>(data.groupNames.size()) : 0;
    auto figures = scoringBiasOnKnownRows(
        ranking->prior, ranking->probability, known, data.groups, groupCount, q);
    if (!figures.ok())
        return R::failure(figures.error());
    HeadPriorBias bias;
    bias.truth = truth;
    bias.quantile = q;
    bias.normals = std::count(known.begin(), known.end(), int8_t(0));
    bias.anomalies = std::count(known.begin(), known.end(), int8_t(1));
    bias.figures = figures.take();
    return bias;
}

Result<std::vector<LabelRecord>> ReviewSession::submitLabels(const std::vector<LabelInput>& labels)
{
    using R = Result<std::vector<LabelRecord>>;
    std::lock_guard<std::mutex> journalLock(d->journalMutex);
    std::lock_guard<std::mutex> lock(d->mutex);
    const int64_t n = d->data->rowCount();
    std::vector<LabelRecord> records;
    std::vector<bool> inBatch;
    const int round
        = d->trainingRound > 0 ? d->trainingRound + 1 : static_cast<int>(d->rounds.size()) + 1;
    const int64_t now = nowUtcMs();
    for (const LabelInput& in : labels) {
        if (in.row < 0 || in.row >= n)
            return R::failure("row " + std::to_string(in.row) + " does not exist (the data set has "
                + std::to_string(n) + " rows)");
        const std::string& id = d->data->ids.size() == static_cast<size_t>(n)
            ? d->data->ids[static_cast<size_t>(in.row)]
            : std::to_string(in.row + 1);
        if (d->labelOfRow[static_cast<size_t>(in.row)] >= 0)
            return R::failure("row " + id + " is already labelled; undo that label first");
        for (const LabelRecord& r : records)
            if (r.row == in.row)
                return R::failure("row " + id + " appears twice in the batch");
        LabelRecord r;
        r.row = in.row;
        r.rowId = id;
        r.label = in.label;
        r.note = in.note;
        r.analyst = d->options.analyst;
        r.timeUtcMs = now;
        r.round = round;
        if (d->ranking) {
            r.modelVersion = d->ranking->modelVersion;
            r.score = d->ranking->score[static_cast<size_t>(in.row)];
            r.rank = d->ranking->rankOfRow[static_cast<size_t>(in.row)];
            r.strategy = d->strategyName(d->ranking->rankerOfRow[static_cast<size_t>(in.row)]);
        } else {
            r.strategy = "manual";
        }
        records.push_back(std::move(r));
    }
    // Durable before anything else happens (ARCHITECTURE.md): the journal first, all or nothing.
    if (d->journal) {
        Status s = d->journal->recordLabels(records);
        if (!s.ok())
            return R::failure("the labels were not saved: " + s.error());
    }
    for (const LabelRecord& r : records) {
        d->labelOfRow[static_cast<size_t>(r.row)] = static_cast<int8_t>(r.label);
        d->labels.push_back(r);
    }
    if (!records.empty())
        d->pending = true;
    return records;
}

Result<LabelRecord> ReviewSession::undoLastLabel()
{
    std::lock_guard<std::mutex> journalLock(d->journalMutex);
    std::lock_guard<std::mutex> lock(d->mutex);
    auto last = std::find_if(
        d->labels.rbegin(), d->labels.rend(), [](const LabelRecord& l) { return !l.undone; });
    if (last == d->labels.rend())
        return Result<LabelRecord>::failure("there is no label to undo");
    LabelRecord undone = *last;
    undone.undone = true;
    if (d->journal) {
        Status s = d->journal->recordUndo(undone);
        if (!s.ok())
            return Result<LabelRecord>::failure("the undo was not saved: " + s.error());
    }
    *last = undone;
    d->labelOfRow[static_cast<size_t>(undone.row)] = -1;
    d->pending = true;
    return undone;
}

std::vector<LabelRecord> ReviewSession::labels() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->labels;
}

std::shared_ptr<const RankingSnapshot> ReviewSession::ranking() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->ranking;
}

std::vector<RoundRecord> ReviewSession::history() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->rounds;
}

ModelVersionRecord ReviewSession::currentModel() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    ModelVersionRecord m = d->model;
    m.checkpoint.clear();
    return m;
}

MetricsSnapshot ReviewSession::metrics(int64_t k) const
{
    std::shared_ptr<const RankingSnapshot> ranking;
    std::vector<LabelRecord> labels;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        ranking = d->ranking;
        labels = d->labels;
    }
    MetricsSnapshot m;
    m.k = k;
    if (!ranking)
        return m;
    m.modelVersion = ranking->modelVersion;
    const Dataset& data = *d->data;
    // The ranking as a score (higher = earlier), so that the metrics follow the queue exactly.
    std::vector<float> key(ranking->rankOfRow.size());
    for (size_t r = 0; r < key.size(); ++r)
        key[r] = -static_cast<float>(ranking->rankOfRow[r]);
    if (data.hasTruth()) {
        auto counts = topKCounts(key, data.truth, k);
        if (counts.ok()) {
            m.recallAtK = counts.value().recall();
            m.precisionAtK = counts.value().precision();
        }
        auto auc = rocAuc(key, data.truth);
        if (auc.ok())
            m.rocAuc = auc.value();
    }
    if (!data.hasGroups())
        return m;
    const int groupCount = static_cast<int>(data.groupNames.size());
    m.groups.resize(static_cast<size_t>(groupCount));
    for (int g = 0; g < groupCount; ++g) {
        m.groups[g].group = data.groupNames[g];
        m.groups[g].isProtected = g == data.protectedGroup;
    }
    for (size_t r = 0; r < data.groups.size(); ++r)
        if (data.groups[r] >= 0)
            ++m.groups[data.groups[r]].rows;
    for (const LabelRecord& l : labels) {
        int g = data.groups[static_cast<size_t>(l.row)];
        if (l.undone || g < 0)
            continue;
        ++m.groups[g].labelsSpent;
        m.groups[g].found += l.label == LabelValue::Anomaly;
    }
    if (!data.hasTruth())
        return m;
    auto figures = groupRecallAtK(key, data.truth, data.groups, groupCount, k);
    auto aucs = groupRocAuc(key, data.truth, data.groups, groupCount);
    if (!figures.ok() || !aucs.ok())
        return m;
    BootstrapOptions bootstrap;
    bootstrap.seed = d->options.model.seed;
    auto intervals = bootstrapGroupRecall(figures.value(), bootstrap);
    for (int g = 0; g < groupCount; ++g) {
        const GroupTopKFigures& f = figures.value()[g];
        m.groups[g].anomalies = f.anomalies;
        m.groups[g].recallAtK = f.recall;
        m.groups[g].rocAuc = aucs.value()[g];
        if (intervals.ok()) {
            m.groups[g].recallLow = intervals.value().recall[g].low;
            m.groups[g].recallHigh = intervals.value().recall[g].high;
        }
    }
    m.recDiff = recallDifference(figures.value());
    return m;
}

Result<std::vector<uint8_t>> ReviewSession::saveCheckpoint() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    if (d->model.checkpoint.empty())
        return Result<std::vector<uint8_t>>::failure("there is no trained model to save yet");
    return d->model.checkpoint;
}

Status ReviewSession::restoreCheckpoint(const std::vector<uint8_t>& bytes)
{
    std::unique_lock<std::mutex> train(d->trainMutex, std::try_to_lock);
    if (!train.owns_lock())
        return Status::failure("cannot load a checkpoint while a training runs");
    return models::callGuarded("loading the model", [&] { return d->restoreFrom(bytes); });
}

} // namespace fr
