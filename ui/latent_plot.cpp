#include "latent_plot.h"

#include "number_format.h"
#include "palette.h"
#include "queue_model.h"

#include <QToolTip>

#include <array>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace fr::ui {

namespace {
constexpr uint32_t kSampleSeed = 20240531; // fixed: the same points on every redraw
constexpr double kHoverRadiusPixels = 8.0;
constexpr int kClickSlopPixels = 4;
// Score colouring in rank bands, most suspicious first: top 1%, 1-5%, 5-20%, 20-50%, rest.
constexpr std::array<double, 5> kRankBands = {0.01, 0.05, 0.20, 0.50, 1.0};
} // namespace

LatentPlot::LatentPlot(QWidget* parent)
    : ChartWidget(parent)
{
    setupInteractions();
}

void LatentPlot::setupInteractions()
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    xAxis->setLabel(tr("latent PC 1"));
    yAxis->setLabel(tr("latent PC 2"));
    xAxis->grid()->setSubGridVisible(false);
    // The legend sits beside the plot: inside, it would hide points wherever it went.
    legend->setVisible(true);
    legend->setBorderPen(Qt::NoPen);
    axisRect()->insetLayout()->take(legend);
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(1, 1, side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, legend);
    side->addElement(1, 0, new QCPLayoutElement(this)); // pushes the legend to the top
    side->setRowStretchFactor(0, 0.001);
    legend->setMargins(QMargins(4, 4, 8, 4));
    setMouseTracking(true);
    setEmptyMessage(tr("No model yet"));
    connect(this, &QCustomPlot::mouseMove, this, &LatentPlot::onMouseMove);
    connect(this, &QCustomPlot::mousePress, this, &LatentPlot::onMousePress);
    connect(this, &QCustomPlot::mouseRelease, this, &LatentPlot::onMouseRelease);
    connect(this, &QCustomPlot::mouseWheel, this, [this] { mUserZoomed = true; });
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
        mUserZoomed = false;
        fitToPoints();
        replot(rpQueuedReplot);
    });
}

void LatentPlot::setDataset(std::shared_ptr<const Dataset> dataset)
{
    mDataset = std::move(dataset);
    mRanking.reset();
    mDrawn.clear();
    mSelected = -1;
    mUserZoomed = false;
    redraw();
}

void LatentPlot::updateRanking(
    std::shared_ptr<const RankingSnapshot> ranking, const std::vector<RowStatus>& statuses)
{
    mRanking = std::move(ranking);
    mStatus = statuses;
    chooseDrawnRows();
    redraw();
}

void LatentPlot::setStatus(int64_t row, RowStatus status)
{
    if (row < 0 || row >= static_cast<int64_t>(mStatus.size()))
        return;
    const bool wasDrawn = !isSubsampled() || isLabelled(mStatus[static_cast<size_t>(row)]);
    mStatus[static_cast<size_t>(row)] = status;
    if (!wasDrawn && isLabelled(status))
        mDrawn.push_back(row); // labelled rows always stay visible
    if (mMode == ColourMode::Label)
        redraw();
}

void LatentPlot::setColourMode(ColourMode mode)
{
    if (mode == mMode)
        return;
    mMode = mode;
    redraw();
}

void LatentPlot::setGroupHidden(bool hidden)
{
    if (hidden == mGroupHidden)
        return;
    mGroupHidden = hidden;
    if (mMode == ColourMode::Group)
        redraw();
}

LatentPlot::ColourMode LatentPlot::shownMode() const
{
    return mGroupHidden && mMode == ColourMode::Group ? ColourMode::Label : mMode;
}

void LatentPlot::setSelectedRow(int64_t row)
{
    mSelected = row;
    drawSelection();
    replot(rpQueuedReplot);
}

int64_t LatentPlot::drawnPointCount() const
{
    int64_t count = 0;
    for (int i = 0; i < graphCount(); ++i) {
        if (graph(i) != mSelectionGraph)
            count += graph(i)->data()->size();
    }
    return count;
}

bool LatentPlot::isSubsampled() const
{
    return mRanking && static_cast<int64_t>(mRanking->latentX.size()) > kMaxDrawnPoints;
}

void LatentPlot::chooseDrawnRows()
{
    mDrawn.clear();
    if (!mRanking || mRanking->latentX.size() != mRanking->latentY.size())
        return;
    const auto rows = static_cast<int64_t>(mRanking->latentX.size());
    mDrawn.resize(static_cast<size_t>(rows));
    std::iota(mDrawn.begin(), mDrawn.end(), int64_t(0));
    if (rows <= kMaxDrawnPoints)
        return;
    // A partial Fisher-Yates shuffle: the first kMaxDrawnPoints rows are a uniform sample.
    std::mt19937_64 random(kSampleSeed);
    for (int64_t i = 0; i < kMaxDrawnPoints; ++i) {
        std::uniform_int_distribution<int64_t> pick(i, rows - 1);
        std::swap(mDrawn[static_cast<size_t>(i)], mDrawn[static_cast<size_t>(pick(random))]);
    }
    mDrawn.resize(kMaxDrawnPoints);
    std::vector<char> drawn(static_cast<size_t>(rows), 0);
    for (int64_t row : mDrawn)
        drawn[static_cast<size_t>(row)] = 1;
    for (int64_t row = 0; row < static_cast<int64_t>(mStatus.size()) && row < rows; ++row) {
        if (isLabelled(mStatus[static_cast<size_t>(row)]) && !drawn[static_cast<size_t>(row)])
            mDrawn.push_back(row);
    }
}

std::vector<LatentPlot::Layer> LatentPlot::buildLayers() const
{
    switch (shownMode()) {
    case ColourMode::Label:
        return labelLayers();
    case ColourMode::Score:
        return scoreLayers();
    case ColourMode::Group:
        break;
    }
    return groupLayers();
}

std::vector<LatentPlot::Layer> LatentPlot::groupLayers() const
{
    std::vector<Layer> layers;
    if (!mDataset->hasGroups()) {
        layers.push_back({tr("all rows"), palette::groupColor(0), mDrawn});
        return layers;
    }
    for (size_t g = 0; g < mDataset->groupNames.size(); ++g)
        layers.push_back({QString::fromStdString(mDataset->groupNames[g]),
            palette::groupColor(static_cast<int>(g)), {}});
    for (int64_t row : mDrawn) {
        const int g = mDataset->groups[static_cast<size_t>(row)];
        if (g >= 0 && g < static_cast<int>(layers.size()))
            layers[static_cast<size_t>(g)].rows.push_back(row);
    }
    // The largest group first, so that smaller groups are drawn on top and stay visible.
    std::stable_sort(layers.begin(), layers.end(),
        [](const Layer& a, const Layer& b) { return a.rows.size() > b.rows.size(); });
    return layers;
}

std::vector<LatentPlot::Layer> LatentPlot::labelLayers() const
{
    const std::array<RowStatus, 4> order
        = {RowStatus::Unlabelled, RowStatus::Skipped, RowStatus::Normal, RowStatus::Anomaly};
    std::vector<Layer> layers;
    for (RowStatus status : order) {
        const QString name
            = status == RowStatus::Unlabelled ? tr("unlabelled") : QueueModel::statusText(status);
        layers.push_back({name, palette::statusColor(status), {}});
    }
    for (int64_t row : mDrawn) {
        const RowStatus status = row < static_cast<int64_t>(mStatus.size())
            ? mStatus[static_cast<size_t>(row)]
            : RowStatus::Unlabelled;
        const auto slot = std::find(order.begin(), order.end(), status) - order.begin();
        layers[static_cast<size_t>(slot)].rows.push_back(row);
    }
    return layers;
}

std::vector<LatentPlot::Layer> LatentPlot::scoreLayers() const
{
    const QStringList names
        = {tr("top 1%"), tr("top 1–5%"), tr("top 5–20%"), tr("top 20–50%"), tr("lower 50%")};
    std::vector<Layer> layers;
    for (size_t band = 0; band < kRankBands.size(); ++band)
        layers.push_back({names[static_cast<int>(band)],
            palette::rampColor(double(band) / (kRankBands.size() - 1)), {}});
    const double rows = static_cast<double>(mRanking->rankOfRow.size());
    for (int64_t row : mDrawn) {
        const double quantile = mRanking->rankOfRow[static_cast<size_t>(row)] / rows;
        const auto band
            = std::lower_bound(kRankBands.begin(), kRankBands.end(), quantile) - kRankBands.begin();
        layers[static_cast<size_t>(std::min<ptrdiff_t>(band, kRankBands.size() - 1))]
            .rows.push_back(row);
    }
    std::reverse(layers.begin(), layers.end()); // the most suspicious drawn last, on top
    return layers;
}

void LatentPlot::redraw()
{
    clearGraphs();
    mSelectionGraph = nullptr;
    const bool ready = mDataset && mRanking && !mRanking->latentX.empty();
    if (ready) {
        const double size = mDrawn.size() > 5000 ? 3.0 : 5.0;
        for (const Layer& layer : buildLayers()) {
            QCPGraph* graph = addGraph();
            graph->setName(layer.name);
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssDisc, palette::withAlpha(layer.colour, 170),
                    palette::withAlpha(layer.colour, 170), size));
            QVector<double> keys, values;
            keys.reserve(static_cast<int>(layer.rows.size()));
            values.reserve(static_cast<int>(layer.rows.size()));
            for (int64_t row : layer.rows) {
                keys.push_back(mRanking->latentX[static_cast<size_t>(row)]);
                values.push_back(mRanking->latentY[static_cast<size_t>(row)]);
            }
            graph->setData(keys, values);
        }
        if (!mUserZoomed)
            fitToPoints(); // a new model moves every point: follow it unless the user zoomed
    }
    drawSelection();
    updateTitle();
    setEmptyMessage(ready ? QString() : tr("No model yet"));
    replot(rpQueuedReplot);
}

void LatentPlot::drawSelection()
{
    if (!mSelectionGraph) {
        mSelectionGraph = addGraph();
        mSelectionGraph->setName(tr("selected row"));
        mSelectionGraph->setLineStyle(QCPGraph::lsNone);
        mSelectionGraph->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssCircle, QPen(Qt::black, 2.5), QColor(0, 0, 0, 70), 14));
    }
    QVector<double> keys, values;
    if (mRanking && mSelected >= 0 && mSelected < static_cast<int64_t>(mRanking->latentX.size())) {
        keys.push_back(mRanking->latentX[static_cast<size_t>(mSelected)]);
        values.push_back(mRanking->latentY[static_cast<size_t>(mSelected)]);
    }
    mSelectionGraph->setData(keys, values);
    if (legend->hasItemWithPlottable(mSelectionGraph) && keys.isEmpty())
        mSelectionGraph->removeFromLegend();
    else if (!keys.isEmpty())
        mSelectionGraph->addToLegend();
}

void LatentPlot::updateTitle()
{
    const ColourMode shown = shownMode();
    const QString mode = shown == ColourMode::Group ? tr("group")
        : shown == ColourMode::Label                ? tr("label")
                                                    : tr("rank");
    QString title
        = tr("Latent space (PCA), coloured by %1 · click a point to select its row").arg(mode);
    if (isSubsampled())
        title += QLatin1Char('\n')
            + tr("showing a random %1 of %2 rows plus every labelled row")
                  .arg(formatCount(kMaxDrawnPoints),
                      formatCount(static_cast<int64_t>(mRanking->latentX.size())));
    setTitle(title);
}

int64_t LatentPlot::rowNearest(const QPointF& pixel, double maxDistancePixels) const
{
    if (!mRanking)
        return -1;
    int64_t best = -1;
    double bestDistance = maxDistancePixels * maxDistancePixels;
    for (int64_t row : mDrawn) {
        const double dx
            = xAxis->coordToPixel(mRanking->latentX[static_cast<size_t>(row)]) - pixel.x();
        const double dy
            = yAxis->coordToPixel(mRanking->latentY[static_cast<size_t>(row)]) - pixel.y();
        const double distance = dx * dx + dy * dy;
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = row;
        }
    }
    return best;
}

QString LatentPlot::rowSummary(int64_t row) const
{
    if (!mDataset || !mRanking || row < 0 || row >= mDataset->rowCount())
        return QString();
    const auto r = static_cast<size_t>(row);
    QString text = tr("id %1 · rank %2")
                       .arg(r < mDataset->ids.size() ? QString::fromStdString(mDataset->ids[r])
                                                     : QString::number(row + 1))
                       .arg(mRanking->rankOfRow[r]);
    if (mDataset->hasGroups() && !mGroupHidden)
        text += tr(" · group %1")
                    .arg(QString::fromStdString(
                        mDataset->groupNames[static_cast<size_t>(mDataset->groups[r])]));
    text += tr("\nscore %1").arg(formatValue(mRanking->score[r]));
    if (r < mRanking->probability.size() && std::isfinite(mRanking->probability[r]))
        text += tr(" · P(anomaly) %1").arg(formatProbability(mRanking->probability[r]));
    if (r < mStatus.size())
        text += tr(" · %1").arg(mStatus[r] == RowStatus::Unlabelled
                ? tr("unlabelled")
                : QueueModel::statusText(mStatus[r]));
    return text;
}

void LatentPlot::fitToPoints()
{
    rescaleAxes();
    xAxis->scaleRange(1.08);
    yAxis->scaleRange(1.08);
}

void LatentPlot::onMouseMove(QMouseEvent* event)
{
    if (event->buttons() != Qt::NoButton) {
        mUserZoomed = true; // dragging pans
        return;
    }
    const int64_t row = rowNearest(event->position(), kHoverRadiusPixels);
    if (row >= 0)
        QToolTip::showText(event->globalPosition().toPoint(), rowSummary(row), this);
    else
        QToolTip::hideText();
}

void LatentPlot::onMousePress(QMouseEvent* event)
{
    mPressPosition = event->pos();
}

void LatentPlot::onMouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton
        || (event->pos() - mPressPosition).manhattanLength() > kClickSlopPixels)
        return;
    const int64_t row = rowNearest(event->position(), kHoverRadiusPixels);
    if (row >= 0) {
        setSelectedRow(row);
        emit rowClicked(row);
    }
}

} // namespace fr::ui

#include "moc_latent_plot.cpp"
