#include "detail_panel.h"

#include "feature_text.h"
#include "image_rendering.h"
#include "number_format.h"
#include "queue_model.h"
#include "row_explanation_view.h"

#include "data/row_explain.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fr::ui {

namespace {
constexpr int kImageScale = 6; // 28 px Fashion-MNIST -> 168 px
constexpr int kMaxHistoryLines = 8;

QString plainNumber(double value)
{
    // Raw values come back from float32 scaling: 49 reads as 48.99999. Integral within float
    // precision means a count or a year, shown without decimals.
    if (std::isfinite(value)
        && std::abs(value - std::round(value)) < 1e-4 * std::max(1.0, std::abs(value))
        && std::abs(value) < 1e12)
        return QString::number(static_cast<qlonglong>(std::llround(value)));
    return formatValue(value);
}

struct ValueLine {
    QString feature, value, typical;
    double deviation = 0.0; // in standard deviations, from core's row_explain
};

// A categorical column spans several one-hot features: show the row's category and the most
// common one with its share, which reads better than a row of zeros and ones.
ValueLine categoricalLine(const Dataset& data, int64_t row, size_t first, size_t end,
    const std::vector<double>& deviations)
{
    const std::string& column = data.features[first].sourceColumn;
    ValueLine line {QString::fromStdString(column), QStringLiteral("–"), QString()};
    double bestShare = -1.0;
    for (size_t f = first; f < end; ++f) {
        const QString category
            = QString::fromStdString(data.features[f].name.substr(column.size() + 1));
        if (rawFeatureValue(data, row, f) >= 0.5) {
            line.value = category;
            line.deviation = deviations[f];
        }
        if (data.features[f].mean > bestShare) {
            bestShare = data.features[f].mean;
            line.typical
                = QStringLiteral("%1 (%2%)").arg(category).arg(std::lround(bestShare * 100.0));
        }
    }
    return line;
}

std::vector<double> deviationsByColumn(const Dataset& data, int64_t row, size_t count)
{
    std::vector<double> deviations(count, 0.0);
    for (const FeatureDeviation& d : topDeviations(data, row, static_cast<int>(count))) {
        if (d.column >= 0 && static_cast<size_t>(d.column) < count)
            deviations[static_cast<size_t>(d.column)] = d.deviation;
    }
    return deviations;
}

// The row's values, the most unusual first.
std::vector<ValueLine> valueLines(const Dataset& data, int64_t row)
{
    std::vector<ValueLine> lines;
    const size_t count
        = std::min<size_t>(data.features.size(), static_cast<size_t>(data.matrix.cols));
    const std::vector<double> deviations = deviationsByColumn(data, row, count);
    for (size_t f = 0; f < count;) {
        const FeatureInfo& info = data.features[f];
        if (isOneHotFeature(info)) {
            size_t end = f + 1;
            while (end < count && data.features[end].sourceColumn == info.sourceColumn
                && isOneHotFeature(data.features[end]))
                ++end;
            lines.push_back(categoricalLine(data, row, f, end, deviations));
            f = end;
            continue;
        }
        lines.push_back({QString::fromStdString(info.name),
            plainNumber(rawFeatureValue(data, row, f)), formatValue(info.mean), deviations[f]});
        ++f;
    }
    std::stable_sort(lines.begin(), lines.end(), [](const ValueLine& a, const ValueLine& b) {
        return std::abs(a.deviation) > std::abs(b.deviation);
    });
    return lines;
}
} // namespace

DetailPanel::DetailPanel(QWidget* parent)
    : QWidget(parent)
{
    buildLayout();
}

void DetailPanel::buildLayout()
{
    auto* layout = new QVBoxLayout(this);
    mHeadline = new QLabel(this);
    QFont big = mHeadline->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    mHeadline->setFont(big);
    mHeadline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mScores = new QLabel(this);
    mReason = new QLabel(this);
    mReason->setWordWrap(true);
    mReason->setStyleSheet(QStringLiteral("color: #404040;"));
    layout->addWidget(mHeadline);
    layout->addWidget(mScores);
    layout->addWidget(mReason);
    mExplanationView = new RowExplanationView(this);
    layout->addWidget(mExplanationView);

    mValues = new QTableWidget(0, 4, this);
    mValues->setHorizontalHeaderLabels(
        {tr("Feature"), tr("This row"), tr("Typical"), tr("Deviation")});
    mValues->verticalHeader()->setVisible(false);
    mValues->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    mValues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mValues->setSelectionMode(QAbstractItemView::NoSelection);
    mValues->setFocusPolicy(Qt::NoFocus);
    mValues->setAlternatingRowColors(true);

    auto* images = new QWidget(this);
    auto* imageLayout = new QGridLayout(images);
    mImage = new QLabel(images);
    mTypicalImage = new QLabel(images);
    imageLayout->addWidget(mImage, 0, 0, Qt::AlignCenter);
    imageLayout->addWidget(mTypicalImage, 0, 1, Qt::AlignCenter);
    imageLayout->addWidget(new QLabel(tr("this row"), images), 1, 0, Qt::AlignCenter);
    imageLayout->addWidget(new QLabel(tr("typical (mean image)"), images), 1, 1, Qt::AlignCenter);
    mHeatMap = new QLabel(images);
    mHeatMap->setToolTip(tr("Each pixel's share of the row's reconstruction error: bright where "
                            "the model rebuilt the image worst"));
    mHeatMapCaption = new QLabel(tr("reconstruction error"), images);
    imageLayout->addWidget(mHeatMap, 0, 2, Qt::AlignCenter);
    imageLayout->addWidget(mHeatMapCaption, 1, 2, Qt::AlignCenter);
    mValuesStack = new QStackedWidget(this);
    mValuesStack->addWidget(mValues);
    mValuesStack->addWidget(images);
    layout->addWidget(mValuesStack, 1);

    mHistory = new QLabel(this);
    mHistory->setWordWrap(true);
    mHistory->setTextFormat(Qt::RichText);
    layout->addWidget(mHistory);
    layout->addWidget(buildButtons());
    clearRow(tr("Open a data set to start (File ▸ Open…)."));
}

QWidget* DetailPanel::buildButtons()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    mAnomaly = new QPushButton(tr("&A  Anomaly"), bar);
    mNormal = new QPushButton(tr("&N  Normal"), bar);
    mSkip = new QPushButton(tr("&S  Skip"), bar);
    for (QPushButton* button : {mAnomaly, mNormal, mSkip})
        button->setFocusPolicy(Qt::NoFocus); // keys go to the queue, not to a focused button
    mAnomaly->setToolTip(tr("Label the row an anomaly (key A)"));
    mNormal->setToolTip(tr("Label the row normal (key N)"));
    mSkip->setToolTip(tr("Leave the row unlabelled and go to the next (key S)"));
    mNote = new QLineEdit(bar);
    mNote->setPlaceholderText(tr("note for the next label (optional)"));
    mNote->setClearButtonEnabled(true);
    mNote->setToolTip(tr("A note stored with the next label you give (A or N)"));
    layout->addWidget(mAnomaly);
    layout->addWidget(mNormal);
    layout->addWidget(mSkip);
    layout->addWidget(mNote, 1);
    connect(mAnomaly, &QPushButton::clicked, this, &DetailPanel::anomalyRequested);
    connect(mNormal, &QPushButton::clicked, this, &DetailPanel::normalRequested);
    connect(mSkip, &QPushButton::clicked, this, &DetailPanel::skipRequested);
    connect(mNote, &QLineEdit::returnPressed, this, &DetailPanel::noteFinished);
    return bar;
}

void DetailPanel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    mDataset = std::move(dataset);
    mRanking.reset();
    mValuesStack->setCurrentIndex(mDataset && mDataset->isImage() ? 1 : 0);
    if (mDataset && mDataset->isImage()) {
        const QImage typical = typicalImage(*mDataset);
        mTypicalImage->setPixmap(QPixmap::fromImage(typical.scaled(
            typical.size() * kImageScale, Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    clearRow(tr("Training the first model…"));
}

void DetailPanel::setRanking(std::shared_ptr<const RankingSnapshot> ranking)
{
    mRanking = std::move(ranking);
}

void DetailPanel::clearRow(const QString& message)
{
    mRow = -1;
    mHeadline->setText(message);
    mScores->clear();
    mReason->clear();
    mValues->setRowCount(0);
    mImage->clear();
    mHeatMap->clear();
    mExplanation.reset();
    mExplanationView->showMessage(QString());
    mHistory->clear();
    for (QPushButton* button : {mAnomaly, mNormal, mSkip})
        button->setEnabled(false);
}

void DetailPanel::showRow(
    int64_t row, RowStatus status, bool inBatch, const std::vector<LabelRecord>& history)
{
    if (!mDataset || !mRanking || row < 0 || row >= mDataset->rowCount()) {
        clearRow(tr("Select a row in the queue."));
        return;
    }
    if (row != mRow || (mExplanation && mExplanation->modelVersion != mRanking->modelVersion)) {
        mExplanation.reset();
        mExplanationFailed = false;
    }
    mRow = row;
    const auto r = static_cast<size_t>(row);
    const QString id = r < mDataset->ids.size() ? QString::fromStdString(mDataset->ids[r])
                                                : QString::number(row + 1);
    QString headline = tr("Row %1").arg(id);
    if (mDataset->hasGroups() && mGroupHidden)
        headline += tr(" · group hidden (blind review)");
    else if (mDataset->hasGroups())
        headline += tr(" · group %1")
                        .arg(QString::fromStdString(
                            mDataset->groupNames[static_cast<size_t>(mDataset->groups[r])]));
    headline += tr(" · rank %1").arg(formatCount(mRanking->rankOfRow[r]));
    mHeadline->setText(headline);
    QString scores = tr("score %1").arg(formatValue(mRanking->score[r]));
    if (r < mRanking->probability.size() && std::isfinite(mRanking->probability[r]))
        scores += tr(" · P(anomaly) %1").arg(formatProbability(mRanking->probability[r]));
    scores += tr(" · label: %1")
                  .arg(status == RowStatus::Unlabelled ? tr("none yet")
                                                       : QueueModel::statusText(status));
    mScores->setText(scores);
    mReason->setText(reasonFor(row, inBatch));
    if (mDataset->isImage())
        showImage(row);
    else
        showValues(row);
    showExplanation();
    mHistory->setText(historyFor(history));
    for (QPushButton* button : {mAnomaly, mNormal, mSkip})
        button->setEnabled(!isLabelled(status));
}

void DetailPanel::setExplanation(std::shared_ptr<const RowExplanation> explanation)
{
    if (!explanation || explanation->row != mRow || !mRanking
        || explanation->modelVersion != mRanking->modelVersion)
        return;
    mExplanation = std::move(explanation);
    showExplanation();
}

void DetailPanel::setExplanationFailed(int64_t row, const QString& error)
{
    if (row != mRow || mExplanation)
        return;
    mExplanationFailed = true;
    mExplanationView->showMessage(tr("could not explain the row: %1").arg(error));
}

void DetailPanel::showExplanation()
{
    mHeatMap->clear();
    mHeatMapCaption->setVisible(false);
    if (!mExplanation) {
        mExplanationView->showMessage(tr("asking the model… (after the training, if one runs)"));
        return;
    }
    mExplanationView->showExplanation(*mExplanation, *mDataset, mGroupHidden);
    if (mDataset->isImage() && mExplanation->hasReconstruction) {
        const QImage heat = errorHeatMap(*mDataset, mExplanation->columnShare);
        mHeatMap->setPixmap(QPixmap::fromImage(
            heat.scaled(heat.size() * kImageScale, Qt::KeepAspectRatio, Qt::FastTransformation)));
        mHeatMapCaption->setVisible(true);
    }
}

QString DetailPanel::reasonFor(int64_t row, bool inBatch) const
{
    const int64_t rank = mRanking->rankOfRow[static_cast<size_t>(row)];
    const QString where = inBatch
        ? tr("In this batch because it is among the top unlabelled rows (rank %1)")
              .arg(formatCount(rank))
        : tr("Not in this batch (rank %1)").arg(formatCount(rank));
    if (mRanking->reason == RankReason::BaseScore)
        return where
            + tr(", ranked by the base detector's score: cold start, the review model "
                 "takes over once your labels hold both classes.");
    return where
        + tr(", ranked by the review model's probability, learned from your labels "
             "(cold start over).");
}

void DetailPanel::setGroupHidden(bool hidden, const std::string& groupColumn)
{
    mGroupHidden = hidden;
    mHiddenColumn = hidden ? QString::fromStdString(groupColumn) : QString();
}

void DetailPanel::showValues(int64_t row)
{
    std::vector<ValueLine> lines = valueLines(*mDataset, row);
    if (!mHiddenColumn.isEmpty())
        lines.erase(std::remove_if(lines.begin(), lines.end(),
                        [&](const ValueLine& l) { return l.feature == mHiddenColumn; }),
            lines.end());
    mValues->setRowCount(static_cast<int>(lines.size()));
    for (size_t i = 0; i < lines.size(); ++i) {
        const int r = static_cast<int>(i);
        mValues->setItem(r, 0, new QTableWidgetItem(lines[i].feature));
        auto* value = new QTableWidgetItem(lines[i].value);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        mValues->setItem(r, 1, value);
        mValues->setItem(r, 2, new QTableWidgetItem(lines[i].typical));
        auto* deviation = new QTableWidgetItem(
            QStringLiteral("%1%2σ")
                .arg(lines[i].deviation >= 0 ? QStringLiteral("+") : QStringLiteral("−"))
                .arg(std::abs(lines[i].deviation), 0, 'f', 1));
        deviation->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        mValues->setItem(r, 3, deviation);
    }
    mValues->resizeRowsToContents();
}

void DetailPanel::showImage(int64_t row)
{
    const QImage image = rowImage(*mDataset, row);
    mImage->setPixmap(QPixmap::fromImage(
        image.scaled(image.size() * kImageScale, Qt::KeepAspectRatio, Qt::FastTransformation)));
}

QString DetailPanel::historyFor(const std::vector<LabelRecord>& history) const
{
    if (history.empty())
        return tr("<b>Label history:</b> none.");
    QString text = tr("<b>Label history:</b>");
    const size_t first = history.size() > kMaxHistoryLines ? history.size() - kMaxHistoryLines : 0;
    for (size_t i = first; i < history.size(); ++i) {
        const LabelRecord& label = history[i];
        const QString when = QDateTime::fromMSecsSinceEpoch(label.timeUtcMs)
                                 .toLocalTime()
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        QString line
            = tr("%1 · <b>%2</b> · model v%3 · rank %4 · round %5")
                  .arg(when, label.label == LabelValue::Anomaly ? tr("anomaly") : tr("normal"))
                  .arg(label.modelVersion)
                  .arg(label.rank)
                  .arg(label.round);
        if (!label.note.empty())
            line += tr(" · “%1”").arg(QString::fromStdString(label.note).toHtmlEscaped());
        if (label.undone)
            line = QStringLiteral("<s>%1</s> (undone)").arg(line);
        text += QStringLiteral("<br>") + line;
    }
    return text;
}

QString DetailPanel::note() const
{
    return mNote->text().trimmed();
}

void DetailPanel::clearNote()
{
    mNote->clear();
}

QString DetailPanel::headline() const
{
    return mHeadline->text();
}

QString DetailPanel::reasonText() const
{
    return mReason->text();
}

int DetailPanel::featureRowCount() const
{
    return mValues->rowCount();
}

QString DetailPanel::historyText() const
{
    return mHistory->text();
}

QString DetailPanel::explanationText() const
{
    return mExplanationView->plainText();
}

bool DetailPanel::heatMapShown() const
{
    return !mHeatMap->pixmap().isNull();
}

} // namespace fr::ui

#include "moc_detail_panel.cpp"
