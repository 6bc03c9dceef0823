#include "queue_view.h"

#include "queue_model.h"

#include <QHeaderView>

namespace fr::ui {

QueueView::QueueView(QWidget* parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setAlternatingRowColors(false);
    setShowGrid(false);
    setTabKeyNavigation(false);
    verticalHeader()->setVisible(false);
    // Fixed sections: QHeaderView keeps no per-row geometry, so a million rows lay out at once.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsClickable(true);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(mSortColumn, mSortOrder);
    connect(horizontalHeader(), &QHeaderView::sectionClicked, this, &QueueView::sortBySection);
    setIconSize(QSize(24, 24));
    setToolTip(tr("The review queue: arrow keys move, A / N / S label; click a column header to "
                  "sort by it, again to reverse"));
}

void QueueView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    applyColumnWidths();
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            emit currentDatasetRowChanged(
                current.isValid() ? current.data(QueueModel::DatasetRowRole).toLongLong() : -1);
        });
}

void QueueView::applyColumnWidths()
{
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    setColumnWidth(QueueModel::RankColumn, digit * 8);
    setColumnWidth(QueueModel::IdColumn, digit * 12);
    setColumnWidth(QueueModel::ScoreColumn, digit * 9);
    setColumnWidth(QueueModel::ProbabilityColumn, digit * 11);
    setColumnWidth(QueueModel::GroupColumn, digit * 11);
    setColumnWidth(QueueModel::LabelColumn, digit * 10);
}

void QueueView::adaptTo(bool images, bool groups)
{
    verticalHeader()->setDefaultSectionSize(images ? 32 : fontMetrics().height() + 8);
    setIconSize(images ? QSize(28, 28) : QSize(12, 12));
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    setColumnWidth(QueueModel::IdColumn, images ? digit * 16 + 32 : digit * 12);
    setColumnHidden(QueueModel::GroupColumn, !groups);
    setColumnHidden(QueueModel::DeviationColumn, images);
}

int64_t QueueView::currentDatasetRow() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(QueueModel::DatasetRowRole).toLongLong() : -1;
}

void QueueView::selectProxyRow(int proxyRow)
{
    if (!model() || proxyRow < 0 || proxyRow >= model()->rowCount())
        return;
    const QModelIndex index = model()->index(proxyRow, QueueModel::RankColumn);
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

bool QueueView::isSortable(int column) const
{
    switch (column) {
    case QueueModel::RankColumn:
    case QueueModel::IdColumn:
    case QueueModel::ScoreColumn:
    case QueueModel::ProbabilityColumn:
    case QueueModel::LabelColumn:
        return true;
    case QueueModel::GroupColumn:
        return mGroupSortable;
    default:
        return false;
    }
}

void QueueView::sortBySection(int section)
{
    if (!isSortable(section)) {
        horizontalHeader()->setSortIndicator(mSortColumn, mSortOrder); // undo the click's arrow
        return;
    }
    const bool reverse = section == mSortColumn && mSortOrder == Qt::AscendingOrder;
    setSort(section, reverse ? Qt::DescendingOrder : Qt::AscendingOrder);
}

void QueueView::setSort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    mSortColumn = column;
    mSortOrder = order;
    horizontalHeader()->setSortIndicator(column, order);
    if (!model())
        return;
    const bool rankOrder = column == QueueModel::RankColumn && order == Qt::AscendingOrder;
    model()->sort(rankOrder ? -1 : column, order);
    if (currentIndex().isValid())
        scrollTo(currentIndex());
}

void QueueView::setGroupSortable(bool sortable)
{
    mGroupSortable = sortable;
    if (!sortable && mSortColumn == QueueModel::GroupColumn)
        resetSort();
}

} // namespace fr::ui

#include "moc_queue_view.cpp"
