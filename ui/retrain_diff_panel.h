// The "Retrain diff" chart tab: what the last change of model (a retrain or a rollback) did to the
// top K of the queue. A summary line ("+14 / −14 in the top 892 …; protected group +9 / −3") and
// the rows that entered and left, each a click away from the queue. The diff is core's diffTopK.
#pragma once

#include "data/dataset.h"
#include "metrics/top_k_diff.h"

#include "active/session_snapshots.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace fr::ui {

class RetrainDiffPanel : public QWidget {
    Q_OBJECT
public:
    explicit RetrainDiffPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset); // forgets every ranking
    // A ranking of another model version becomes the current one; the one it replaces is what
    // the diff compares against. The same version again (a metrics update) changes nothing.
    void showRanking(std::shared_ptr<const RankingSnapshot> ranking);
    void setK(int64_t k);
    // Blind review: the listed rows do not name their group (the per-group counts stay: they
    // describe the ranking, not a row the analyst is about to label).
    void setGroupHidden(bool hidden);

    QString summaryText() const;
    QListWidget* enteredList() const { return mEntered; }
    QListWidget* leftList() const { return mLeft; }

signals:
    void rowClicked(qint64 row);

private:
    void refresh();
    void showDiff(const TopKDiff& diff);
    QString groupSummary(const TopKDiff& diff) const;
    void fillList(QListWidget* list, const std::vector<int64_t>& rows);
    QString rowText(int64_t row) const;
    void activate(QListWidgetItem* item);

    QLabel* mSummary = nullptr;
    QListWidget* mEntered = nullptr;
    QListWidget* mLeft = nullptr;
    std::shared_ptr<const Dataset> mDataset;
    std::shared_ptr<const RankingSnapshot> mPrevious;
    std::shared_ptr<const RankingSnapshot> mCurrent;
    int64_t mK = 0;
    bool mGroupHidden = false;
};

} // namespace fr::ui
