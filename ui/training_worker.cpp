#include "training_worker.h"

#include "review_defaults.h"

#include "active/reopened_session.h"
#include "metrics/proxy_check.h"
#include "models/failure_message.h"
#include "store/dataset_reference.h"

#include <QFile>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace fr::ui {

namespace {
constexpr qint64 kProgressIntervalMs = 50; // enough for a smooth bar, never floods the GUI queue
constexpr int kTrainingNice = 10; // CFS weight 110 against the GUI thread's 1024

// What a new project refers to: the CSV's path, or the Fashion-MNIST set-up's reference.
std::string dataReference(const OpenRequest& request)
{
    return request.source == OpenRequest::Source::FashionMnist
        ? fashionMnistReference(request.fashion)
        : request.dataPath;
}

void removeProjectFiles(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(QString::fromStdString(path + suffix));
}
} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
{ }

void TrainingWorker::lowerThreadPriority()
{
#ifdef Q_OS_LINUX
    // Linux keeps a nice value per thread, and threads inherit it when they are created: setting
    // it here, before the first torch call, covers the intra-op pool too. QThread::setPriority
    // cannot do this (SCHED_OTHER has one static priority; IdlePriority would starve training).
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kTrainingNice);
#endif
}

ProgressCallback TrainingWorker::throttledProgress(quint64 generation)
{
    mSinceProgress.start();
    return [this, generation](const Progress& p) {
        if (p.done < p.total && mSinceProgress.elapsed() < kProgressIntervalMs)
            return;
        mSinceProgress.restart();
        emit progressed(QString::fromStdString(p.phase), p.done, p.total, generation);
    };
}

void TrainingWorker::openProject(
    const OpenRequest& request, const CancelTokenPtr& cancel, quint64 generation)
{
    Q_UNUSED(cancel);
    auto outcome = std::make_shared<OpenOutcome>();
    try {
        *outcome = openOrFail(request, throttledProgress(generation));
    } catch (...) { // core returns its failures; this is what the loading code around it throws
        *outcome = OpenOutcome();
        outcome->error = QString::fromStdString(models::describeCurrentException());
    }
    emit opened(outcome, generation);
}

OpenOutcome TrainingWorker::openOrFail(const OpenRequest& request, const ProgressCallback& progress)
{
    OpenOutcome out;
    const auto fail = [&out](const std::string& message) {
        out.error = QString::fromStdString(message);
        return out;
    };
    if (request.replaceProject)
        removeProjectFiles(request.projectPath);
    const bool reopen = request.source == OpenRequest::Source::Project
        || QFile::exists(QString::fromStdString(request.projectPath));

    std::shared_ptr<ProjectStore> store;
    Dataset dataset;
    if (reopen) {
        auto opened = ProjectStore::open(request.projectPath);
        if (!opened.ok())
            return fail(opened.error());
        store = std::shared_ptr<ProjectStore>(opened.take().release());
        auto loaded = loadProjectDataset(*store, progress);
        if (!loaded.ok())
            return fail(loaded.error());
        dataset = loaded.take();
    } else {
        auto loaded = loadReferencedDataset(dataReference(request), request.mapping, progress);
        if (!loaded.ok())
            return fail(loaded.error());
        dataset = loaded.take();
        auto reference = describeReferencedData(dataReference(request));
        if (!reference.ok())
            return fail(reference.error());
        auto created = ProjectStore::create(
            request.projectPath, reference.value(), request.mapping, dataset);
        if (!created.ok())
            return fail(created.error());
        store = std::shared_ptr<ProjectStore>(created.take().release());
    }

    auto saved = store->loadSession();
    if (!saved.ok())
        return fail(saved.error());
    // A reopened project keeps the model it was trained with (kind and seed), as the CLI does.
    const SessionOptions options = reopenedSessionOptions(request.session, saved.value());
    auto shared = std::make_shared<const Dataset>(std::move(dataset));
    auto session = ReviewSession::create(shared, options);
    if (!session.ok())
        return fail(session.error());
    out.session = std::shared_ptr<ReviewSession>(session.take().release());
    out.session->setJournal(store);
    if (saved.value().hasModel || !saved.value().labels.empty()) {
        Status resumed = out.session->resume(saved.value());
        if (!resumed.ok())
            return fail(resumed.error());
    }
    if (out.session->ranking())
        out.snapshot = buildSnapshot(*out.session, defaultMetricsK(*shared));
    auto proxies = findDatasetGroupProxies(*shared);
    if (proxies.ok()) // a check that cannot run is no reason to refuse the project
        out.proxies = proxies.take();
    auto reviews = store->secondReviews();
    if (!reviews.ok())
        return fail(reviews.error());
    out.secondReviews = reviews.take();
    out.store = store;
    out.dataset = shared;
    out.labels = out.session->labels();
    out.ok = true;
    return out;
}

void TrainingWorker::train(const std::shared_ptr<ReviewSession>& session, TrainKind kind,
    const CancelTokenPtr& cancel, int64_t metricsK, quint64 generation)
{
    auto outcome = std::make_shared<TrainOutcome>();
    outcome->pretrain = kind == TrainKind::Pretrain;
    const ProgressCallback progress = throttledProgress(generation);
    // An exception must not leave a queued call (Qt would end the program) nor skip the signal
    // (the window would wait for the training forever): the session returns its failures, and
    // what building the snapshot may throw (std::bad_alloc) becomes the outcome's error.
    try {
        const Status status = kind == TrainKind::Pretrain ? session->pretrain(*cancel, progress)
                                                          : session->retrain(*cancel, progress);
        outcome->cancelled = status.isCancelled();
        outcome->ok = status.ok(); // a training that ended before Cancel took effect counts
        if (outcome->ok)
            outcome->snapshot = buildSnapshot(*session, metricsK);
        else if (!outcome->cancelled)
            outcome->error = QString::fromStdString(status.error());
    } catch (...) { // not silent: the description is the error the window shows
        outcome->ok = false;
        outcome->snapshot.reset();
        outcome->error = QString::fromStdString(models::describeCurrentException());
    }
    emit trained(outcome, generation);
}

void TrainingWorker::rollBack(const std::shared_ptr<ReviewSession>& session,
    const std::shared_ptr<ProjectStore>& store, int64_t version, int64_t metricsK,
    quint64 generation)
{
    auto outcome = std::make_shared<TrainOutcome>();
    outcome->rolledBackTo = version;
    try { // as in train(): the signal must always come, an exception becomes its error
        auto stored = store->loadModelVersion(version);
        const Status status = stored.ok() ? session->rollBackTo(stored.value()) : stored.status();
        outcome->ok = status.ok();
        if (outcome->ok)
            outcome->snapshot = buildSnapshot(*session, metricsK);
        else
            outcome->error = QString::fromStdString(status.error());
    } catch (...) {
        outcome->ok = false;
        outcome->snapshot.reset();
        outcome->error = QString::fromStdString(models::describeCurrentException());
    }
    emit rolledBack(outcome, generation);
}

ReviewSnapshotPtr TrainingWorker::buildSnapshot(const ReviewSession& session, int64_t metricsK)
{
    auto snapshot = std::make_shared<ReviewSnapshot>();
    snapshot->ranking = session.ranking();
    snapshot->metrics = session.metrics(metricsK);
    snapshot->history = session.history();
    snapshot->batch = session.nextBatch(session.defaultBatchSize());
    snapshot->model = session.currentModel();
    snapshot->device = session.deviceName();
    snapshot->estimates = session.groupEstimates();
    auto fromLabels = session.headPriorBias(BiasTruth::AnalystLabels);
    if (fromLabels.ok())
        snapshot->labelBias = fromLabels.take();
    else
        snapshot->labelBiasMissing = fromLabels.error();
    if (session.dataset().hasTruth()) {
        auto fromTruth = session.headPriorBias(BiasTruth::GroundTruth);
        if (fromTruth.ok())
            snapshot->truthBias = fromTruth.take();
    }
    return snapshot;
}

} // namespace fr::ui

#include "moc_training_worker.cpp"
