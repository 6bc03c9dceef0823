// ReviewController's second review: the sample for the current analyst, the second labels
// written on the label thread (they train nothing, so no retrain follows), and the agreement.
#include "review_controller.h"

namespace fr::ui {

void ReviewController::connectSecondReviews()
{
    connect(mLabelWorker, &LabelWorker::secondReviewStored, this,
        [this](const SecondReviewRecord& review, quint64 generation) {
            if (generation != mGeneration)
                return;
            mSecondReviews.push_back(review);
            emit secondReviewsChanged();
        });
    connect(mLabelWorker, &LabelWorker::secondReviewRejected, this,
        [this](const QString& error, quint64 generation) {
            if (generation != mGeneration)
                return;
            emit secondReviewRejected(error);
            emit message(error);
        });
}

std::vector<LabelRecord> ReviewController::drawSecondReview(int64_t size, uint64_t seed) const
{
    if (!isOpen())
        return {};
    const std::string reviewer
        = mAnalyst.isEmpty() ? mSession->options().analyst : mAnalyst.toStdString();
    return drawSecondReviewSample(
        reviewableLabels(mLabels, mSecondReviews, reviewer), *mDataset, size, seed);
}

void ReviewController::secondReview(
    int64_t labelId, LabelValue value, bool groupVisible, int64_t reviewMs)
{
    if (!isOpen())
        return;
    SecondReviewRecord review;
    review.labelId = labelId;
    review.label = value;
    review.analyst = mAnalyst.isEmpty() ? mSession->options().analyst : mAnalyst.toStdString();
    review.groupVisible = groupVisible;
    review.reviewMs = reviewMs;
    LabelWorker* worker = mLabelWorker;
    const auto store = mStore;
    const quint64 generation = mGeneration;
    QMetaObject::invokeMethod(
        worker, [=] { worker->storeSecondReview(store, review, generation); },
        Qt::QueuedConnection);
}

Result<AuditChainHead> ReviewController::auditChainHead() const
{
    if (!mStore)
        return Result<AuditChainHead>::failure("no project is open");
    return mStore->auditChainHead();
}

ReviewAgreement ReviewController::agreement() const
{
    if (!isOpen())
        return {};
    return reviewAgreement(mLabels, mSecondReviews, *mDataset);
}

} // namespace fr::ui
