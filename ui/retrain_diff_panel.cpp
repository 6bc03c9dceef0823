#include "retrain_diff_panel.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>

namespace fr::ui {

namespace {
constexpr int kRowRole = Qt::UserRole; // the dataset row of a list item
constexpr int kMaxListedRows = 2000; // beyond this a list says how many more; the counts are exact

QString signedCounts(int64_t entered, int64_t left)
{
    return QStringLiteral("+%1 / −%2").arg(entered).arg(left);
}
} // namespace

RetrainDiffPanel::RetrainDiffPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QGridLayout(this);
    mSummary = new QLabel(this);
    mSummary->setWordWrap(true);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mEntered = new QListWidget(this);
    mLeft = new QListWidget(this);
    mEntered->setToolTip(tr("Rows that the new model put into the top K (click: show in queue)"));
    mLeft->setToolTip(tr("Rows that dropped out of the top K (click: show in queue)"));
    layout->addWidget(mSummary, 0, 0, 1, 2);
    layout->addWidget(new QLabel(tr("Entered the top K"), this), 1, 0);
    layout->addWidget(new QLabel(tr("Left the top K"), this), 1, 1);
    layout->addWidget(mEntered, 2, 0);
    layout->addWidget(mLeft, 2, 1);
    layout->setRowStretch(2, 1);
    for (QListWidget* list : {mEntered, mLeft}) {
        connect(list, &QListWidget::itemClicked, this, &RetrainDiffPanel::activate);
        connect(list, &QListWidget::itemActivated, this, &RetrainDiffPanel::activate);
    }
    refresh();
}

void RetrainDiffPanel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    mDataset = std::move(dataset);
    mPrevious.reset();
    mCurrent.reset();
    refresh();
}

void RetrainDiffPanel::showRanking(std::shared_ptr<const RankingSnapshot> ranking)
{
    if (!ranking || (mCurrent && mCurrent->modelVersion == ranking->modelVersion))
        return;
    mPrevious = std::move(mCurrent);
    mCurrent = std::move(ranking);
    refresh();
}

void RetrainDiffPanel::setK(int64_t k)
{
    if (k == mK)
        return;
    mK = k;
    refresh();
}

void RetrainDiffPanel::setGroupHidden(bool hidden)
{
    if (hidden == mGroupHidden)
        return;
    mGroupHidden = hidden;
    refresh();
}

QString RetrainDiffPanel::summaryText() const
{
    return mSummary->text();
}

void RetrainDiffPanel::refresh()
{
    mEntered->clear();
    mLeft->clear();
    if (!mDataset || !mCurrent || !mPrevious || mK < 1) {
        mSummary->setText(tr("No retrain yet in this session: after the next one (or a rollback) "
                             "this tab shows which rows entered and left the top K."));
        return;
    }
    auto diff = diffTopK(mPrevious->order, mCurrent->order, mK, mDataset->groups,
        static_cast<int>(mDataset->groupNames.size()));
    if (!diff.ok()) {
        mSummary->setText(
            tr("Cannot compare the rankings: %1").arg(QString::fromStdString(diff.error())));
        return;
    }
    showDiff(diff.value());
}

void RetrainDiffPanel::showDiff(const TopKDiff& diff)
{
    QString text = tr("Model v%1 → v%2: %3 in the top %4 (%5% of the previous top %4 stayed)")
                       .arg(mPrevious->modelVersion)
                       .arg(mCurrent->modelVersion)
                       .arg(signedCounts(static_cast<int64_t>(diff.entered.size()),
                           static_cast<int64_t>(diff.left.size())))
                       .arg(diff.k)
                       .arg(100.0 * diff.overlap, 0, 'f', 1);
    const QString groups = groupSummary(diff);
    if (!groups.isEmpty())
        text += QStringLiteral("; ") + groups;
    mSummary->setText(text);
    fillList(mEntered, diff.entered);
    fillList(mLeft, diff.left);
}

// "protected group Black +9 / −3, White +5 / −11": the protected group first.
QString RetrainDiffPanel::groupSummary(const TopKDiff& diff) const
{
    QStringList parts;
    for (size_t g = 0; g < diff.groups.size(); ++g) {
        const QString name = QString::fromStdString(mDataset->groupNames[g]);
        const QString counts = signedCounts(diff.groups[g].entered, diff.groups[g].left);
        if (static_cast<int>(g) == mDataset->protectedGroup)
            parts.prepend(tr("protected group %1 %2").arg(name, counts));
        else
            parts.append(QStringLiteral("%1 %2").arg(name, counts));
    }
    return parts.join(QStringLiteral(", "));
}

void RetrainDiffPanel::fillList(QListWidget* list, const std::vector<int64_t>& rows)
{
    const size_t shown = std::min(rows.size(), static_cast<size_t>(kMaxListedRows));
    for (size_t i = 0; i < shown; ++i) {
        auto* item = new QListWidgetItem(rowText(rows[i]), list);
        item->setData(kRowRole, QVariant::fromValue<qint64>(rows[i]));
    }
    if (shown < rows.size())
        list->addItem(tr("… and %1 more").arg(rows.size() - shown));
}

// "id 4711 · Black · rank 903 → 12"
QString RetrainDiffPanel::rowText(int64_t row) const
{
    const auto r = static_cast<size_t>(row);
    QString text = mDataset->ids.empty()
        ? tr("row %1").arg(row + 1)
        : tr("id %1").arg(QString::fromStdString(mDataset->ids[r]));
    if (mDataset->hasGroups() && mDataset->groups[r] >= 0 && !mGroupHidden)
        text += QStringLiteral(" · ")
            + QString::fromStdString(
                mDataset->groupNames[static_cast<size_t>(mDataset->groups[r])]);
    return text + tr(" · rank %1 → %2").arg(mPrevious->rankOfRow[r]).arg(mCurrent->rankOfRow[r]);
}

void RetrainDiffPanel::activate(QListWidgetItem* item)
{
    const QVariant row = item ? item->data(kRowRole) : QVariant();
    if (row.isValid())
        emit rowClicked(row.toLongLong());
}

} // namespace fr::ui

#include "moc_retrain_diff_panel.cpp"
