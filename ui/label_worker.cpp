#include "label_worker.h"

#include "models/failure_message.h"

namespace fr::ui {

LabelWorker::LabelWorker(QObject* parent)
    : QObject(parent)
{ }

// The session returns its failures, but an exception (std::bad_alloc while copying labels) must
// not leave a queued call either, where Qt would end the program, and must still answer the
// request, which the controller counts.
void LabelWorker::submit(const std::shared_ptr<ReviewSession>& session,
    const std::vector<LabelInput>& labels, quint64 generation)
{
    auto stored
        = models::callGuarded("saving the labels", [&] { return session->submitLabels(labels); });
    if (stored.ok()) {
        emit labelsStored(stored.value(), generation);
        return;
    }
    QList<qint64> rows;
    for (const LabelInput& label : labels)
        rows << label.row;
    emit labelsRejected(QString::fromStdString(stored.error()), rows, generation);
}

void LabelWorker::undo(const std::shared_ptr<ReviewSession>& session, quint64 generation)
{
    auto undone
        = models::callGuarded("undoing the label", [&] { return session->undoLastLabel(); });
    if (undone.ok())
        emit labelUndone(undone.value(), generation);
    else
        emit undoFailed(QString::fromStdString(undone.error()), generation);
}

void LabelWorker::computeMetrics(
    const std::shared_ptr<ReviewSession>& session, int64_t k, quint64 generation)
{
    emit metricsComputed(std::make_shared<const MetricsSnapshot>(session->metrics(k)), generation);
}

void LabelWorker::exportLabels(const std::shared_ptr<ProjectStore>& store, const QString& path,
    ExportFormat format, bool withOriginalColumns)
{
    auto written = store->exportLabels(path.toStdString(), format, withOriginalColumns);
    if (written.ok())
        emit exported(
            true, tr("Exported %n label(s) to %1.", nullptr, int(written.value())).arg(path));
    else
        emit exported(false, QString::fromStdString(written.error()));
}

void LabelWorker::storeSecondReview(const std::shared_ptr<ProjectStore>& store,
    const SecondReviewRecord& review, quint64 generation)
{
    SecondReviewRecord stored = review;
    const Status status = models::callGuarded(
        "saving the second review", [&] { return store->recordSecondReview(stored); });
    if (status.ok())
        emit secondReviewStored(stored, generation);
    else
        emit secondReviewRejected(QString::fromStdString(status.error()), generation);
}

} // namespace fr::ui

#include "moc_label_worker.cpp"
