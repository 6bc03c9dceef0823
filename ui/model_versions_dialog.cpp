#include "model_versions_dialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
enum Column { VersionColumn, TimeColumn, LabelsColumn, FoundColumn, ColumnCount };

// The anomalies among the labels a version learnt from, kept in its metrics JSON; -1 if absent.
qint64 foundOf(const ModelVersionRecord& m)
{
    const QJsonObject metrics
        = QJsonDocument::fromJson(QByteArray::fromStdString(m.metrics)).object();
    return metrics.contains(QStringLiteral("found"))
        ? metrics.value(QStringLiteral("found")).toInteger()
        : -1;
}

QTableWidgetItem* cell(const QString& text, int64_t version)
{
    auto* item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, QVariant::fromValue<qint64>(version));
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}
} // namespace

ModelVersionsDialog::ModelVersionsDialog(
    const std::vector<ModelVersionRecord>& versions, int64_t current, QWidget* parent)
    : QDialog(parent)
    , mCurrent(current)
{
    setWindowTitle(tr("Model versions"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Every model the project keeps. Making an earlier one current "
                                    "(a rollback) re-ranks the queue with it; the audit log "
                                    "records it and the next retrain starts from it."),
        this));
    mTable = new QTableWidget(this);
    fillTable(versions);
    layout->addWidget(mTable, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    mMakeCurrent = buttons->addButton(tr("&Make current"), QDialogButtonBox::AcceptRole);
    mMakeCurrent->setDefault(true);
    mMakeCurrent->setToolTip(tr("Roll back to the selected version (Enter)"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mMakeCurrent, &QPushButton::clicked, this, &ModelVersionsDialog::makeCurrent);
    connect(mTable, &QTableWidget::itemSelectionChanged, this, &ModelVersionsDialog::updateButton);
    connect(mTable, &QTableWidget::itemActivated, this, &ModelVersionsDialog::makeCurrent);
    resize(560, 360);
    mTable->setFocus();
    updateButton();
}

void ModelVersionsDialog::fillTable(const std::vector<ModelVersionRecord>& versions)
{
    mTable->setColumnCount(ColumnCount);
    mTable->setHorizontalHeaderLabels(
        {tr("Version"), tr("Trained"), tr("Labels used"), tr("Found")});
    mTable->setRowCount(static_cast<int>(versions.size()));
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < static_cast<int>(versions.size()); ++r) {
        const ModelVersionRecord& m = versions[static_cast<size_t>(r)];
        const QString version
            = m.version == mCurrent ? tr("v%1 (current)").arg(m.version) : tr("v%1").arg(m.version);
        const qint64 found = foundOf(m);
        mTable->setItem(r, VersionColumn, cell(version, m.version));
        mTable->setItem(r, TimeColumn,
            cell(QDateTime::fromMSecsSinceEpoch(m.createdUtcMs)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                m.version));
        mTable->setItem(r, LabelsColumn, cell(QString::number(m.labelsUsed), m.version));
        mTable->setItem(
            r, FoundColumn, cell(found >= 0 ? QString::number(found) : tr("—"), m.version));
        if (m.version == mCurrent)
            mTable->selectRow(r);
    }
    mTable->resizeColumnsToContents();
}

int64_t ModelVersionsDialog::selectedVersion() const
{
    const auto rows = mTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    return mTable->item(rows.front().row(), VersionColumn)->data(Qt::UserRole).toLongLong();
}

void ModelVersionsDialog::updateButton()
{
    const int64_t version = selectedVersion();
    mMakeCurrent->setEnabled(version > 0 && version != mCurrent);
}

void ModelVersionsDialog::makeCurrent()
{
    const int64_t version = selectedVersion();
    if (version <= 0 || version == mCurrent)
        return;
    mChosen = version;
    accept();
}

} // namespace fr::ui

#include "moc_model_versions_dialog.cpp"
