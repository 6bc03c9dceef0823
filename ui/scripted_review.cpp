#include "scripted_review.h"

#include "main_window.h"
#include "queue_panel.h"

namespace fr::ui {

ScriptedReview::ScriptedReview(MainWindow* window, int rounds, QObject* parent)
    : QObject(parent)
    , mWindow(window)
    , mRounds(rounds)
{
    ReviewController* controller = window->controller();
    connect(
        controller, &ReviewController::trainingFinished, this, &ScriptedReview::onTrainingFinished);
    connect(controller, &ReviewController::openFailed, this,
        [this](const QString& error) { emit finished(false, error); });
}

void ScriptedReview::start()
{
    ReviewController* controller = mWindow->controller();
    if (controller->snapshot() && !controller->isTraining())
        labelBatch();
    // else: the first model is on its way; onTrainingFinished() carries on.
}

void ScriptedReview::labelBatch()
{
    if (mDone >= mRounds) {
        emit finished(true, QString());
        return;
    }
    ReviewController* controller = mWindow->controller();
    const auto dataset = controller->dataset();
    if (!dataset->hasTruth()) {
        emit finished(false, tr("the data set has no ground truth to simulate an analyst with"));
        return;
    }
    for (int64_t row : controller->batchRows()) {
        mWindow->queuePanel()->selectDatasetRow(row);
        mWindow->labelSelected(dataset->truth[static_cast<size_t>(row)] == 1 ? LabelValue::Anomaly
                                                                             : LabelValue::Normal);
    }
    mWaiting = true;
    controller->submitBatch();
}

void ScriptedReview::onTrainingFinished(bool ok, const QString& message)
{
    if (!ok) {
        emit finished(false, message);
        return;
    }
    if (mWaiting) {
        mWaiting = false;
        ++mDone;
    }
    if (mWindow->controller()->isTraining())
        return; // a coalesced retrain follows
    labelBatch();
}

} // namespace fr::ui

#include "moc_scripted_review.cpp"
