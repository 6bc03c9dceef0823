#include "chart_tabs.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fr::ui {

ChartTabs::ChartTabs(QWidget* parent)
    : QSplitter(Qt::Horizontal, parent)
{
    mTabs = new QTabWidget(this);
    mRecall = new GroupRecallChart(mTabs);
    mRounds = new RecallRoundsChart(mTabs);
    mHistogram = new ScoreHistogramChart(mTabs);
    mTabs->addTab(mRecall, tr("Recall by group"));
    mTabs->addTab(mRounds, tr("Recall over rounds"));
    mFairness = new GroupFairnessTable(mTabs);
    mTabs->addTab(mHistogram, tr("Score histograms"));
    mTabs->addTab(mFairness, tr("Fairness by group"));
    mDiff = new RetrainDiffPanel(mTabs);
    mTabs->addTab(mDiff, tr("Retrain diff"));
    setTabToolTips();
    mTabs->setCornerWidget(buildCorner(), Qt::TopRightCorner);
    mTabs->setDocumentMode(true);
    addWidget(mTabs);
    addWidget(buildLatentPanel());
    setStretchFactor(0, 1);
    setStretchFactor(1, 1);
    setChildrenCollapsible(false);
    connect(mLatent, &LatentPlot::rowClicked, this, &ChartTabs::rowClicked);
    connect(mDiff, &RetrainDiffPanel::rowClicked, this, &ChartTabs::rowClicked);
}

void ChartTabs::setTabToolTips()
{
    const QString keys = tr(" (View menu, Alt+%1; right-click a chart for PNG/PDF)");
    mTabs->setTabToolTip(mTabs->indexOf(mRecall),
        tr("The share of each group's anomalies in the top K, with bootstrap intervals")
            + keys.arg(1));
    mTabs->setTabToolTip(mTabs->indexOf(mRounds),
        tr("How each group's recall at K changed over the rounds of labels") + keys.arg(2));
    mTabs->setTabToolTip(mTabs->indexOf(mHistogram),
        tr("The distribution of the scores in each group") + keys.arg(3));
    mTabs->setTabToolTip(mTabs->indexOf(mFairness),
        tr("Per group: anomalies found and estimated, and the scoring bias") + keys.arg(4));
    mTabs->setTabToolTip(mTabs->indexOf(mDiff),
        tr("Which rows entered and left the top K at the last retrain, by group")
            + tr(" (View menu, Alt+%1)").arg(5));
}

QWidget* ChartTabs::buildLatentPanel()
{
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<b>Latent space</b> · drag to pan, wheel to zoom"), panel), 1);
    mColour = new QComboBox(panel);
    mColour->addItem(tr("colour by group"), int(LatentPlot::ColourMode::Group));
    mColour->addItem(tr("colour by label"), int(LatentPlot::ColourMode::Label));
    mColour->addItem(tr("colour by rank"), int(LatentPlot::ColourMode::Score));
    mColour->setToolTip(tr("What the colour of a point in the latent plot shows"));
    header->addWidget(mColour);
    layout->addLayout(header);
    mLatent = new LatentPlot(panel);
    layout->addWidget(mLatent, 1);
    connect(mColour, &QComboBox::currentIndexChanged, this, [this] {
        mLatent->setColourMode(static_cast<LatentPlot::ColourMode>(mColour->currentData().toInt()));
    });
    return panel;
}

void ChartTabs::setGroupHidden(bool hidden)
{
    mLatent->setGroupHidden(hidden);
    mDiff->setGroupHidden(hidden);
    if (auto* model = qobject_cast<QStandardItemModel*>(mColour->model()))
        if (QStandardItem* byGroup
            = model->item(mColour->findData(int(LatentPlot::ColourMode::Group))))
            byGroup->setEnabled(!hidden);
}

QWidget* ChartTabs::buildCorner()
{
    auto* corner = new QWidget(this);
    auto* layout = new QHBoxLayout(corner);
    layout->setContentsMargins(0, 0, 4, 0);
    mK = new QSpinBox(corner);
    mK->setRange(1, 1);
    mK->setKeyboardTracking(false);
    mK->setToolTip(tr("K: how many top-ranked rows count as flagged in the recall and histogram "
                      "charts (default: the number of known anomalies)"));
    auto* kLabel = new QLabel(tr("K ="), corner);
    layout->addWidget(kLabel);
    layout->addWidget(mK);
    connect(mK, &QSpinBox::valueChanged, this, [this](int k) { emit kChanged(k); });
    return corner;
}

void ChartTabs::setDataset(std::shared_ptr<const Dataset> dataset, int64_t k)
{
    mDataset = std::move(dataset);
    mRanking.reset();
    const std::vector<std::string> names
        = mDataset ? mDataset->groupNames : std::vector<std::string>();
    mRecall->setGroupNames(names);
    mRounds->setGroupNames(names);
    mFairness->setGroupNames(names);
    mLatent->setDataset(mDataset);
    mDiff->setDataset(mDataset);
    mDiff->setK(k);
    mK->blockSignals(true);
    mK->setRange(1, mDataset ? static_cast<int>(std::max<int64_t>(1, mDataset->rowCount())) : 1);
    mK->setValue(static_cast<int>(k));
    mK->blockSignals(false);
}

void ChartTabs::showSnapshot(const ReviewSnapshot& snapshot, const std::vector<RowStatus>& statuses)
{
    mRanking = snapshot.ranking;
    mRecall->updateMetrics(snapshot.metrics);
    mRounds->updateHistory(snapshot.history);
    mFairness->updateSnapshot(snapshot);
    mDiff->setK(snapshot.metrics.k);
    mDiff->showRanking(mRanking);
    if (mDataset && mRanking) {
        mHistogram->updateRanking(*mDataset, *mRanking, mK->value());
        mLatent->updateRanking(mRanking, statuses);
    }
}

void ChartTabs::showMetrics(const MetricsSnapshot& metrics)
{
    mRecall->updateMetrics(metrics);
    mDiff->setK(metrics.k);
    if (mDataset && mRanking)
        mHistogram->updateRanking(*mDataset, *mRanking, metrics.k);
}

void ChartTabs::setStatus(int64_t row, RowStatus status)
{
    mLatent->setStatus(row, status);
}

void ChartTabs::setK(int64_t k)
{
    mK->blockSignals(true);
    mK->setValue(static_cast<int>(k));
    mK->blockSignals(false);
}

} // namespace fr::ui

#include "moc_chart_tabs.cpp"
