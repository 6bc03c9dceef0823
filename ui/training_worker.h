// The training worker: a QObject that lives on its own QThread (the worker-object pattern of the
// QThread docs) and does everything slow: reading the data, opening the project, pre-training and
// retraining, scoring, and computing the snapshots the views show. Requests come in as queued
// calls; results leave as queued signals carrying immutable snapshots. Cancellation is cooperative
// through the CancelToken the controller holds.
#pragma once

#include "open_request.h"
#include "worker_results.h"

#include "util/progress.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace fr::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    enum class TrainKind { Pretrain, Retrain };

    explicit TrainingWorker(QObject* parent = nullptr);

    // Run on the worker's thread (queued calls from the controller).
    // Makes the calling thread, and the LibTorch/OpenMP threads it will start, yield the CPU to
    // the GUI thread: on a small machine they otherwise share the cores as equals.
    void lowerThreadPriority();
    void openProject(const OpenRequest& request, const CancelTokenPtr& cancel, quint64 generation);
    void train(const std::shared_ptr<ReviewSession>& session, TrainKind kind,
        const CancelTokenPtr& cancel, int64_t metricsK, quint64 generation);
    // Makes a stored model version current again (ReviewSession::rollBackTo); answers rolledBack.
    void rollBack(const std::shared_ptr<ReviewSession>& session,
        const std::shared_ptr<ProjectStore>& store, int64_t version, int64_t metricsK,
        quint64 generation);

    // The state the views show, read from the session; also used after a resume.
    static ReviewSnapshotPtr buildSnapshot(const ReviewSession& session, int64_t metricsK);

signals:
    void progressed(const QString& phase, qint64 done, qint64 total, quint64 generation);
    void opened(const fr::ui::OpenOutcomePtr& outcome, quint64 generation);
    void trained(const fr::ui::TrainOutcomePtr& outcome, quint64 generation);
    void rolledBack(const fr::ui::TrainOutcomePtr& outcome, quint64 generation);

private:
    OpenOutcome openOrFail(const OpenRequest& request, const ProgressCallback& progress);
    ProgressCallback throttledProgress(quint64 generation);

    QElapsedTimer mSinceProgress;
};

} // namespace fr::ui
