// The left half of the window: the review queue with its filters (status, group, score range) and
// id search.
#pragma once

#include "queue_filter_model.h"
#include "queue_model.h"
#include "queue_view.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace fr::ui {

class QueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit QueuePanel(QWidget* parent = nullptr);

    QueueModel* model() const { return mModel; }
    QueueFilterModel* proxy() const { return mProxy; }
    QueueView* view() const { return mView; }
    QLineEdit* searchEdit() const { return mSearch; }
    QComboBox* statusCombo() const { return mStatus; }
    // The score range: empty means no bound. Typing filters at once.
    QLineEdit* scoreMinEdit() const { return mScoreMin; }
    QLineEdit* scoreMaxEdit() const { return mScoreMax; }
    void clearScoreRange();

    void setDataset(std::shared_ptr<const Dataset> dataset);
    void setStatusFilter(QueueFilterModel::StatusFilter filter);
    void selectDatasetRow(int64_t row); // clears the filters that hide it, if needed
    // The next row after the current one that still needs a label; -1 when none.
    int64_t nextUnlabelledRow() const;
    void setBatchSummary(const QString& text);
    // Blind review: no group in the queue, and no group filter (which would tell it).
    void setGroupHidden(bool hidden, const std::string& groupColumn);

private:
    void buildLayout();
    QLayout* buildScoreRow();
    void applyScoreRange();
    void updateCountLabel();

    QueueModel* mModel = nullptr;
    QueueFilterModel* mProxy = nullptr;
    QueueView* mView = nullptr;
    QComboBox* mStatus = nullptr;
    QComboBox* mGroup = nullptr;
    QLineEdit* mSearch = nullptr;
    QLineEdit* mScoreMin = nullptr;
    QLineEdit* mScoreMax = nullptr;
    QToolButton* mClearScore = nullptr;
    QLabel* mCount = nullptr;
    QLabel* mBatch = nullptr;
};

} // namespace fr::ui
