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
    setIconSize(QSize(24, 24));
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

} // namespace fr::ui

#include "moc_queue_view.cpp"
