#include "columns_page.h"

#include "fairness_text.h"
#include "number_format.h"

#include "data/dataset_loader.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
constexpr int kPreviewRows = 20;
const int kNone = -1;

int columnIndex(const QComboBox* combo)
{
    return combo->currentData().toInt();
}
} // namespace

ColumnsPage::ColumnsPage(QWidget* parent)
    : QWizardPage(parent)
{
    setTitle(tr("Columns"));
    setSubTitle(tr("Check the first rows and say what each column is. The group column is kept "
                   "out of the model (it is only used to check fairness)."));
    auto* layout = new QVBoxLayout(this);
    mState = new QLabel(this);
    layout->addWidget(mState);
    mTable = new QTableWidget(this);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->setVisible(false);
    layout->addWidget(mTable, 2);
    auto* roles = new QHBoxLayout;
    auto* form = new QFormLayout;
    mId = new QComboBox(this);
    mGroup = new QComboBox(this);
    mProtected = new QComboBox(this);
    mTruth = new QComboBox(this);
    mAnomaly = new QComboBox(this);
    // Named, so that tests and accessibility tools can find them.
    mId->setObjectName(QStringLiteral("idColumn"));
    mGroup->setObjectName(QStringLiteral("groupColumn"));
    mProtected->setObjectName(QStringLiteral("protectedValue"));
    mTruth->setObjectName(QStringLiteral("truthColumn"));
    mAnomaly->setObjectName(QStringLiteral("anomalyValue"));
    form->addRow(tr("Row id:"), mId);
    form->addRow(tr("Sensitive group:"), mGroup);
    form->addRow(tr("Protected value:"), mProtected);
    form->addRow(tr("Ground truth (optional):"), mTruth);
    form->addRow(tr("Value meaning anomaly:"), mAnomaly);
    roles->addLayout(form, 1);
    mFeatures = new QListWidget(this);
    mFeatures->setObjectName(QStringLiteral("featureColumns"));
    mFeatures->setToolTip(tr("Columns the model learns from; uncheck to ignore one"));
    auto* featureBox = new QVBoxLayout;
    featureBox->addWidget(new QLabel(tr("Features:"), this));
    featureBox->addWidget(mFeatures);
    roles->addLayout(featureBox, 1);
    layout->addLayout(roles, 1);
    mProxyWarning = new QLabel(this);
    mProxyWarning->setObjectName(QStringLiteral("proxyWarning"));
    mProxyWarning->setWordWrap(true);
    mProxyWarning->setTextFormat(Qt::PlainText);
    mProxyWarning->setStyleSheet(QStringLiteral("QLabel { color: #A04000; }"));
    mProxyWarning->hide();
    layout->addWidget(mProxyWarning);
    connect(mGroup, &QComboBox::currentIndexChanged, this, [this] {
        fillValues(mProtected, mGroup, QString());
        updateFeatureList();
        startProxyCheck();
    });
    // A feature unchecked is one the model no longer sees: it may stop being a proxy.
    connect(mFeatures, &QListWidget::itemChanged, this, &ColumnsPage::startProxyCheck);
    connect(mTruth, &QComboBox::currentIndexChanged, this, [this] {
        fillValues(mAnomaly, mTruth, QStringLiteral("1"));
        updateFeatureList();
    });
    connect(mId, &QComboBox::currentIndexChanged, this, &ColumnsPage::updateFeatureList);
}

void ColumnsPage::initializePage()
{
    const QString path = mPathProvider ? mPathProvider() : QString();
    if (path != mPath || !mPreview)
        startPreview(path);
}

// previewCsv reads the whole file: on a thread of its own, so that the wizard stays responsive.
void ColumnsPage::startPreview(const QString& path)
{
    mPath = path;
    mPreview.reset();
    mState->setText(tr("Reading %1…").arg(path));
    emit completeChanged();
    QPointer<ColumnsPage> page(this);
    const std::string file = path.toStdString();
    QThread* thread = QThread::create([page, file] {
        auto preview = std::make_shared<Result<TablePreview>>(previewCsv(file, kPreviewRows));
        QMetaObject::invokeMethod(qApp, [page, preview, file] {
            if (page && page->mPath.toStdString() == file)
                page->showPreview(preview);
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ColumnsPage::showPreview(const std::shared_ptr<Result<TablePreview>>& preview)
{
    if (!preview->ok()) {
        mState->setText(
            tr("Cannot read this file: %1").arg(QString::fromStdString(preview->error())));
        return;
    }
    mPreview = std::make_shared<const TablePreview>(preview->value());
    mState->setText(tr("%1 rows, %2 columns. The first %3 rows:")
                        .arg(formatCount(mPreview->rowCount))
                        .arg(mPreview->columnNames.size())
                        .arg(mPreview->rows.size()));
    QStringList headers;
    for (size_t c = 0; c < mPreview->columnNames.size(); ++c)
        headers << QStringLiteral("%1\n(%2)")
                       .arg(QString::fromStdString(mPreview->columnNames[c]),
                           QString::fromLatin1(columnTypeName(mPreview->columnTypes[c])));
    mTable->setColumnCount(headers.size());
    mTable->setHorizontalHeaderLabels(headers);
    mTable->setRowCount(static_cast<int>(mPreview->rows.size()));
    for (size_t r = 0; r < mPreview->rows.size(); ++r)
        for (size_t c = 0; c < mPreview->rows[r].size(); ++c)
            mTable->setItem(
                int(r), int(c), new QTableWidgetItem(QString::fromStdString(mPreview->rows[r][c])));
    mTable->resizeColumnsToContents();
    fillRoleCombos();
    emit completeChanged();
}

void ColumnsPage::fillRoleCombos()
{
    for (QComboBox* combo : {mId, mGroup, mTruth}) {
        combo->blockSignals(true);
        combo->clear();
        combo->addItem(combo == mId ? tr("(none: number the rows)") : tr("(none)"), kNone);
        for (size_t c = 0; c < mPreview->columnNames.size(); ++c)
            combo->addItem(QString::fromStdString(mPreview->columnNames[c]), int(c));
        combo->blockSignals(false);
    }
    // A column called "id" is almost surely the row id.
    const int id = mId->findText(QStringLiteral("id"), Qt::MatchFixedString);
    mId->setCurrentIndex(id > 0 ? id : 0);
    fillValues(mProtected, mGroup, QString());
    fillValues(mAnomaly, mTruth, QStringLiteral("1"));
    updateFeatureList();
    startProxyCheck();
}

void ColumnsPage::fillValues(QComboBox* values, QComboBox* column, const QString& preferred)
{
    values->clear();
    const int c = columnIndex(column);
    values->setEnabled(c != kNone);
    if (c == kNone || !mPreview)
        return;
    for (const std::string& value : mPreview->distinctValues[static_cast<size_t>(c)])
        values->addItem(QString::fromStdString(value));
    const int match = values->findText(preferred);
    if (match >= 0)
        values->setCurrentIndex(match);
}

void ColumnsPage::updateFeatureList()
{
    if (!mPreview)
        return;
    const QSignalBlocker blocker(mFeatures); // one proxy check for the new list, not one per item
    mFeatures->clear();
    const QList<int> roles = {columnIndex(mId), columnIndex(mGroup), columnIndex(mTruth)};
    for (size_t c = 0; c < mPreview->columnNames.size(); ++c) {
        if (roles.contains(int(c)))
            continue;
        auto* item
            = new QListWidgetItem(QString::fromStdString(mPreview->columnNames[c]), mFeatures);
        item->setData(Qt::UserRole, int(c));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
}

// Loads the data with the current roles and looks for features that predict the group
// (findDatasetGroupProxies), on a thread of its own like the preview: it reads the whole file.
void ColumnsPage::startProxyCheck()
{
    const quint64 check = ++mProxyCheck;
    if (!mPreview || columnIndex(mGroup) == kNone) {
        mProxyWarning->hide();
        return;
    }
    mProxyWarning->setText(tr("Checking whether other columns give the group away…"));
    mProxyWarning->show();
    QPointer<ColumnsPage> page(this);
    const std::string file = mPath.toStdString();
    const ColumnMapping roles = mapping();
    QThread* thread = QThread::create([page, file, roles, check] {
        using Found = Result<std::vector<NamedGroupProxy>>;
        auto loaded = loadCsvDataset(file, roles);
        auto proxies = std::make_shared<Found>(
            loaded.ok() ? findDatasetGroupProxies(loaded.value()) : Found::failure(loaded.error()));
        QMetaObject::invokeMethod(qApp, [page, proxies, check] {
            if (page && page->mProxyCheck == check)
                page->showProxies(proxies);
        });
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void ColumnsPage::showProxies(const std::shared_ptr<Result<std::vector<NamedGroupProxy>>>& proxies)
{
    if (!proxies->ok()) {
        mProxyWarning->setText(tr("Could not check the features against the group: %1")
                                   .arg(QString::fromStdString(proxies->error())));
        mProxyWarning->show();
        return;
    }
    const QString warning = proxyWarningText(proxies->value());
    mProxyWarning->setText(warning);
    mProxyWarning->setVisible(!warning.isEmpty());
}

bool ColumnsPage::isComplete() const
{
    return mPreview && (columnIndex(mGroup) == kNone || mProtected->count() > 0)
        && (columnIndex(mTruth) == kNone || mAnomaly->count() > 0);
}

ColumnMapping ColumnsPage::mapping() const
{
    ColumnMapping mapping;
    if (!mPreview)
        return mapping;
    const auto name = [this](int c) {
        return c == kNone ? std::string() : mPreview->columnNames[static_cast<size_t>(c)];
    };
    mapping.idColumn = name(columnIndex(mId));
    mapping.groupColumn = name(columnIndex(mGroup));
    mapping.protectedValue
        = mapping.groupColumn.empty() ? std::string() : mProtected->currentText().toStdString();
    mapping.truthColumn = name(columnIndex(mTruth));
    mapping.anomalyValue
        = mapping.truthColumn.empty() ? std::string() : mAnomaly->currentText().toStdString();
    for (int i = 0; i < mFeatures->count(); ++i) {
        const QListWidgetItem* item = mFeatures->item(i);
        if (item->checkState() != Qt::Checked)
            mapping.roles[item->text().toStdString()] = ColumnRole::Ignore;
    }
    return mapping;
}

} // namespace fr::ui

#include "moc_columns_page.cpp"
