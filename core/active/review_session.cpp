// The review session (review_session.h): the label ledger, model versions and snapshots around a
// Detector.
//
// Locking: Impl::mutex (the state mutex) guards every member the views read (the ledger, the
// ranking snapshot, rounds, model record) and is only held for copies, small updates and, in
// submitLabels/undoLastLabel, one journal commit. Impl::trainMutex lets one training run at a
// time; the detector is touched only by the thread holding it. Impl::journalMutex serialises the
// journal calls so that the project file sees them in the order they happened. When both are
// needed the journal mutex is taken first, then the state mutex, never the other way round.
#include "active/review_session.h"

#include "active/ranking_builder.h"
#include "active/score_reproduction.h"
#include "metrics/bootstrap_intervals.h"
#include "metrics/group_metrics.h"
#include "metrics/ranking.h"
#include "models/detector.h"
#include "models/failure_message.h"
#include "models/tensor_vectors.h"
#include "util/json_writer.h"

#include "util/utc_clock.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

namespace fr {

struct ReviewSession::Impl {
    std::shared_ptr<const Dataset> data;
    SessionOptions options;
    std::unique_ptr<models::Detector> detector; // only under trainMutex
    std::string deviceName;

    std::mutex trainMutex;
    std::mutex journalMutex;
    mutable std::mutex mutex;
    std::shared_ptr<SessionJournal> journal;
    std::optional<LabelLedger> ledger; // set by create()
    std::shared_ptr<const RankingSnapshot> ranking;
    std::vector<RoundRecord> rounds;
    ModelVersionRecord model; // the current version, checkpoint included
    int64_t latestVersion = 0; // the highest version made: after a rollback, above model.version
    bool pending = false;
    int trainingRound = 0; // the round a running retrain closes; 0 when none runs

    // What a training works from, taken in one go so that labels arriving later wait for the next.
    struct TrainingStart {
        ActiveLabels labels;
        int64_t version = 0;
        int round = 0; // the round it closes; for a pre-training, the rounds already done
    };

    TrainingStart beginTraining(bool closesRound)
    {
        std::lock_guard<std::mutex> lock(mutex);
        TrainingStart start;
        start.labels = ledger->active();
        pending = false;
        start.version = std::max(model.version, latestVersion) + 1;
        start.round = static_cast<int>(rounds.size()) + (closesRound ? 1 : 0);
        if (closesRound)
            trainingRound = start.round;
        return start;
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
    RoundRecord roundRecord(int round, int64_t version, const ActiveLabels& used) const
    {
        RoundRecord r;
        r.round = round;
        r.modelVersion = version;
        r.labelsSpent = static_cast<int64_t>(used.rows.size());
        r.found = std::count(used.values.begin(), used.values.end(), 1);
        const std::vector<GroupLabelTally> tallies = tallyByGroup(*data, used);
        std::vector<int64_t> anomalies(tallies.size(), 0);
        if (data->hasTruth() && !tallies.empty())
            for (size_t row = 0; row < data->truth.size(); ++row)
                if (data->truth[row] == 1 && data->groups[row] >= 0)
                    ++anomalies[static_cast<size_t>(data->groups[row])];
        for (size_t g = 0; g < tallies.size(); ++g) {
            GroupRoundFigures figures;
            figures.group = groupName(static_cast<int>(g));
            figures.labelsSpent = tallies[g].labelsSpent;
            figures.found = tallies[g].found;
            // With ground truth: the share of the group's anomalies the analyst has found so far
            // (the active-learning recall per group, ALGORITHMS.md §5 "per group too").
            if (anomalies[g] > 0)
                figures.recallAtK = static_cast<double>(figures.found) / anomalies[g];
            r.groups.push_back(std::move(figures));
        }
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
        m.createdUtcMs = currentUtcMs();
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
        bool bothClasses = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            previous = keepOrientation ? ranking : nullptr;
            inputs.labelOfRow = ledger->labelOfRow();
            inputs.outcomes = ledger->rankerOutcomes();
            bothClasses = ledger->bothClassesLabelled();
        }
        inputs.reason
            = chooseRankReason(roundsDone, coldStart(), bothClasses, detector->headTrained());
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
    Result<Publication> prepare(int64_t version, int roundsDone, const ActiveLabels& used)
    {
        auto output = detector->scoreAll(options.projectLatent);
        if (!output.ok())
            return output.status();
        Publication p;
        p.snapshot = rank(output.value(), version, roundsDone, true);
        auto checkpoint = detector->saveCheckpoint();
        if (!checkpoint.ok())
            return checkpoint.status();
        p.record = modelRecord(version, static_cast<int64_t>(used.rows.size()),
            std::count(used.values.begin(), used.values.end(), 1), checkpoint.take());
        return p;
    }

    // Swaps the prepared version in and journals it (and the round, when there is one). The
    // journal mutex is held from before the swap until the version is written, taken before the
    // state mutex as submitLabels takes them: otherwise a label made on the new ranking could
    // reach the journal between the two, naming a model version the project does not have yet.
    Status publish(const Publication& p, const RoundRecord* round)
    {
        std::lock_guard<std::mutex> journalLock(journalMutex);
        std::shared_ptr<SessionJournal> j;
        {
            std::lock_guard<std::mutex> lock(mutex);
            ranking = p.snapshot;
            model = p.record;
            latestVersion = std::max(latestVersion, p.record.version);
            if (round)
                rounds.push_back(*round);
            j = journal;
        }
        if (!j)
            return Status::success();
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
        const ActiveLabels& known = start.labels;
        // AA-BiGAN's collected anomalies too (ALGORITHMS.md §7).
        const std::vector<int64_t> anomalies = models::anomalyRows(known.rows, known.values);
        std::vector<float> weights(
            anomalies.empty() ? 0 : static_cast<size_t>(data->rowCount()), 1.0f);
        for (int64_t row : anomalies)
            weights[static_cast<size_t>(row)] = 0.0f;
        Status trained = detector->pretrain(cancel, progress, weights, anomalies);
        if (!trained.ok())
            return trained;
        if (progress)
            progress(Progress {"scoring", 0, 1});
        auto prepared = prepare(start.version, start.round, start.labels);
        if (!prepared.ok())
            return prepared.status();
        return publish(prepared.value(), nullptr);
    }

    Status closeRound(
        const TrainingStart& start, const CancelToken& cancel, const ProgressCallback& progress)
    {
        Status trained = detector->update(start.labels.rows, start.labels.values, cancel, progress);
        if (!trained.ok())
            return trained; // the detector kept the previous model
        RoundRecord record;
        auto prepared = models::callGuarded("scoring the new model", [&] {
            record = roundRecord(start.round, start.version, start.labels);
            return prepare(start.version, start.round, start.labels);
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
        const int64_t active = std::count_if(saved.labels.begin(), saved.labels.end(),
            [](const LabelRecord& l) { return !l.undone; });
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (Status restored = ledger->restore(saved.labels); !restored.ok())
                return restored;
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
        if (Status same = checkScoresReproduced(output.value().score, saved.score); !same.ok())
            return same;
        auto snapshot = rank(
            output.value(), saved.model.version, static_cast<int>(saved.rounds.size()), false);
        std::lock_guard<std::mutex> lock(mutex);
        ranking = snapshot;
        model = saved.model;
        latestVersion = std::max(saved.latestVersion, saved.model.version);
        return Status::success();
    }

    // rollBackTo() under the train mutex; may throw. The rollback is journalled before the views
    // see it, under the journal mutex as in publish(); any failure puts the current model back.
    Status rollBackFrom(const StoredModelVersion& stored)
    {
        const std::string which = "model version " + std::to_string(stored.model.version);
        if (stored.model.checkpoint.empty())
            return Status::failure(which + " has no checkpoint to restore");
        Status restored = detector->restoreCheckpoint(stored.model.checkpoint);
        auto output = restored.ok() ? detector->scoreAll(options.projectLatent)
                                    : Result<models::DetectorOutput>::failure(restored.error());
        Status same = output.ok() ? checkScoresReproduced(output.value().score, stored.score)
                                  : output.status();
        if (!same.ok())
            return withPublishedModel(same.withContext("cannot make " + which + " current: "));
        auto snapshot = rank(output.value(), stored.model.version, roundsDone(), false);
        std::lock_guard<std::mutex> journalLock(journalMutex);
        std::shared_ptr<SessionJournal> j;
        int64_t from = 0;
        {
            std::lock_guard<std::mutex> lock(mutex);
            j = journal;
            from = model.version;
        }
        if (Status s = j ? j->recordRollback(from, stored.model.version) : Status::success();
            !s.ok())
            return withPublishedModel(s.withContext("the rollback was not saved: "));
        std::lock_guard<std::mutex> lock(mutex);
        ranking = snapshot;
        model = stored.model;
        pending = true; // the labels since that version wait for the next retrain
        return Status::success();
    }

    int roundsDone() const
    {
        std::lock_guard<std::mutex> lock(mutex);
        return static_cast<int>(rounds.size());
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
            + " has no UAI head to learn from labels; a review session needs active, uainet, "
              "fadig-uai, fair-uai or aa-bigan-uai");
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
            session->d->ledger.emplace(session->d->data,
                LabelRules {options.model.kind, options.strategy, options.analyst});
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

Status ReviewSession::rollBackTo(const StoredModelVersion& version)
{
    std::unique_lock<std::mutex> train(d->trainMutex, std::try_to_lock);
    if (!train.owns_lock())
        return Status::failure("cannot change the model version while a training runs");
    return models::callGuarded("rolling back", [&] { return d->rollBackFrom(version); });
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
    const std::vector<int8_t>& labelOfRow = d->ledger->labelOfRow();
    const std::vector<int64_t> rows = d->options.strategy == QueryStrategy::Fair
        ? fairBatch(r.order, d->data->groups, groupCount, labelOfRow, r.probability, k)
        : r.order;
    for (int64_t row : rows) {
        if (labelOfRow[static_cast<size_t>(row)] >= 0)
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
        d->ledger->labelOfRow(), d->ranking ? d->ranking->probability : std::vector<float> {});
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
            known = d->ledger->labelOfRow();
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
    auto prepared = d->ledger->prepare(
        labels, d->ranking.get(), labelRound(static_cast<int>(d->rounds.size()), d->trainingRound));
    if (!prepared.ok())
        return prepared;
    std::vector<LabelRecord> records = prepared.take();
    // Durable before anything else happens (ARCHITECTURE.md): the journal first, all or nothing.
    if (d->journal) {
        Status s = d->journal->recordLabels(records);
        if (!s.ok())
            return R::failure("the labels were not saved: " + s.error());
    }
    d->ledger->commit(records);
    if (!records.empty())
        d->pending = true;
    return records;
}

Result<LabelRecord> ReviewSession::undoLastLabel()
{
    std::lock_guard<std::mutex> journalLock(d->journalMutex);
    std::lock_guard<std::mutex> lock(d->mutex);
    auto undone = d->ledger->prepareUndo();
    if (!undone.ok())
        return undone;
    if (d->journal) {
        Status s = d->journal->recordUndo(undone.value());
        if (!s.ok())
            return Result<LabelRecord>::failure("the undo was not saved: " + s.error());
    }
    d->ledger->commitUndo(undone.value());
    d->pending = true;
    return undone;
}

std::vector<LabelRecord> ReviewSession::labels() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->ledger->all();
}

std::vector<GroupLabelTally> ReviewSession::groupTallies() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->ledger->groupTallies();
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
    std::vector<GroupLabelTally> tallies;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        ranking = d->ranking;
        tallies = d->ledger->groupTallies();
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
    for (size_t g = 0; g < tallies.size(); ++g) {
        m.groups[g].labelsSpent = tallies[g].labelsSpent;
        m.groups[g].found = tallies[g].found;
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
