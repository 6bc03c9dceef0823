// The table that shows the review queue: fixed row heights (so that a million rows cost nothing
// to lay out), sensible column widths, whole-row selection, one row at a time. A click on a
// column header sorts by it (again: reversed); the model's rank order is the default.
#pragma once

#include <QTableView>

namespace fr::ui {

class QueueView : public QTableView {
    Q_OBJECT
public:
    explicit QueueView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;
    // Taller rows and a wider id for thumbnails; no group or deviation column where the data
    // has none to show.
    void adaptTo(bool images, bool groups);

    int64_t currentDatasetRow() const; // -1 when none
    void selectProxyRow(int proxyRow);

    // Sorting goes through the model's sort() (the filter proxy); rank ascending is the model's
    // own order, so it sorts nothing and a re-rank of a million rows stays cheap.
    bool isSortable(int column) const;
    void setSort(int column, Qt::SortOrder order); // ignored for a column that is not sortable
    void resetSort() { setSort(0, Qt::AscendingOrder); }
    int sortColumn() const { return mSortColumn; }
    Qt::SortOrder sortOrder() const { return mSortOrder; }
    // Blind review: sorting by group would tell the groups apart, so it is turned off.
    void setGroupSortable(bool sortable);

signals:
    void currentDatasetRowChanged(qint64 row);

private:
    void applyColumnWidths();
    void sortBySection(int section);

    int mSortColumn = 0; // QueueModel::RankColumn
    Qt::SortOrder mSortOrder = Qt::AscendingOrder;
    bool mGroupSortable = true;
};

} // namespace fr::ui
