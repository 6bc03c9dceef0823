// Model > Versions…: every model version of the project (version, when it was trained, the labels
// it learnt from, the anomalies among them) with "Make current" for a rollback. Keyboard: the
// table has the focus, arrows choose a version, Enter or Alt+M makes it current, Esc closes.
#pragma once

#include "store/records.h"

#include <QDialog>

#include <vector>

class QPushButton;
class QTableWidget;

namespace fr::ui {

class ModelVersionsDialog : public QDialog {
    Q_OBJECT
public:
    ModelVersionsDialog(const std::vector<ModelVersionRecord>& versions, int64_t current,
        QWidget* parent = nullptr);

    QTableWidget* table() const { return mTable; }
    QPushButton* makeCurrentButton() const { return mMakeCurrent; }
    // The version chosen with Make current; 0 when the dialog was closed without one.
    int64_t chosenVersion() const { return mChosen; }

private:
    void fillTable(const std::vector<ModelVersionRecord>& versions);
    int64_t selectedVersion() const;
    void updateButton();
    void makeCurrent();

    QTableWidget* mTable = nullptr;
    QPushButton* mMakeCurrent = nullptr;
    int64_t mCurrent = 0;
    int64_t mChosen = 0;
};

} // namespace fr::ui
