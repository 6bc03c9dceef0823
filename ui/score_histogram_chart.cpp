#include "score_histogram_chart.h"

#include "number_format.h"
#include "palette.h"

#include <algorithm>
#include <cmath>

namespace fr::ui {

namespace {
constexpr int kBins = 40;
// Reconstruction errors have long tails: above this max/min ratio a log axis shows the bulk.
constexpr double kLogScaleRatio = 100.0;

const std::vector<float>& rankingValues(const RankingSnapshot& ranking)
{
    const bool head = ranking.reason == RankReason::HeadProbability
        && ranking.probability.size() == ranking.score.size();
    return head ? ranking.probability : ranking.score;
}
} // namespace

ScoreHistogramChart::ScoreHistogramChart(QWidget* parent)
    : ChartWidget(parent)
{
    setupAxes();
}

void ScoreHistogramChart::setupAxes()
{
    yAxis->setLabel(tr("share of the group's rows"));
    yAxis->grid()->setSubGridVisible(false);
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xC0, 0xC0, 0xC0)));
    mThresholdLine = new QCPItemStraightLine(this);
    mThresholdLine->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.5, Qt::DashLine));
    mThresholdText = new QCPItemText(this);
    mThresholdText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    mThresholdText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    mThresholdText->setPadding(QMargins(4, 4, 6, 4));
    mThresholdText->setBrush(QColor(255, 255, 255, 220));
    setEmptyMessage(tr("No model yet"));
}

void ScoreHistogramChart::updateRanking(
    const Dataset& dataset, const RankingSnapshot& ranking, int64_t k)
{
    clearGraphs();
    const std::vector<float>& values = rankingValues(ranking);
    const bool head = &values == &ranking.probability;
    const Binning binning = chooseBinning(values);
    mLogScale = binning.log;
    xAxis->setScaleType(binning.log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (binning.log)
        xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    xAxis->setLabel(head ? tr("review model's probability of an anomaly")
                         : (binning.log ? tr("anomaly score (log scale)") : tr("anomaly score")));
    setTitle(head ? tr("Probability per group, dashed: the top-K threshold")
                  : tr("Anomaly score per group, dashed: the top-K threshold"));

    if (dataset.hasGroups()) {
        for (int g = 0; g < static_cast<int>(dataset.groupNames.size()); ++g)
            addGroupHistogram(dataset, values, g, binning);
    } else {
        addGroupHistogram(dataset, values, kNoGroup, binning);
    }
    rescaleAxes();
    yAxis->setRange(0.0, yAxis->range().upper * 1.1);
    xAxis->setRange(binning.low, binning.high);
    const int64_t rank = std::clamp<int64_t>(k, 1, static_cast<int64_t>(ranking.order.size()));
    if (!ranking.order.empty())
        showThreshold(
            values[static_cast<size_t>(ranking.order[static_cast<size_t>(rank - 1)])], rank);
    setEmptyMessage(values.empty() ? tr("No model yet") : QString());
    replot(rpQueuedReplot);
}

ScoreHistogramChart::Binning ScoreHistogramChart::chooseBinning(
    const std::vector<float>& values) const
{
    Binning b;
    double low = INFINITY, high = -INFINITY, lowPositive = INFINITY;
    for (float v : values) {
        if (!std::isfinite(v))
            continue;
        low = std::min<double>(low, v);
        high = std::max<double>(high, v);
        if (v > 0.0f)
            lowPositive = std::min<double>(lowPositive, v);
    }
    if (!std::isfinite(low))
        return b;
    b.log = low > 0.0 && high / lowPositive > kLogScaleRatio;
    b.low = low;
    b.high = high > low ? high : low + 1.0;
    return b;
}

void ScoreHistogramChart::addGroupHistogram(
    const Dataset& dataset, const std::vector<float>& values, int group, const Binning& binning)
{
    const auto toAxis = [&](double v) { return binning.log ? std::log10(v) : v; };
    const double low = toAxis(binning.low), width = (toAxis(binning.high) - low) / kBins;
    std::vector<double> counts(kBins, 0.0);
    double rows = 0.0;
    for (size_t row = 0; row < values.size(); ++row) {
        if (group != kNoGroup && dataset.groups[row] != group)
            continue;
        const float v = values[row];
        if (!std::isfinite(v) || (binning.log && v <= 0.0f))
            continue;
        const int bin = std::clamp(static_cast<int>((toAxis(v) - low) / width), 0, kBins - 1);
        counts[static_cast<size_t>(bin)] += 1.0;
        rows += 1.0;
    }
    QVector<double> keys(kBins), shares(kBins);
    for (int i = 0; i < kBins; ++i) {
        const double centre = low + (i + 0.5) * width;
        keys[i] = binning.log ? std::pow(10.0, centre) : centre;
        shares[i] = rows > 0.0 ? counts[static_cast<size_t>(i)] / rows : 0.0;
    }
    QCPGraph* graph = addGraph();
    const QColor colour = palette::groupColor(group);
    graph->setPen(QPen(colour, 1.8));
    graph->setBrush(palette::withAlpha(colour, 50));
    graph->setLineStyle(QCPGraph::lsStepCenter);
    graph->setName(group == kNoGroup
            ? tr("all rows")
            : QString::fromStdString(dataset.groupNames[static_cast<size_t>(group)]));
    graph->setData(keys, shares, true);
}

void ScoreHistogramChart::showThreshold(double value, int64_t k)
{
    mThreshold = value;
    mThresholdLine->point1->setCoords(value, 0.0);
    mThresholdLine->point2->setCoords(value, 1.0);
    mThresholdText->position->setCoords(value, 0.0);
    mThresholdText->setText(tr("top K = %1\n≥ %2").arg(formatCount(k), formatValue(value)));
}

} // namespace fr::ui

#include "moc_score_histogram_chart.cpp"
