// The label worker: a QObject on its own QThread that writes labels and undos to the project file
// (through ReviewSession, which journals them before it returns), recomputes figures and exports.
// It is separate from the training worker so that a label is stored at once even while a retrain
// holds the training thread, and so that the GUI thread never waits on SQLite. Requests are
// handled in the order they were made.
#pragma once

#include "worker_results.h"

#include "store/label_export.h"

#include <QObject>

#include <memory>
#include <vector>

namespace fr::ui {

class LabelWorker : public QObject {
    Q_OBJECT
public:
    explicit LabelWorker(QObject* parent = nullptr);

    // Run on the worker's thread (queued calls from the controller).
    void submit(const std::shared_ptr<ReviewSession>& session,
        const std::vector<LabelInput>& labels, quint64 generation);
    void undo(const std::shared_ptr<ReviewSession>& session, quint64 generation);
    void computeMetrics(
        const std::shared_ptr<ReviewSession>& session, int64_t k, quint64 generation);
    void exportLabels(const std::shared_ptr<ProjectStore>& store, const QString& path,
        ExportFormat format, bool withOriginalColumns);
    // A second review (ProjectStore::recordSecondReview); it trains nothing, so no session.
    void storeSecondReview(const std::shared_ptr<ProjectStore>& store,
        const SecondReviewRecord& review, quint64 generation);

signals:
    void labelsStored(const fr::ui::LabelRecords& records, quint64 generation);
    void labelsRejected(const QString& error, const QList<qint64>& rows, quint64 generation);
    void labelUndone(const fr::LabelRecord& record, quint64 generation);
    void undoFailed(const QString& error, quint64 generation);
    void metricsComputed(const fr::ui::MetricsSnapshotPtr& metrics, quint64 generation);
    void exported(bool ok, const QString& message);
    void secondReviewStored(const fr::SecondReviewRecord& review, quint64 generation);
    void secondReviewRejected(const QString& error, quint64 generation);
};

} // namespace fr::ui
