// The table that shows the review queue: fixed row heights (so that a million rows cost nothing
// to lay out), sensible column widths, whole-row selection, one row at a time.
#pragma once

#include <QTableView>

namespace fr::ui {

class QueueView : public QTableView {
    Q_OBJECT
public:
    explicit QueueView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;
    void setImageRows(bool images); // taller rows for thumbnails

    int64_t currentDatasetRow() const; // -1 when none
    void selectProxyRow(int proxyRow);

signals:
    void currentDatasetRowChanged(qint64 row);

private:
    void applyColumnWidths();
};

} // namespace fr::ui
