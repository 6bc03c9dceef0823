#include "review_controller.h"

#include "review_defaults.h"

#include <algorithm>

namespace fr::ui {

namespace {
// Core's failures are lower-case clauses ("retraining stopped at step 3 of 100: out of GPU memory
// — retry on the CPU?"); the status bar shows them as sentences.
QString asSentence(QString text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return QObject::tr("The training failed.");
    text[0] = text[0].toUpper();
    if (!text.endsWith('.') && !text.endsWith('?') && !text.endsWith('!'))
        text += '.';
    return text;
}
} // namespace

ReviewController::ReviewController(QObject* parent)
    : QObject(parent)
{
    registerUiMetaTypes();
    startWorkers();
}

ReviewController::~ReviewController()
{
    shutdown();
}

void ReviewController::startWorkers()
{
    mTrainingWorker = new TrainingWorker;
    mTrainingWorker->moveToThread(&mTrainingThread);
    connect(&mTrainingThread, &QThread::finished, mTrainingWorker, &QObject::deleteLater);
    connect(mTrainingWorker, &TrainingWorker::opened, this, &ReviewController::onOpened);
    connect(mTrainingWorker, &TrainingWorker::trained, this, &ReviewController::onTrained);
    connect(mTrainingWorker, &TrainingWorker::rolledBack, this, &ReviewController::onRolledBack);
    connect(mTrainingWorker, &TrainingWorker::progressed, this, &ReviewController::onProgress);
    mTrainingThread.setObjectName(QStringLiteral("training"));
    mTrainingThread.start();
    TrainingWorker* worker = mTrainingWorker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->lowerThreadPriority(); }, Qt::QueuedConnection);

    mExplainWorker = new ExplainWorker;
    mExplainWorker->moveToThread(&mTrainingThread);
    connect(&mTrainingThread, &QThread::finished, mExplainWorker, &QObject::deleteLater);
    connect(mExplainWorker, &ExplainWorker::explained, this,
        [this](const RowExplanationPtr& e, quint64 generation) {
            onExplained(e->row, generation);
            if (generation == mGeneration)
                emit rowExplained(e);
        });
    connect(mExplainWorker, &ExplainWorker::failed, this,
        [this](qint64 row, const QString& error, quint64 generation) {
            onExplained(row, generation);
            if (generation == mGeneration)
                emit rowExplainFailed(row, error);
        });

    mLabelWorker = new LabelWorker;
    mLabelWorker->moveToThread(&mLabelThread);
    connect(&mLabelThread, &QThread::finished, mLabelWorker, &QObject::deleteLater);
    connect(mLabelWorker, &LabelWorker::labelsStored, this, &ReviewController::onLabelsStored);
    connect(mLabelWorker, &LabelWorker::labelsRejected, this, &ReviewController::onLabelsRejected);
    connect(mLabelWorker, &LabelWorker::labelUndone, this, &ReviewController::onLabelUndone);
    connect(mLabelWorker, &LabelWorker::undoFailed, this, &ReviewController::onUndoFailed);
    connect(
        mLabelWorker, &LabelWorker::metricsComputed, this, &ReviewController::onMetricsComputed);
    connect(mLabelWorker, &LabelWorker::exported, this, &ReviewController::labelsExported);
    connectSecondReviews();
    mLabelThread.setObjectName(QStringLiteral("labels"));
    mLabelThread.start();
}

void ReviewController::open(const OpenRequest& request)
{
    closeProject();
    mOpening = true;
    mCancel = std::make_shared<CancelToken>();
    const quint64 generation = mGeneration;
    const QString what = request.source == OpenRequest::Source::Project
        ? QString::fromStdString(request.projectPath)
        : QString::fromStdString(request.source == OpenRequest::Source::FashionMnist
                ? fashionMnistReference(request.fashion)
                : request.dataPath);
    emit openStarted(what);
    TrainingWorker* worker = mTrainingWorker;
    const CancelTokenPtr cancel = mCancel;
    QMetaObject::invokeMethod(
        worker, [=] { worker->openProject(request, cancel, generation); }, Qt::QueuedConnection);
}

void ReviewController::closeProject()
{
    if (mCancel)
        mCancel->cancel();
    ++mGeneration; // whatever the workers still send about this project is dropped
    if (ExplainWorker* explainer = mExplainWorker)
        QMetaObject::invokeMethod(
            explainer, [explainer] { explainer->reset(); }, Qt::QueuedConnection);
    drainWorkers();
    const bool wasOpen = isOpen() || mOpening;
    mSession.reset();
    mStore.reset();
    mDataset.reset();
    mSnapshot.reset();
    mProxies.clear();
    mStatuses.clear();
    mLabels.clear();
    mSecondReviews.clear();
    mOpening = mTraining = mRetrainRequested = mStoppedWithChanges = mExplaining = false;
    mExplainNext = -1;
    mChangesSinceTraining = mChangesDuringTraining = mPendingWrites = 0;
    if (wasOpen)
        emit staleChanged(false);
}

// Waits until both workers have finished every request made so far: after cancel(), a training
// stops at its next step, and every label already asked for is written.
void ReviewController::drainWorkers()
{
    for (QThread* thread : {&mTrainingThread, &mLabelThread}) {
        QObject* worker = thread == &mTrainingThread ? static_cast<QObject*>(mTrainingWorker)
                                                     : static_cast<QObject*>(mLabelWorker);
        if (thread->isRunning() && worker)
            QMetaObject::invokeMethod(
                worker, [] {}, Qt::BlockingQueuedConnection);
    }
}

void ReviewController::shutdown()
{
    if (!mTrainingThread.isRunning() && !mLabelThread.isRunning())
        return;
    closeProject();
    stopWorkers();
}

void ReviewController::stopWorkers()
{
    mTrainingThread.quit();
    mLabelThread.quit();
    mTrainingThread.wait();
    mLabelThread.wait();
    mTrainingWorker = nullptr;
    mLabelWorker = nullptr;
    mExplainWorker = nullptr;
}

void ReviewController::explainRow(int64_t row)
{
    if (!mSession || row < 0)
        return;
    if (mExplaining) {
        mExplainNext = row;
        return;
    }
    sendExplainRequest(row);
}

void ReviewController::sendExplainRequest(int64_t row)
{
    mExplaining = true;
    ExplainWorker* worker = mExplainWorker;
    const std::shared_ptr<ReviewSession> session = mSession;
    const std::shared_ptr<const Dataset> dataset = mDataset;
    const std::string column
        = mStore && mStore->columnMapping().groupAsFeature ? groupColumn() : std::string();
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->explain(session, dataset, column, row, generation); },
        Qt::QueuedConnection);
}

void ReviewController::onExplained(qint64 row, quint64 generation)
{
    if (generation != mGeneration)
        return;
    mExplaining = false;
    const int64_t next = mExplainNext;
    mExplainNext = -1;
    if (next >= 0) // asked for after this one went: a newer row or model version
        sendExplainRequest(next);
}

void ReviewController::onOpened(const OpenOutcomePtr& outcome, quint64 generation)
{
    if (generation != mGeneration)
        return;
    mOpening = false;
    if (!outcome->ok) {
        emit openFailed(outcome->error);
        return;
    }
    mSession = outcome->session;
    mStore = outcome->store;
    mDataset = outcome->dataset;
    mLabels = outcome->labels;
    mSecondReviews = outcome->secondReviews;
    mSnapshot = outcome->snapshot;
    mProxies = outcome->proxies;
    mMetricsK = defaultMetricsK(*mDataset);
    mStatuses.assign(static_cast<size_t>(mDataset->rowCount()), RowStatus::Unlabelled);
    for (const LabelRecord& label : mLabels) {
        if (!label.undone)
            mStatuses[static_cast<size_t>(label.row)]
                = label.label == LabelValue::Anomaly ? RowStatus::Anomaly : RowStatus::Normal;
    }
    emit opened();
    if (mSnapshot)
        emit snapshotChanged(mSnapshot);
    if (!mSnapshot)
        startTraining(TrainingWorker::TrainKind::Pretrain);
    else if (mSession->hasPendingLabels() && activeLabelCount() > 0)
        startTraining(TrainingWorker::TrainKind::Retrain); // labels the last model has not seen
}

void ReviewController::markTrainingStarted(const QString& what)
{
    mTraining = true;
    mRetrainRequested = false;
    mChangesDuringTraining = 0;
    emit trainingStarted(what);
    emit staleChanged(true);
}

void ReviewController::startTraining(TrainingWorker::TrainKind kind)
{
    mStoppedWithChanges = false;
    mCancel = std::make_shared<CancelToken>();
    const bool pretrain = kind == TrainingWorker::TrainKind::Pretrain;
    markTrainingStarted(pretrain ? tr("pre-training") : tr("retraining"));
    TrainingWorker* worker = mTrainingWorker;
    const auto session = mSession;
    const CancelTokenPtr cancel = mCancel;
    const int64_t k = mMetricsK;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->train(session, kind, cancel, k, generation); }, Qt::QueuedConnection);
}

void ReviewController::onProgress(
    const QString& phase, qint64 done, qint64 total, quint64 generation)
{
    if (generation == mGeneration)
        emit trainingProgress(phase, done, total);
}

void ReviewController::onTrained(const TrainOutcomePtr& outcome, quint64 generation)
{
    if (generation != mGeneration)
        return;
    mTraining = false;
    QString message;
    if (outcome->ok) {
        mChangesSinceTraining = mChangesDuringTraining;
        mSnapshot = outcome->snapshot;
        emit snapshotChanged(mSnapshot);
        message = tr("Model %1 ready.").arg(modelDescription());
    } else if (outcome->cancelled) {
        mStoppedWithChanges = mChangesSinceTraining > 0;
        message = outcome->pretrain
            ? tr("Pre-training cancelled: Model ▸ Retrain now starts it again.")
            : tr("Retraining cancelled: the previous ranking stays; press Enter to retrain.");
    } else {
        mStoppedWithChanges = mChangesSinceTraining > 0;
        message = outcome->pretrain
            ? tr("%1 Model ▸ Retrain now tries again.").arg(asSentence(outcome->error))
            : tr("%1 The previous model stays and every label is saved; press Enter to retry.")
                  .arg(asSentence(outcome->error));
        emit trainingFailed(message);
    }
    // The follow-up starts before anyone hears of the end, so that listeners see one state. After
    // a cancel or a failure none starts by itself: the analyst decides (a failure that repeats,
    // out of GPU memory, wants another device first).
    if (!outcome->ok)
        mRetrainRequested = false;
    const bool more = outcome->ok && (mRetrainRequested || mChangesDuringTraining > 0);
    if (more && mSession)
        requestRetrain(); // one coalesced retrain for everything that came in meanwhile
    else
        emit staleChanged(isStale());
    emit trainingFinished(outcome->ok, message);
}

Result<std::vector<ModelVersionRecord>> ReviewController::modelVersions() const
{
    if (!mStore)
        return Result<std::vector<ModelVersionRecord>>::failure("no project is open");
    return mStore->modelVersions();
}

int64_t ReviewController::currentModelVersion() const
{
    return mSnapshot ? mSnapshot->model.version : 0;
}

void ReviewController::rollBack(int64_t version)
{
    if (!isOpen() || !mSnapshot)
        return;
    if (mTraining) {
        emit message(tr("Wait for the training to end (or cancel it) before changing the model "
                        "version."));
        return;
    }
    markTrainingStarted(tr("rolling back to model version %1").arg(version));
    TrainingWorker* worker = mTrainingWorker;
    const auto session = mSession;
    const auto store = mStore;
    const int64_t k = mMetricsK;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->rollBack(session, store, version, k, generation); },
        Qt::QueuedConnection);
}

void ReviewController::onRolledBack(const TrainOutcomePtr& outcome, quint64 generation)
{
    if (generation != mGeneration)
        return;
    mTraining = false;
    QString message;
    if (outcome->ok) {
        mSnapshot = outcome->snapshot;
        emit snapshotChanged(mSnapshot);
        message = tr("Model version %1 is current again: the queue, the charts and new labels use "
                     "it, and the next retrain starts from it.")
                      .arg(outcome->rolledBackTo);
    } else {
        message = tr("%1 The current model stays.").arg(asSentence(outcome->error));
        emit trainingFailed(message);
    }
    if (mRetrainRequested || mChangesDuringTraining > 0)
        requestRetrain(); // labels that came in meanwhile
    else
        emit staleChanged(isStale());
    emit trainingFinished(outcome->ok, message);
}

bool ReviewController::isStale() const
{
    return mTraining || mStoppedWithChanges;
}

void ReviewController::requestRetrain()
{
    if (mTraining || mPendingWrites > 0) {
        mRetrainRequested = true; // started when the training ends or the writes are in
        return;
    }
    startTraining(
        mSnapshot ? TrainingWorker::TrainKind::Retrain : TrainingWorker::TrainKind::Pretrain);
}

void ReviewController::submitBatch()
{
    if (!isOpen()) {
        emit message(tr("Open a data set first (File ▸ Open…)."));
        return;
    }
    if (mSnapshot && mChangesSinceTraining == 0 && mPendingWrites == 0) {
        emit message(tr("Nothing new to learn from: label rows with A (anomaly) or N (normal) "
                        "first."));
        return;
    }
    if (mTraining)
        emit message(tr("Retraining queued: it starts when the current training ends."));
    requestRetrain();
}

void ReviewController::cancelTraining()
{
    if (mTraining && mCancel) {
        mCancel->cancel();
        mRetrainRequested = false;
        emit message(tr("Cancelling the training…"));
    }
}

void ReviewController::label(
    int64_t row, LabelValue value, const QString& note, bool groupVisible, int64_t reviewMs)
{
    if (!isOpen() || row < 0 || row >= static_cast<int64_t>(mStatuses.size())
        || isLabelled(status(row)))
        return;
    // Shown at once; reverted if the project file refuses it.
    setStatus(row, value == LabelValue::Anomaly ? RowStatus::Anomaly : RowStatus::Normal);
    ++mPendingWrites;
    LabelInput input;
    input.row = row;
    input.label = value;
    input.note = note.toStdString();
    input.groupVisible = groupVisible;
    input.reviewMs = reviewMs;
    input.analyst = mAnalyst.toStdString(); // empty: the name the project was opened with
    LabelWorker* worker = mLabelWorker;
    const auto session = mSession;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->submit(session, {input}, generation); }, Qt::QueuedConnection);
}

void ReviewController::skip(int64_t row)
{
    if (isOpen() && row >= 0 && row < static_cast<int64_t>(mStatuses.size())
        && status(row) == RowStatus::Unlabelled)
        setStatus(row, RowStatus::Skipped);
}

void ReviewController::undo()
{
    if (!isOpen())
        return;
    if (activeLabelCount() == 0 && mPendingWrites == 0) {
        emit message(tr("There is no label to undo."));
        return;
    }
    ++mPendingWrites;
    LabelWorker* worker = mLabelWorker;
    const auto session = mSession;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->undo(session, generation); }, Qt::QueuedConnection);
}

void ReviewController::onLabelsStored(const LabelRecords& records, quint64 generation)
{
    if (generation != mGeneration)
        return;
    mLabels.insert(mLabels.end(), records.begin(), records.end());
    mChangesSinceTraining += static_cast<int>(records.size());
    if (mTraining)
        mChangesDuringTraining += static_cast<int>(records.size());
    emit labelsChanged();
    writeSettled();
}

void ReviewController::onLabelsRejected(
    const QString& error, const QList<qint64>& rows, quint64 generation)
{
    if (generation != mGeneration)
        return;
    for (qint64 row : rows)
        setStatus(row, RowStatus::Unlabelled);
    emit message(tr("Label not saved: %1").arg(error));
    writeSettled();
}

void ReviewController::onLabelUndone(const LabelRecord& record, quint64 generation)
{
    if (generation != mGeneration)
        return;
    for (LabelRecord& label : mLabels) {
        if (label.id == record.id && label.row == record.row)
            label.undone = true;
    }
    ++mChangesSinceTraining;
    if (mTraining)
        ++mChangesDuringTraining;
    setStatus(record.row, RowStatus::Unlabelled);
    emit labelsChanged();
    emit labelUndone(record.row);
    emit message(tr("Undid the label of row %1.").arg(QString::fromStdString(record.rowId)));
    writeSettled();
}

void ReviewController::onUndoFailed(const QString& error, quint64 generation)
{
    if (generation != mGeneration)
        return;
    emit message(tr("Nothing undone: %1").arg(error));
    writeSettled();
}

void ReviewController::writeSettled()
{
    mPendingWrites = std::max(0, mPendingWrites - 1);
    if (mPendingWrites == 0 && mRetrainRequested && !mTraining)
        requestRetrain();
}

void ReviewController::setMetricsK(int64_t k)
{
    if (!isOpen() || k < 1 || k == mMetricsK)
        return;
    mMetricsK = std::min<int64_t>(k, mDataset->rowCount());
    LabelWorker* worker = mLabelWorker;
    const auto session = mSession;
    const int64_t metricsK = mMetricsK;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->computeMetrics(session, metricsK, generation); },
        Qt::QueuedConnection);
}

void ReviewController::onMetricsComputed(const MetricsSnapshotPtr& metrics, quint64 generation)
{
    if (generation != mGeneration || !mSnapshot || metrics->k != mMetricsK)
        return;
    auto updated = std::make_shared<ReviewSnapshot>(*mSnapshot);
    updated->metrics = *metrics;
    mSnapshot = updated;
    emit metricsChanged(metrics);
}

void ReviewController::exportLabels(const QString& path, ExportFormat format)
{
    if (!mStore)
        return;
    LabelWorker* worker = mLabelWorker;
    const auto store = mStore;
    // Image sets have no data file whose columns could be copied into the export.
    const bool withOriginal = !parseFashionMnistReference(store->datasetReference().path);
    QMetaObject::invokeMethod(
        worker, [=] { worker->exportLabels(store, path, format, withOriginal); },
        Qt::QueuedConnection);
}

void ReviewController::setStatus(int64_t row, RowStatus status)
{
    if (row < 0 || row >= static_cast<int64_t>(mStatuses.size()))
        return;
    mStatuses[static_cast<size_t>(row)] = status;
    emit rowStatusChanged(row, static_cast<int>(status));
}

RowStatus ReviewController::status(int64_t row) const
{
    if (row < 0 || row >= static_cast<int64_t>(mStatuses.size()))
        return RowStatus::Unlabelled;
    return mStatuses[static_cast<size_t>(row)];
}

std::vector<LabelRecord> ReviewController::labelHistory(int64_t row) const
{
    std::vector<LabelRecord> history;
    std::copy_if(mLabels.begin(), mLabels.end(), std::back_inserter(history),
        [row](const LabelRecord& label) { return label.row == row; });
    return history;
}

int ReviewController::activeLabelCount() const
{
    return static_cast<int>(std::count_if(
        mLabels.begin(), mLabels.end(), [](const LabelRecord& label) { return !label.undone; }));
}

std::string ReviewController::groupColumn() const
{
    return mStore ? mStore->columnMapping().groupColumn : std::string();
}

QString ReviewController::projectPath() const
{
    return mStore ? QString::fromStdString(mStore->path()) : QString();
}

const SessionOptions* ReviewController::sessionOptions() const
{
    return mSession ? &mSession->options() : nullptr;
}

QString ReviewController::modelKindTitle(const std::string& kind)
{
    if (kind == "active")
        return QStringLiteral("DAE+iForest+UAI");
    if (kind == "uainet")
        return QStringLiteral("UaiNet");
    if (kind == "fadig-uai")
        return QStringLiteral("FADIG+UAI");
    if (kind == "fair-uai")
        return QStringLiteral("Fair AE+iForest+UAI");
    if (kind == "aa-bigan-uai")
        return QStringLiteral("AA-BiGAN+iForest+UAI");
    return QString::fromStdString(kind).toUpper();
}

QString ReviewController::modelDescription() const
{
    if (!mSession)
        return QString();
    const std::string kind
        = mSnapshot ? mSnapshot->model.kind : modelKindName(mSession->options().model.kind);
    QString text
        = modelKindTitle(kind.empty() ? modelKindName(mSession->options().model.kind) : kind);
    if (mSnapshot)
        text += QStringLiteral(" v%1").arg(mSnapshot->model.version);
    const std::string device = mSnapshot ? mSnapshot->device : mSession->deviceName();
    text += device == "cuda" ? tr(" · GPU") : tr(" · CPU");
    return text;
}

std::vector<int64_t> ReviewController::batchRows() const
{
    std::vector<int64_t> rows;
    if (mSnapshot) {
        for (const BatchItem& item : mSnapshot->batch)
            rows.push_back(item.row);
    }
    return rows;
}

int ReviewController::batchLabelled() const
{
    int labelled = 0;
    for (int64_t row : batchRows())
        labelled += isLabelled(status(row)) ? 1 : 0;
    return labelled;
}

} // namespace fr::ui

#include "moc_review_controller.cpp"
