#include "queue_filter_model.h"

#include "queue_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace fr::ui {

namespace {
bool containsCaseInsensitive(const std::string& haystack, const std::string& lowerNeedle)
{
    const auto it
        = std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
            [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != haystack.end();
}

// NaN sorts last whatever the order, so that rows without a probability do not hide the rest.
bool floatLess(float a, float b)
{
    if (std::isnan(a))
        return false;
    if (std::isnan(b))
        return true;
    return a < b;
}
} // namespace

QueueFilterModel::QueueFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void QueueFilterModel::setQueueModel(QueueModel* model)
{
    mQueue = model;
    setSourceModel(model);
}

void QueueFilterModel::setStatusFilter(StatusFilter filter)
{
    if (filter == mStatusFilter)
        return;
    mStatusFilter = filter;
    invalidateFilter();
}

void QueueFilterModel::setGroupFilter(int group)
{
    if (group == mGroupFilter)
        return;
    mGroupFilter = group;
    invalidateFilter();
}

void QueueFilterModel::setIdSearch(const QString& text)
{
    std::string lower = text.trimmed().toLower().toStdString();
    if (lower == mIdSearch)
        return;
    mIdSearch = std::move(lower);
    invalidateFilter();
}

void QueueFilterModel::setScoreRange(double minimum, double maximum)
{
    if (minimum == mScoreMin && maximum == mScoreMax)
        return;
    mScoreMin = minimum;
    mScoreMax = maximum;
    invalidateFilter();
}

int64_t QueueFilterModel::datasetRow(int proxyRow) const
{
    const QModelIndex source = mapToSource(index(proxyRow, 0));
    return source.isValid() ? mQueue->datasetRow(source.row()) : -1;
}

int QueueFilterModel::proxyRow(int64_t datasetRow) const
{
    const int sourceRow = mQueue ? mQueue->modelRow(datasetRow) : -1;
    if (sourceRow < 0)
        return -1;
    const QModelIndex proxy = mapFromSource(mQueue->index(sourceRow, 0));
    return proxy.isValid() ? proxy.row() : -1;
}

bool QueueFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!mQueue || sourceParent.isValid())
        return false;
    const int64_t row = mQueue->datasetRow(sourceRow);
    if (row < 0)
        return false;
    if (mGroupFilter >= 0 && mQueue->groupOf(row) != mGroupFilter)
        return false;
    return acceptsStatus(row) && acceptsId(row) && acceptsScore(row);
}

bool QueueFilterModel::acceptsStatus(int64_t row) const
{
    const RowStatus status = mQueue->status(row);
    switch (mStatusFilter) {
    case StatusFilter::ToReview:
        return !isLabelled(status) || mQueue->labelledThisRound(row);
    case StatusFilter::All:
        return true;
    case StatusFilter::Labelled:
        return isLabelled(status);
    case StatusFilter::Anomalies:
        return status == RowStatus::Anomaly;
    case StatusFilter::Normals:
        return status == RowStatus::Normal;
    case StatusFilter::Skipped:
        return status == RowStatus::Skipped;
    }
    return true;
}

bool QueueFilterModel::acceptsId(int64_t row) const
{
    if (mIdSearch.empty())
        return true;
    const Dataset* data = mQueue->dataset();
    const auto r = static_cast<size_t>(row);
    if (r < data->ids.size())
        return containsCaseInsensitive(data->ids[r], mIdSearch);
    return containsCaseInsensitive(std::to_string(row + 1), mIdSearch);
}

bool QueueFilterModel::acceptsScore(int64_t row) const
{
    if (!hasScoreRange())
        return true;
    const RankingSnapshot* ranking = mQueue->ranking();
    const auto r = static_cast<size_t>(row);
    if (!ranking || r >= ranking->score.size())
        return false;
    const double score = ranking->score[r];
    return score >= mScoreMin && score <= mScoreMax; // false for NaN
}

bool QueueFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int64_t a = mQueue->datasetRow(left.row());
    const int64_t b = mQueue->datasetRow(right.row());
    const RankingSnapshot* ranking = mQueue->ranking();
    const auto ra = static_cast<size_t>(a), rb = static_cast<size_t>(b);
    switch (left.column()) {
    case QueueModel::ScoreColumn:
        return floatLess(ranking->score[ra], ranking->score[rb]);
    case QueueModel::ProbabilityColumn:
        if (ranking->probability.size() == ranking->score.size())
            return floatLess(ranking->probability[ra], ranking->probability[rb]);
        break;
    case QueueModel::GroupColumn:
        if (mQueue->groupOf(a) != mQueue->groupOf(b))
            return mQueue->groupOf(a) < mQueue->groupOf(b);
        break;
    case QueueModel::LabelColumn:
        if (mQueue->status(a) != mQueue->status(b))
            return mQueue->status(a) < mQueue->status(b);
        break;
    case QueueModel::IdColumn:
        if (ra < mQueue->dataset()->ids.size())
            return mQueue->dataset()->ids[ra] < mQueue->dataset()->ids[rb];
        break;
    default:
        break;
    }
    return left.row() < right.row(); // model rows are in rank order
}

} // namespace fr::ui

#include "moc_queue_filter_model.cpp"
