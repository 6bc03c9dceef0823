// The charts under the queue: recall by group at K, recall over rounds, score histograms, the
// per-group fairness table (estimates, scoring bias) and the retrain diff (what the last model
// change did to the top K) in tabs (with the K they use), and beside them
// the latent plot, always visible because it follows the queue's selection.
#pragma once

#include "group_fairness_table.h"
#include "group_recall_chart.h"
#include "latent_plot.h"
#include "recall_rounds_chart.h"
#include "retrain_diff_panel.h"
#include "review_snapshot.h"
#include "score_histogram_chart.h"

#include <QSplitter>

class QComboBox;
class QSpinBox;
class QTabWidget;

namespace fr::ui {

class ChartTabs : public QSplitter {
    Q_OBJECT
public:
    explicit ChartTabs(QWidget* parent = nullptr);

    GroupRecallChart* recallChart() const { return mRecall; }
    RecallRoundsChart* roundsChart() const { return mRounds; }
    ScoreHistogramChart* histogramChart() const { return mHistogram; }
    GroupFairnessTable* fairnessTable() const { return mFairness; }
    RetrainDiffPanel* retrainDiff() const { return mDiff; }
    LatentPlot* latentPlot() const { return mLatent; }
    QComboBox* colourCombo() const { return mColour; }
    QSpinBox* kSpinBox() const { return mK; }
    QTabWidget* tabs() const { return mTabs; }

    void setDataset(std::shared_ptr<const Dataset> dataset, int64_t k);
    void showSnapshot(const ReviewSnapshot& snapshot, const std::vector<RowStatus>& statuses);
    void showMetrics(const MetricsSnapshot& metrics);
    void setStatus(int64_t row, RowStatus status);
    void setK(int64_t k);
    // Blind review (MainWindow::setBlindReview): the latent plot and the retrain diff stop showing
    // single rows' groups; "colour by group" is unavailable meanwhile. The per-group charts stay:
    // they show groups as aggregates, which is what a fairness review is for.
    void setGroupHidden(bool hidden);

signals:
    void kChanged(qint64 k);
    void rowClicked(qint64 row);

private:
    QWidget* buildCorner();
    void setTabToolTips();
    QWidget* buildLatentPanel();

    QTabWidget* mTabs = nullptr;
    GroupRecallChart* mRecall = nullptr;
    RecallRoundsChart* mRounds = nullptr;
    ScoreHistogramChart* mHistogram = nullptr;
    GroupFairnessTable* mFairness = nullptr;
    RetrainDiffPanel* mDiff = nullptr;
    LatentPlot* mLatent = nullptr;
    QSpinBox* mK = nullptr;
    QComboBox* mColour = nullptr;
    std::shared_ptr<const Dataset> mDataset;
    std::shared_ptr<const RankingSnapshot> mRanking;
};

} // namespace fr::ui
