#include "queue_model.h"

#include "feature_text.h"
#include "image_rendering.h"
#include "number_format.h"
#include "palette.h"

#include <QFont>
#include <QStringList>

#include <cmath>

namespace fr::ui {

namespace {
constexpr int kThumbnailCacheRows = 4000; // a few screens of rows
constexpr int kDeviationsShown = 2;
} // namespace

QueueModel::QueueModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    mThumbnails.setMaxCost(kThumbnailCacheRows);
}

void QueueModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    mDataset = std::move(dataset);
    mRanking.reset();
    mBatch.clear();
    mLabelledThisRound.clear();
    mThumbnails.clear();
    mGroupNames.clear();
    const int64_t rows = mDataset ? mDataset->rowCount() : 0;
    mStatus.assign(static_cast<size_t>(rows), RowStatus::Unlabelled);
    if (mDataset) {
        for (const std::string& name : mDataset->groupNames)
            mGroupNames.push_back(QString::fromStdString(name));
    }
    endResetModel();
}

void QueueModel::setRanking(
    std::shared_ptr<const RankingSnapshot> ranking, const std::vector<int64_t>& batchRows)
{
    beginResetModel();
    const bool valid = ranking && mDataset
        && static_cast<int64_t>(ranking->order.size()) == mDataset->rowCount()
        && ranking->rankOfRow.size() == ranking->order.size();
    mRanking = valid ? std::move(ranking) : nullptr;
    mBatch = std::unordered_set<int64_t>(batchRows.begin(), batchRows.end());
    mLabelledThisRound.clear();
    endResetModel();
}

void QueueModel::setGroupHidden(bool hidden, const std::string& groupColumn)
{
    mGroupHidden = hidden;
    mHiddenColumn = hidden ? groupColumn : std::string();
    emit headerDataChanged(Qt::Horizontal, GroupColumn, GroupColumn); // its tooltip
    if (rowCount() > 0)
        emit dataChanged(index(0, GroupColumn), index(rowCount() - 1, DeviationColumn),
            {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole});
}

void QueueModel::setStatuses(std::vector<RowStatus> statuses)
{
    beginResetModel();
    if (mDataset && static_cast<int64_t>(statuses.size()) == mDataset->rowCount())
        mStatus = std::move(statuses);
    mLabelledThisRound.clear();
    endResetModel();
}

void QueueModel::setStatus(int64_t datasetRow, RowStatus status)
{
    if (datasetRow < 0 || datasetRow >= static_cast<int64_t>(mStatus.size()))
        return;
    mStatus[static_cast<size_t>(datasetRow)] = status;
    if (status == RowStatus::Unlabelled)
        mLabelledThisRound.erase(datasetRow);
    else
        mLabelledThisRound.insert(datasetRow);
    const int row = modelRow(datasetRow);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int64_t QueueModel::datasetRow(int modelRow) const
{
    if (!mRanking || modelRow < 0 || modelRow >= static_cast<int>(mRanking->order.size()))
        return -1;
    return mRanking->order[static_cast<size_t>(modelRow)];
}

int QueueModel::modelRow(int64_t datasetRow) const
{
    if (!mRanking || datasetRow < 0
        || datasetRow >= static_cast<int64_t>(mRanking->rankOfRow.size()))
        return -1;
    return static_cast<int>(mRanking->rankOfRow[static_cast<size_t>(datasetRow)] - 1);
}

RowStatus QueueModel::status(int64_t datasetRow) const
{
    if (datasetRow < 0 || datasetRow >= static_cast<int64_t>(mStatus.size()))
        return RowStatus::Unlabelled;
    return mStatus[static_cast<size_t>(datasetRow)];
}

bool QueueModel::inBatch(int64_t datasetRow) const
{
    return mBatch.count(datasetRow) > 0;
}

bool QueueModel::labelledThisRound(int64_t datasetRow) const
{
    return mLabelledThisRound.count(datasetRow) > 0;
}

int QueueModel::groupOf(int64_t datasetRow) const
{
    if (!mDataset || !mDataset->hasGroups())
        return kNoGroup;
    return mDataset->groups[static_cast<size_t>(datasetRow)];
}

int QueueModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !mRanking)
        return 0;
    return static_cast<int>(mRanking->order.size());
}

int QueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int64_t row = datasetRow(index.row());
    if (row < 0)
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == DeviationColumn ? deviationText(row) : QVariant();
    case Qt::DecorationRole:
        return decorationData(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == RankColumn || index.column() == ScoreColumn
            || index.column() == ProbabilityColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (index.column() == LabelColumn)
            return palette::statusColor(status(row)).darker(110);
        return QVariant();
    case Qt::BackgroundRole:
        return inBatch(row) ? QVariant(palette::batchRowColor()) : QVariant();
    default:
        return customData(row, role);
    }
}

QVariant QueueModel::displayData(int64_t row, int column) const
{
    const auto r = static_cast<size_t>(row);
    switch (column) {
    case RankColumn:
        return QVariant::fromValue<qlonglong>(mRanking->rankOfRow[r]);
    case IdColumn:
        return idText(row);
    case ScoreColumn:
        return r < mRanking->score.size() ? formatValue(mRanking->score[r]) : QString();
    case ProbabilityColumn:
        return r < mRanking->probability.size() ? formatProbability(mRanking->probability[r])
                                                : QString();
    case GroupColumn:
        return groupText(row);
    case LabelColumn:
        return statusText(status(row));
    case DeviationColumn:
        return deviationText(row);
    default:
        return QVariant();
    }
}

QVariant QueueModel::customData(int64_t row, int role) const
{
    const auto r = static_cast<size_t>(row);
    switch (role) {
    case DatasetRowRole:
        return QVariant::fromValue<qlonglong>(row);
    case RankRole:
        return QVariant::fromValue<qlonglong>(mRanking->rankOfRow[r]);
    case ScoreRole:
        return r < mRanking->score.size() ? mRanking->score[r] : QVariant();
    case ProbabilityRole:
        return r < mRanking->probability.size() ? mRanking->probability[r] : QVariant();
    case GroupRole:
        return groupOf(row);
    case StatusRole:
        return static_cast<int>(status(row));
    case InBatchRole:
        return inBatch(row);
    default:
        return QVariant();
    }
}

QVariant QueueModel::decorationData(int64_t row, int column) const
{
    if (column == GroupColumn && mDataset->hasGroups() && !mGroupHidden)
        return palette::groupColor(groupOf(row));
    if (column == IdColumn && mDataset->isImage())
        return thumbnail(row);
    return QVariant();
}

QString QueueModel::idText(int64_t row) const
{
    const auto r = static_cast<size_t>(row);
    if (r < mDataset->ids.size())
        return QString::fromStdString(mDataset->ids[r]);
    return QString::number(row + 1);
}

QString QueueModel::groupText(int64_t row) const
{
    if (mGroupHidden && mDataset->hasGroups())
        return tr("hidden");
    const int group = groupOf(row);
    if (group < 0 || group >= static_cast<int>(mGroupNames.size()))
        return QString();
    return mGroupNames[static_cast<size_t>(group)];
}

QString QueueModel::deviationText(int64_t row) const
{
    if (mDataset->isImage())
        return QString(); // single pixels say little: the thumbnail shows the row
    return deviationSummary(*mDataset, row, kDeviationsShown, mHiddenColumn);
}

QImage QueueModel::thumbnail(int64_t row) const
{
    if (QImage* cached = mThumbnails.object(row))
        return *cached;
    QImage image = rowImage(*mDataset, row);
    mThumbnails.insert(row, new QImage(image), 1);
    return image;
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case IdColumn:
        return tr("Id");
    case ScoreColumn:
        return tr("Score");
    case ProbabilityColumn:
        return tr("P(anomaly)");
    case GroupColumn:
        return tr("Group");
    case LabelColumn:
        return tr("Label");
    case DeviationColumn:
        return tr("Most unusual values");
    default:
        return QVariant();
    }
}

QString QueueModel::headerToolTip(int section) const
{
    const QString sort = tr("Click to sort by this column, again to reverse.");
    switch (section) {
    case RankColumn:
        return tr("The model's rank: 1 is the most suspicious row (the default order). ") + sort;
    case IdColumn:
        return tr("The row's id. ") + sort;
    case ScoreColumn:
        return tr("The base detector's anomaly score: higher is more unusual. ") + sort;
    case ProbabilityColumn:
        return tr("The review model's probability that the row is an anomaly (learned from your "
                  "labels; shown once it has both classes). ")
            + sort;
    case GroupColumn:
        return mGroupHidden ? tr("Blind review: the group is hidden, and the queue cannot be "
                                 "sorted by it")
                            : tr("The row's sensitive group. ") + sort;
    case LabelColumn:
        return tr("Your label. ") + sort;
    case DeviationColumn:
        return tr("The features furthest from typical, in standard deviations");
    default:
        return QString();
    }
}

QString QueueModel::statusText(RowStatus status)
{
    switch (status) {
    case RowStatus::Anomaly:
        return tr("anomaly");
    case RowStatus::Normal:
        return tr("normal");
    case RowStatus::Skipped:
        return tr("skipped");
    case RowStatus::Unlabelled:
        break;
    }
    return QStringLiteral("–");
}

} // namespace fr::ui

#include "moc_queue_model.cpp"
