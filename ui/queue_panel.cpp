#include "queue_panel.h"

#include "number_format.h"
#include "palette.h"

#include <QComboBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QToolButton>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
QIcon colourSwatch(const QColor& colour)
{
    QPixmap swatch(12, 12);
    swatch.fill(colour);
    return QIcon(swatch);
}

// An empty field is no bound; scores are written and read with a '.' whatever the locale.
double boundOf(const QLineEdit* edit, double none)
{
    bool ok = false;
    const double value = QLocale::c().toDouble(edit->text().trimmed(), &ok);
    return ok ? value : none;
}

QLineEdit* scoreEdit(QWidget* parent, const QString& placeholder, const QString& toolTip)
{
    auto* edit = new QLineEdit(parent);
    auto* validator = new QDoubleValidator(edit);
    validator->setLocale(QLocale::c());
    validator->setNotation(QDoubleValidator::StandardNotation);
    edit->setValidator(validator);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(toolTip);
    edit->setClearButtonEnabled(true);
    edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0000.0000")) + 40);
    return edit;
}
} // namespace

QueuePanel::QueuePanel(QWidget* parent)
    : QWidget(parent)
{
    mModel = new QueueModel(this);
    mProxy = new QueueFilterModel(this);
    mProxy->setQueueModel(mModel);
    buildLayout();
}

void QueuePanel::buildLayout()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* filters = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Queue</b>"), this);
    mStatus = new QComboBox(this);
    mStatus->addItem(tr("To review"), int(QueueFilterModel::StatusFilter::ToReview));
    mStatus->addItem(tr("All rows"), int(QueueFilterModel::StatusFilter::All));
    mStatus->addItem(tr("Labelled"), int(QueueFilterModel::StatusFilter::Labelled));
    mStatus->addItem(tr("Anomalies"), int(QueueFilterModel::StatusFilter::Anomalies));
    mStatus->addItem(tr("Normals"), int(QueueFilterModel::StatusFilter::Normals));
    mStatus->addItem(tr("Skipped"), int(QueueFilterModel::StatusFilter::Skipped));
    mStatus->setToolTip(tr("Which rows the queue shows. \"To review\": the unlabelled rows, plus "
                           "those labelled since the last ranking"));
    mGroup = new QComboBox(this);
    mGroup->setToolTip(tr("Show one sensitive group only"));
    mSearch = new QLineEdit(this);
    mSearch->setPlaceholderText(tr("search id (Ctrl+F)"));
    mSearch->setClearButtonEnabled(true);
    mSearch->setToolTip(tr("Show only the rows whose id contains this text (Ctrl+F)"));
    filters->addWidget(title);
    filters->addWidget(mStatus);
    filters->addWidget(mGroup);
    filters->addWidget(mSearch, 1);
    layout->addLayout(filters);
    layout->addLayout(buildScoreRow());
    mBatch = new QLabel(this);
    mBatch->setWordWrap(true);
    layout->addWidget(mBatch);
    mView = new QueueView(this);
    mView->setModel(mProxy);
    layout->addWidget(mView, 1);
    mCount = new QLabel(this);
    mCount->setStyleSheet(QStringLiteral("color: #505050;"));
    layout->addWidget(mCount);

    connect(mStatus, &QComboBox::currentIndexChanged, this, [this] {
        mProxy->setStatusFilter(
            static_cast<QueueFilterModel::StatusFilter>(mStatus->currentData().toInt()));
    });
    connect(mGroup, &QComboBox::currentIndexChanged, this,
        [this] { mProxy->setGroupFilter(mGroup->currentData().toInt()); });
    connect(mSearch, &QLineEdit::textChanged, mProxy, &QueueFilterModel::setIdSearch);
    connect(mProxy, &QAbstractItemModel::modelReset, this, &QueuePanel::updateCountLabel);
    connect(mProxy, &QAbstractItemModel::rowsInserted, this, &QueuePanel::updateCountLabel);
    connect(mProxy, &QAbstractItemModel::rowsRemoved, this, &QueuePanel::updateCountLabel);
    connect(mProxy, &QAbstractItemModel::layoutChanged, this, &QueuePanel::updateCountLabel);
}

QLayout* QueuePanel::buildScoreRow()
{
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("&Score from"), this);
    mScoreMin
        = scoreEdit(this, tr("min"), tr("Hide the rows that score below this (empty: no bound)"));
    mScoreMax
        = scoreEdit(this, tr("max"), tr("Hide the rows that score above this (empty: no bound)"));
    label->setBuddy(mScoreMin);
    mClearScore = new QToolButton(this);
    mClearScore->setText(tr("Clear"));
    mClearScore->setToolTip(tr("Show every score again"));
    mClearScore->setEnabled(false);
    row->addWidget(label);
    row->addWidget(mScoreMin);
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(mScoreMax);
    row->addWidget(mClearScore);
    row->addStretch(1);
    connect(mScoreMin, &QLineEdit::textChanged, this, &QueuePanel::applyScoreRange);
    connect(mScoreMax, &QLineEdit::textChanged, this, &QueuePanel::applyScoreRange);
    connect(mClearScore, &QToolButton::clicked, this, &QueuePanel::clearScoreRange);
    return row;
}

void QueuePanel::applyScoreRange()
{
    mProxy->setScoreRange(boundOf(mScoreMin, -QueueFilterModel::kNoBound),
        boundOf(mScoreMax, QueueFilterModel::kNoBound));
    mClearScore->setEnabled(mProxy->hasScoreRange());
}

void QueuePanel::clearScoreRange()
{
    mScoreMin->clear();
    mScoreMax->clear();
}

void QueuePanel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    mGroup->blockSignals(true);
    mGroup->clear();
    mGroup->addItem(tr("All groups"), -1);
    if (dataset) {
        for (size_t g = 0; g < dataset->groupNames.size(); ++g)
            mGroup->addItem(colourSwatch(palette::groupColor(static_cast<int>(g))),
                QString::fromStdString(dataset->groupNames[g]), static_cast<int>(g));
    }
    mGroup->setVisible(dataset && dataset->hasGroups() && !mModel->groupHidden());
    mGroup->blockSignals(false);
    mProxy->setGroupFilter(-1);
    mView->adaptTo(dataset && dataset->isImage(), dataset && dataset->hasGroups());
    mModel->setDataset(std::move(dataset));
    updateCountLabel();
}

void QueuePanel::setGroupHidden(bool hidden, const std::string& groupColumn)
{
    mModel->setGroupHidden(hidden, groupColumn);
    mView->setGroupSortable(!hidden);
    if (hidden)
        mGroup->setCurrentIndex(0);
    const Dataset* data = mModel->dataset();
    mGroup->setVisible(data && data->hasGroups() && !hidden);
}

void QueuePanel::setStatusFilter(QueueFilterModel::StatusFilter filter)
{
    mStatus->setCurrentIndex(mStatus->findData(int(filter)));
}

void QueuePanel::selectDatasetRow(int64_t row)
{
    int proxyRow = mProxy->proxyRow(row);
    if (proxyRow < 0) {
        mSearch->clear();
        clearScoreRange();
        mGroup->setCurrentIndex(0);
        setStatusFilter(QueueFilterModel::StatusFilter::All);
        proxyRow = mProxy->proxyRow(row);
    }
    mView->selectProxyRow(proxyRow);
}

int64_t QueuePanel::nextUnlabelledRow() const
{
    const int rows = mProxy->rowCount();
    const int current = mView->currentIndex().isValid() ? mView->currentIndex().row() : -1;
    for (int step = 1; step <= rows; ++step) {
        const int candidate = (current + step) % rows;
        const int64_t row = mProxy->datasetRow(candidate);
        if (mModel->status(row) == RowStatus::Unlabelled)
            return row;
    }
    return -1;
}

void QueuePanel::setBatchSummary(const QString& text)
{
    mBatch->setText(text);
    mBatch->setVisible(!text.isEmpty());
}

void QueuePanel::updateCountLabel()
{
    const int shown = mProxy->rowCount();
    const int total = mModel->rowCount();
    mCount->setText(shown == total
            ? tr("%1 rows").arg(formatCount(total))
            : tr("%1 of %2 rows shown").arg(formatCount(shown), formatCount(total)));
}

} // namespace fr::ui

#include "moc_queue_panel.cpp"
