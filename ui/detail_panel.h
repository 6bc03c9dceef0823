// The selected row up close: its values beside the data set's typical values (or the image large
// beside the mean image), why it is in the batch, its label history, and the labelling buttons.
#pragma once

#include "active/row_explanation.h"
#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "row_status.h"
#include "store/records.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace fr::ui {

class RowExplanationView;

class DetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit DetailPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    void setRanking(std::shared_ptr<const RankingSnapshot> ranking);
    void showRow(
        int64_t row, RowStatus status, bool inBatch, const std::vector<LabelRecord>& history);
    void clearRow(const QString& message);
    int64_t row() const { return mRow; }
    // Blind review: the headline leaves out the row's group, and the values groupColumn's features
    // when the group is a model input (from the next showRow on).
    void setGroupHidden(bool hidden, const std::string& groupColumn);

    // "Why this row" (the controller's explainRow): shown when it is about the row on screen.
    void setExplanation(std::shared_ptr<const RowExplanation> explanation);
    void setExplanationFailed(int64_t row, const QString& error);

    QString note() const;
    void clearNote();
    QLineEdit* noteEdit() const { return mNote; }
    // For tests and the screenshot check: what the panel currently says.
    QString headline() const;
    QString reasonText() const;
    int featureRowCount() const;
    QString historyText() const;
    QString explanationText() const;
    bool heatMapShown() const;
    // A row is shown and its explanation has not come yet (nor failed).
    bool explanationPending() const { return mRow >= 0 && !mExplanation && !mExplanationFailed; }

signals:
    void anomalyRequested();
    void normalRequested();
    void skipRequested();
    void noteFinished(); // Enter in the note field: back to the queue

private:
    void buildLayout();
    QWidget* buildButtons();
    void showValues(int64_t row);
    void showImage(int64_t row);
    QString reasonFor(int64_t row, bool inBatch) const;
    QString historyFor(const std::vector<LabelRecord>& history) const;
    void showExplanation();

    std::shared_ptr<const Dataset> mDataset;
    std::shared_ptr<const RankingSnapshot> mRanking;
    int64_t mRow = -1;
    QLabel* mHeadline = nullptr;
    QLabel* mScores = nullptr;
    QLabel* mReason = nullptr;
    QStackedWidget* mValuesStack = nullptr;
    QTableWidget* mValues = nullptr;
    QLabel* mImage = nullptr;
    QLabel* mTypicalImage = nullptr;
    QLabel* mHeatMap = nullptr;
    QLabel* mHeatMapCaption = nullptr;
    RowExplanationView* mExplanationView = nullptr;
    std::shared_ptr<const RowExplanation> mExplanation; // of mRow, or null while it is asked for
    bool mExplanationFailed = false;
    QLabel* mHistory = nullptr;
    QLineEdit* mNote = nullptr;
    QPushButton* mAnomaly = nullptr;
    QPushButton* mNormal = nullptr;
    QPushButton* mSkip = nullptr;
    bool mGroupHidden = false;
    QString mHiddenColumn; // the group column while hidden, else empty
};

} // namespace fr::ui
