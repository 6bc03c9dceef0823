#include "group_recall_chart.h"

#include "number_format.h"
#include "palette.h"

#include <algorithm>
#include <cmath>

namespace fr::ui {

namespace {
constexpr double kBarWidth = 0.55;
} // namespace

GroupRecallChart::GroupRecallChart(QWidget* parent)
    : ChartWidget(parent)
{
    setupAxes();
}

void GroupRecallChart::setupAxes()
{
    mTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    xAxis->setTicker(mTicker);
    xAxis->setSubTicks(false);
    xAxis->setTickLength(0, 4);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setSubGridVisible(false);
    yAxis->setPadding(6);
    setEmptyMessage(tr("No model yet"));
}

void GroupRecallChart::setGroupNames(const std::vector<std::string>& names)
{
    mGroupNames = names;
}

int GroupRecallChart::colourIndex(const std::string& group) const
{
    if (mGroupNames.empty())
        return 0; // "all rows": the colour the latent plot gives them too
    const auto it = std::find(mGroupNames.begin(), mGroupNames.end(), group);
    return it == mGroupNames.end() ? -1 : static_cast<int>(it - mGroupNames.begin());
}

// Without a group column there is one bar, for all rows, with the overall recall.
static MetricsSnapshot withAllRowsBar(const MetricsSnapshot& metrics)
{
    MetricsSnapshot all = metrics;
    GroupFigure figure;
    figure.group = QObject::tr("all rows").toStdString();
    figure.recallAtK = metrics.recallAtK;
    for (const GroupFigure& g : metrics.groups) {
        figure.rows += g.rows;
        figure.found += g.found;
        figure.labelsSpent += g.labelsSpent;
    }
    all.groups = {figure};
    return all;
}

void GroupRecallChart::updateMetrics(const MetricsSnapshot& given)
{
    const bool grouped = !given.groups.empty();
    const MetricsSnapshot metrics = grouped ? given : withAllRowsBar(given);
    clearPlottables();
    for (QCPItemText* label : mValueLabels)
        removeItem(label);
    mValueLabels.clear();
    mBars.clear();
    mTicker->clear();

    const bool withTruth = std::any_of(metrics.groups.begin(), metrics.groups.end(),
        [](const GroupFigure& g) { return std::isfinite(g.recallAtK); });
    if (withTruth) {
        setTitle(tr("Recall at K = %1 per group · Rec Diff %2 · bars: 95% bootstrap interval")
                     .arg(formatCount(metrics.k), formatValue(metrics.recDiff)));
        yAxis->setLabel(tr("recall@K"));
    } else {
        setTitle(tr("Anomalies found per group (no ground truth, so no recall)"));
        yAxis->setLabel(tr("anomalies found"));
    }
    for (size_t i = 0; i < metrics.groups.size(); ++i)
        addBar(static_cast<int>(i) + 1, metrics.groups[i], withTruth);

    double top = 1.0; // recall's full scale; counts may go higher
    for (const QCPItemText* label : mValueLabels)
        top = std::max(top, label->position->value());
    xAxis->setRange(0.4, metrics.groups.size() + 0.6);
    yAxis->setRange(0.0, top * 1.18); // room for the value labels
    if (!grouped)
        setTitle(tr("Recall at K = %1 · no sensitive group column, so no comparison")
                     .arg(formatCount(metrics.k)));
    setEmptyMessage(QString());
    replot(rpQueuedReplot);
}

void GroupRecallChart::addBar(int position, const GroupFigure& figure, bool withTruth)
{
    auto* bars = new QCPBars(xAxis, yAxis);
    const QColor colour = palette::groupColor(colourIndex(figure.group));
    bars->setPen(QPen(colour.darker(120)));
    bars->setBrush(palette::withAlpha(colour, 200));
    bars->setWidth(kBarWidth);
    bars->setName(QString::fromStdString(figure.group));
    const double value = withTruth ? (std::isfinite(figure.recallAtK) ? figure.recallAtK : 0.0)
                                   : static_cast<double>(figure.found);
    bars->setData(QVector<double> {double(position)}, QVector<double> {value}, true);
    mBars.push_back(bars);

    QString text = formatValue(value);
    if (withTruth && std::isfinite(figure.recallLow) && std::isfinite(figure.recallHigh)) {
        auto* errors = new QCPErrorBars(xAxis, yAxis);
        errors->setDataPlottable(bars);
        errors->setData(QVector<double> {value - figure.recallLow},
            QVector<double> {figure.recallHigh - value});
        errors->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.2));
        errors->setWhiskerWidth(10);
        text += QLatin1Char(' ') + formatInterval(figure.recallLow, figure.recallHigh);
        addValueLabel(position, figure.recallHigh, text);
    } else {
        if (!withTruth)
            text = tr("%1 found / %2 labelled")
                       .arg(formatCount(figure.found), formatCount(figure.labelsSpent));
        addValueLabel(position, value, text);
    }

    QString tick = QString::fromStdString(figure.group);
    if (figure.isProtected)
        tick += tr(" (protected)");
    if (figure.rows > 0)
        tick += QLatin1Char('\n') + tr("n = %1").arg(formatCount(figure.rows));
    if (figure.anomalies >= 0)
        tick += tr(" · %1 anomalies").arg(formatCount(figure.anomalies));
    mTicker->addTick(position, tick);
}

void GroupRecallChart::addValueLabel(double key, double value, const QString& text)
{
    auto* label = new QCPItemText(this);
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(key, value);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setPadding(QMargins(0, 0, 0, 4));
    label->setText(text);
    label->setColor(QColor(0x20, 0x20, 0x20));
    mValueLabels.push_back(label);
}

double GroupRecallChart::barValue(int bar) const
{
    if (bar < 0 || bar >= barCount() || mBars[static_cast<size_t>(bar)]->data()->isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    return mBars[static_cast<size_t>(bar)]->data()->at(0)->value;
}

QString GroupRecallChart::barLabel(int bar) const
{
    return bar >= 0 && bar < barCount() ? mBars[static_cast<size_t>(bar)]->name() : QString();
}

} // namespace fr::ui

#include "moc_group_recall_chart.cpp"
