#include "recall_rounds_chart.h"

#include "palette.h"

#include <algorithm>

namespace fr::ui {

RecallRoundsChart::RecallRoundsChart(QWidget* parent)
    : ChartWidget(parent)
{
    setupAxes();
}

void RecallRoundsChart::setupAxes()
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
    xAxis->setLabel(tr("labelling round"));
    yAxis->grid()->setSubGridVisible(false);
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xC0, 0xC0, 0xC0)));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    setEmptyMessage(tr("No rounds yet: label a batch and press Enter"));
}

void RecallRoundsChart::setGroupNames(const std::vector<std::string>& names)
{
    mGroupNames = names;
}

// Without a group column the rounds carry no group figures: show the totals as one "group".
static std::vector<RoundRecord> withTotals(std::vector<RoundRecord> rounds)
{
    for (RoundRecord& round : rounds) {
        if (round.groups.empty())
            round.groups.push_back(
                {QObject::tr("all rows").toStdString(), round.labelsSpent, round.found, -1.0});
    }
    return rounds;
}

void RecallRoundsChart::updateHistory(const std::vector<RoundRecord>& given)
{
    const std::vector<RoundRecord> rounds = withTotals(given);
    clearGraphs();
    mShowsRecall = std::all_of(rounds.begin(), rounds.end(), [](const RoundRecord& r) {
        return std::all_of(r.groups.begin(), r.groups.end(),
            [](const GroupRoundFigures& g) { return g.recallAtK >= 0.0; });
    });
    // The session's per-round recall is the share of each group's anomalies the analyst has
    // found so far (core/active/review_session.cpp): small in the first rounds, so the axis fits
    // it.
    setTitle(mShowsRecall ? tr("Share of each group's anomalies found, after each round")
                          : tr("Anomalies found (solid) and labels spent (dashed) per group"));
    yAxis->setLabel(mShowsRecall ? tr("recall (found / anomalies)") : tr("rows"));
    const size_t groups = rounds.empty() ? 0 : rounds.back().groups.size();
    for (size_t slot = 0; slot < groups; ++slot) {
        addGroupLines(rounds, slot, true);
        if (!mShowsRecall)
            addGroupLines(rounds, slot, false);
    }
    rescaleAxes();
    const double lastRound = rounds.empty() ? 1.0 : rounds.back().round;
    xAxis->setRange(0.5, std::max(lastRound, 1.0) + 0.5);
    const double floor = mShowsRecall ? 0.05 : 1.0;
    yAxis->setRange(0.0, std::max(yAxis->range().upper * 1.2, floor));
    setEmptyMessage(
        rounds.empty() ? tr("No rounds yet: label a batch and press Enter") : QString());
    legend->setVisible(!rounds.empty());
    replot(rpQueuedReplot);
}

// `primary`: recall with truth, else anomalies found; otherwise the labels spent.
void RecallRoundsChart::addGroupLines(
    const std::vector<RoundRecord>& rounds, size_t groupSlot, bool primary)
{
    const std::string& name = rounds.back().groups[groupSlot].group;
    const auto it = std::find(mGroupNames.begin(), mGroupNames.end(), name);
    const int colour = mGroupNames.empty() ? 0
        : it == mGroupNames.end()          ? -1
                                           : static_cast<int>(it - mGroupNames.begin());
    QString label = QString::fromStdString(name);
    if (!mShowsRecall)
        label += primary ? tr(" found") : tr(" labelled");
    QCPGraph* graph
        = addLine(label, palette::groupColor(colour), primary ? Qt::SolidLine : Qt::DashLine);
    QVector<double> keys, values;
    for (const RoundRecord& round : rounds) {
        if (groupSlot >= round.groups.size())
            continue;
        const GroupRoundFigures& g = round.groups[groupSlot];
        keys.push_back(round.round);
        values.push_back(
            mShowsRecall ? g.recallAtK : static_cast<double>(primary ? g.found : g.labelsSpent));
    }
    graph->setData(keys, values, true);
}

QCPGraph* RecallRoundsChart::addLine(const QString& name, const QColor& colour, Qt::PenStyle style)
{
    QCPGraph* graph = addGraph();
    graph->setName(name);
    graph->setPen(QPen(colour, 2.0, style));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 6));
    return graph;
}

} // namespace fr::ui

#include "moc_recall_rounds_chart.cpp"
