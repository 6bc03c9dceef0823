#include "group_fairness_table.h"

#include "fairness_text.h"
#include "number_format.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
constexpr int kEstimateColumns = 5; // rows, labelled, found, estimated, found share
constexpr int kBiasColumns = 3; // TPR prior, TPR head, xi

const GroupScoringBias* groupBias(const HeadPriorBias* bias, int group)
{
    if (!bias)
        return nullptr;
    for (const GroupScoringBias& g : bias->figures.groups)
        if (g.group == group)
            return &g;
    return nullptr;
}
} // namespace

GroupFairnessTable::GroupFairnessTable(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    mCaption = new QLabel(this);
    mCaption->setObjectName(QStringLiteral("groupFairnessCaption"));
    mCaption->setWordWrap(true);
    mTable = new QTableWidget(this);
    mTable->setObjectName(QStringLiteral("groupFairnessTable"));
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->setVisible(false);
    mTable->setSelectionMode(QAbstractItemView::NoSelection);
    mProxies = new QLabel(this);
    mProxies->setObjectName(QStringLiteral("groupFairnessProxies"));
    mProxies->setWordWrap(true);
    mProxies->setTextFormat(Qt::PlainText);
    mProxies->setStyleSheet(QStringLiteral("QLabel { color: #A04000; }"));
    mProxies->hide();
    layout->addWidget(mCaption);
    layout->addWidget(mTable, 1);
    layout->addWidget(mProxies);
    mAgreement = new QLabel(this);
    mAgreement->setObjectName(QStringLiteral("groupFairnessAgreement"));
    mAgreement->setWordWrap(true);
    mAgreement->setTextFormat(Qt::PlainText);
    mAgreement->setToolTip(tr("Cohen's kappa between the first labels and a second analyst's "
                              "(Review ▸ Second review…): 1 = always agree, 0 = chance"));
    mAgreement->hide();
    layout->addWidget(mAgreement);
    mCaption->setText(tr("No model yet"));
}

void GroupFairnessTable::setGroupNames(const std::vector<std::string>& names)
{
    mGroupNames = names;
    mTable->setRowCount(0);
    mCaption->setText(tr("No model yet"));
}

void GroupFairnessTable::setProxies(const std::vector<NamedGroupProxy>& proxies)
{
    const QString warning = proxyWarningText(proxies);
    mProxies->setText(warning);
    mProxies->setVisible(!warning.isEmpty());
}

QString GroupFairnessTable::caption() const
{
    return mCaption->text();
}

QStringList GroupFairnessTable::headers(bool withTruth) const
{
    QStringList h {tr("group"), tr("rows"), tr("labelled"), tr("anomalies found"),
        tr("estimated anomalies (95%)"), tr("found share (95%)"), tr("TPR prior"), tr("TPR head"),
        tr("ξ head − prior")};
    if (withTruth)
        h << tr("TPR prior (truth)") << tr("TPR head (truth)") << tr("ξ (truth)");
    return h;
}

void GroupFairnessTable::updateSnapshot(const ReviewSnapshot& snapshot)
{
    const bool withTruth = snapshot.truthBias.has_value();
    const QStringList h = headers(withTruth);
    const int groups = static_cast<int>(mGroupNames.size());
    mTable->clear();
    mTable->setColumnCount(h.size());
    mTable->setHorizontalHeaderLabels(h);
    mTable->setRowCount(groups + 1);
    for (int g = 0; g < groups; ++g)
        fillGroupRow(g, g, snapshot);
    fillAllRowsRow(groups, snapshot);
    mTable->resizeColumnsToContents();

    const QString fpr = targetFprText(kReportedFprQuantile);
    QString text = tr("Anomalies per group estimated from your labels and the review model's "
                      "probabilities (no ground truth). ");
    if (snapshot.labelBias)
        text += tr("TPR at a %1 false-positive rate (threshold from the labelled normals) %2.")
                    .arg(fpr, biasTruthText(*snapshot.labelBias));
    else
        text += tr("TPR at a %1 false-positive rate: not yet, %2.")
                    .arg(fpr, QString::fromStdString(snapshot.labelBiasMissing));
    if (snapshot.truthBias)
        text += QLatin1Char(' ')
            + tr("The (truth) columns use the data's ground truth, which the model never sees.");
    mCaption->setText(text);
}

void GroupFairnessTable::fillGroupRow(int row, int group, const ReviewSnapshot& snapshot)
{
    QString name = QString::fromStdString(mGroupNames[static_cast<size_t>(group)]);
    for (const GroupFigure& f : snapshot.metrics.groups)
        if (f.isProtected && f.group == mGroupNames[static_cast<size_t>(group)])
            name += tr(" (protected)");
    setCell(row, 0, name);
    for (const GroupAnomalyEstimate& e : snapshot.estimates) {
        if (e.group != group)
            continue;
        setCell(row, 1, formatCount(e.rows));
        setCell(row, 2, formatCount(e.labelled));
        setCell(row, 3, formatCount(e.found));
        setCell(row, 4,
            QStringLiteral("%1 %2").arg(
                QString::number(e.estimatedAnomalies, 'f', 1), formatInterval(e.low, e.high)));
        setCell(row, 5,
            QStringLiteral("%1 %2").arg(
                formatValue(e.foundShare), formatInterval(e.foundShareLow, e.foundShareHigh)));
    }
    const int biasColumn = 1 + kEstimateColumns;
    setBiasCells(row, biasColumn, snapshot.labelBias ? &*snapshot.labelBias : nullptr, group);
    if (snapshot.truthBias)
        setBiasCells(row, biasColumn + kBiasColumns, &*snapshot.truthBias, group);
}

void GroupFairnessTable::fillAllRowsRow(int row, const ReviewSnapshot& snapshot)
{
    setCell(row, 0, tr("all rows"));
    if (snapshot.ranking)
        setCell(row, 1, formatCount(static_cast<int64_t>(snapshot.ranking->order.size())));
    int64_t labelled = 0, found = 0;
    for (const GroupAnomalyEstimate& e : snapshot.estimates) {
        labelled += e.labelled;
        found += e.found;
    }
    if (!snapshot.estimates.empty()) {
        setCell(row, 2, formatCount(labelled));
        setCell(row, 3, formatCount(found));
    }
    const int biasColumn = 1 + kEstimateColumns;
    setBiasCells(row, biasColumn, snapshot.labelBias ? &*snapshot.labelBias : nullptr, kNoGroup);
    if (snapshot.truthBias)
        setBiasCells(row, biasColumn + kBiasColumns, &*snapshot.truthBias, kNoGroup);
}

// group kNoGroup: the overall figures.
void GroupFairnessTable::setBiasCells(int row, int column, const HeadPriorBias* bias, int group)
{
    if (!bias)
        return;
    double prior = bias->figures.tprBase, head = bias->figures.tprOther, xi = bias->figures.bias;
    if (group != kNoGroup) {
        const GroupScoringBias* g = groupBias(bias, group);
        if (!g)
            return;
        prior = g->tprBase;
        head = g->tprOther;
        xi = g->bias;
    }
    setCell(row, column, formatValue(prior));
    setCell(row, column + 1, formatValue(head));
    setCell(row, column + 2, formatValue(xi));
}

void GroupFairnessTable::setCell(int row, int column, const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(
        column == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    mTable->setItem(row, column, item);
}

void GroupFairnessTable::setAgreement(const ReviewAgreement& agreement)
{
    if (agreement.overall.pairs == 0) {
        mAgreement->hide();
        return;
    }
    mAgreement->setText(tr("Second review, agreement with the first labels: ")
        + agreementLines(agreement).join(QStringLiteral("; ")));
    mAgreement->show();
}

QString GroupFairnessTable::agreementText() const
{
    return mAgreement->isHidden() ? QString() : mAgreement->text();
}

} // namespace fr::ui

#include "moc_group_fairness_table.cpp"
