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
    // Taller rows and a wider id for thumbnails; no group or deviation column where the data
    // has none to show.
    void adaptTo(bool images, bool groups);

    int64_t currentDatasetRow() const; // -1 when none
    void selectProxyRow(int proxyRow);

signals:
    void currentDatasetRowChanged(qint64 row);

private:
    void applyColumnWidths();
};

} // namespace fr::ui
