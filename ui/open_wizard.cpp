#include "open_wizard.h"

#include "analyst_name.h"
#include "columns_page.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace fr::ui {

namespace {
QWidget* pathRow(QWidget* parent, QLineEdit* edit, const std::function<void()>& browse)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* button = new QPushButton(QObject::tr("Browse…"), row);
    QObject::connect(button, &QPushButton::clicked, row, browse);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}
} // namespace

OpenWizard::OpenWizard(QWidget* parent)
    : QWizard(parent)
{
    setWindowTitle(tr("Open data"));
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(SourcePageId, buildSourcePage());
    mColumns = new ColumnsPage(this);
    mColumns->setCsvPathProvider([this] { return mCsvPath->text(); });
    setPage(ColumnsPageId, mColumns);
    setPage(ModelPageId, buildModelPage());
    resize(900, 640);
}

void OpenWizard::setCsvPath(const QString& path)
{
    mSource->button(int(OpenRequest::Source::Csv))->setChecked(true);
    mCsvPath->setText(path);
}

QWizardPage* OpenWizard::buildSourcePage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("What do you want to review?"));
    QSettings settings;
    auto* layout = new QGridLayout(page);
    mSource = new QButtonGroup(page);
    auto* csv = new QRadioButton(tr("A CSV file"), page);
    auto* fashion = new QRadioButton(tr("Fashion-MNIST (images)"), page);
    auto* project = new QRadioButton(tr("An existing project (.frproj)"), page);
    csv->setObjectName(QStringLiteral("sourceCsv"));
    fashion->setObjectName(QStringLiteral("sourceFashionMnist"));
    project->setObjectName(QStringLiteral("sourceProject"));
    mSource->addButton(csv, int(OpenRequest::Source::Csv));
    mSource->addButton(fashion, int(OpenRequest::Source::FashionMnist));
    mSource->addButton(project, int(OpenRequest::Source::Project));
    mSource->button(settings.value(QStringLiteral("wizard/source"), 0).toInt())->setChecked(true);

    mCsvPath = new QLineEdit(settings.value(QStringLiteral("wizard/csvPath")).toString(), page);
    mCsvPath->setObjectName(QStringLiteral("csvPath"));
    mFashionSetup = new QComboBox(page);
    mFashionSetup->addItem(
        tr("one class normal, the others rare anomalies"), int(FashionMnistSetup::OneClass));
    mFashionSetup->addItem(
        tr("inverted: one class is the anomaly"), int(FashionMnistSetup::Invert));
    mFashionClass = new QSpinBox(page);
    mFashionClass->setRange(0, 9);
    mFashionClass->setPrefix(tr("class "));
    mProjectToOpen = new QLineEdit(page);
    mProjectToOpen->setObjectName(QStringLiteral("projectToOpen"));

    layout->addWidget(csv, 0, 0);
    layout->addWidget(pathRow(page, mCsvPath,
                          [this] {
                              const QString path
                                  = QFileDialog::getOpenFileName(this, tr("CSV file"),
                                      mCsvPath->text(), tr("CSV files (*.csv);;All files (*)"));
                              if (!path.isEmpty())
                                  mCsvPath->setText(path);
                          }),
        0, 1);
    layout->addWidget(fashion, 1, 0);
    auto* fashionRow = new QHBoxLayout;
    fashionRow->addWidget(mFashionSetup, 1);
    fashionRow->addWidget(mFashionClass);
    layout->addLayout(fashionRow, 1, 1);
    layout->addWidget(project, 2, 0);
    layout->addWidget(pathRow(page, mProjectToOpen,
                          [this] {
                              const QString path = QFileDialog::getOpenFileName(this, tr("Project"),
                                  QString(), tr("FairReview projects (*.frproj);;All files (*)"));
                              if (!path.isEmpty())
                                  mProjectToOpen->setText(path);
                          }),
        2, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(3, 1);
    return page;
}

QWizardPage* OpenWizard::buildModelPage()
{
    auto* page = new QWizardPage(this);
    page->setTitle(tr("Model and project"));
    page->setSubTitle(tr("The model ranks the rows; it retrains after every batch you label. "
                         "Every label goes into the project file at once."));
    QSettings settings;
    auto* form = new QFormLayout(page);
    mModel = new QComboBox(page);
    mModel->setObjectName(QStringLiteral("modelKind"));
    mModel->addItem(tr("Active (autoencoder + Isolation Forest + your labels; recommended)"),
        QStringLiteral("active"));
    mModel->addItem(
        tr("UaiNet as published (denoising autoencoder + your labels)"), QStringLiteral("uainet"));
    mModel->addItem(tr("Fair (autoencoder calibrated by group + Isolation Forest + your labels)"),
        QStringLiteral("fair-uai"));
    mModel->addItem(
        tr("FADIG + UAI (fairness-aware, for imbalanced groups)"), QStringLiteral("fadig-uai"));
    mModel->addItem(tr("AA-BiGAN (learns from the anomalies you confirm) + Isolation Forest + your "
                       "labels"),
        QStringLiteral("aa-bigan-uai"));
    mModel->setCurrentIndex(std::max(0,
        mModel->findData(
            settings.value(QStringLiteral("wizard/model"), QStringLiteral("active")))));
    mDevice = new QComboBox(page);
    mDevice->setObjectName(QStringLiteral("device"));
    mDevice->addItem(tr("automatic (GPU when there is one)"), QStringLiteral("auto"));
    mDevice->addItem(tr("CPU"), QStringLiteral("cpu"));
    mDevice->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    mDevice->setCurrentIndex(std::max(0,
        mDevice->findData(
            settings.value(QStringLiteral("wizard/device"), QStringLiteral("auto")))));
    mStrategy = new QComboBox(page);
    mStrategy->setObjectName(QStringLiteral("queryStrategy"));
    mStrategy->addItem(
        tr("top of the ranking"), QString::fromStdString(queryStrategyName(QueryStrategy::Top)));
    mStrategy->addItem(tr("fair: keep the groups' shares of their anomalies found level"),
        QString::fromStdString(queryStrategyName(QueryStrategy::Fair)));
    mStrategy->setToolTip(tr("Which rows each batch shows. Fair needs a group column; without one "
                             "it is the top of the ranking."));
    mStrategy->setCurrentIndex(std::max(0,
        mStrategy->findData(
            settings.value(QStringLiteral("wizard/strategy"), QStringLiteral("top")))));
    mBatch = new QSpinBox(page);
    mBatch->setObjectName(QStringLiteral("batchSize"));
    mBatch->setRange(0, 1000);
    mBatch->setSpecialValueText(tr("automatic (10, or 3 with few anomalies)"));
    mBatch->setValue(settings.value(QStringLiteral("wizard/batch"), 0).toInt());
    mProjectPath = new QLineEdit(page);
    mProjectPath->setObjectName(QStringLiteral("projectPath"));
    form->addRow(tr("Model:"), mModel);
    form->addRow(tr("Device:"), mDevice);
    form->addRow(tr("Batches:"), mStrategy);
    form->addRow(tr("Batch size:"), mBatch);
    form->addRow(tr("Project file:"), pathRow(page, mProjectPath, [this] {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Project file"), mProjectPath->text(),
                tr("FairReview projects (*.frproj)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            mProjectPath->setText(path);
    }));
    form->addRow(
        QString(), new QLabel(tr("An existing project file is reopened with its labels."), page));
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == ModelPageId)
            suggestProjectPath();
    });
    return page;
}

OpenRequest::Source OpenWizard::source() const
{
    return static_cast<OpenRequest::Source>(mSource->checkedId());
}

int OpenWizard::nextId() const
{
    switch (currentId()) {
    case SourcePageId:
        if (source() == OpenRequest::Source::Project)
            return -1;
        return source() == OpenRequest::Source::Csv ? ColumnsPageId : ModelPageId;
    case ColumnsPageId:
        return ModelPageId;
    default:
        return -1;
    }
}

void OpenWizard::suggestProjectPath()
{
    if (!mProjectPath->text().isEmpty())
        return;
    QString base;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (source() == OpenRequest::Source::Csv) {
        const QFileInfo csv(mCsvPath->text());
        base = csv.completeBaseName();
        if (QFileInfo(csv.absolutePath()).isWritable())
            dir = csv.absolutePath();
    } else {
        base = QStringLiteral("fashion-mnist-class%1").arg(mFashionClass->value());
    }
    mProjectPath->setText(QDir(dir).filePath(base + QStringLiteral(".frproj")));
}

void OpenWizard::accept()
{
    if (source() == OpenRequest::Source::Project && !QFileInfo::exists(mProjectToOpen->text())) {
        QMessageBox::warning(this, windowTitle(), tr("Choose an existing project file."));
        return;
    }
    if (source() != OpenRequest::Source::Project && mProjectPath->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose where to keep the project file."));
        return;
    }
    saveChoices();
    QWizard::accept();
}

void OpenWizard::saveChoices() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("wizard/source"), mSource->checkedId());
    settings.setValue(QStringLiteral("wizard/csvPath"), mCsvPath->text());
    settings.setValue(QStringLiteral("wizard/model"), mModel->currentData());
    settings.setValue(QStringLiteral("wizard/device"), mDevice->currentData());
    settings.setValue(QStringLiteral("wizard/batch"), mBatch->value());
    settings.setValue(QStringLiteral("wizard/strategy"), mStrategy->currentData());
}

OpenRequest OpenWizard::request() const
{
    OpenRequest request;
    request.source = source();
    request.session.analyst = currentAnalystName().toStdString();
    if (auto kind = parseModelKind(mModel->currentData().toString().toStdString()))
        request.session.model.kind = *kind;
    if (auto device = parseDeviceChoice(mDevice->currentData().toString().toStdString()))
        request.session.model.device = *device;
    if (auto strategy = parseQueryStrategy(mStrategy->currentData().toString().toStdString()))
        request.session.strategy = *strategy;
    request.session.batchSize = mBatch->value();
    switch (request.source) {
    case OpenRequest::Source::Project:
        request.projectPath = mProjectToOpen->text().toStdString();
        break;
    case OpenRequest::Source::Csv:
        request.dataPath = mCsvPath->text().toStdString();
        request.mapping = mColumns->mapping();
        request.projectPath = mProjectPath->text().toStdString();
        break;
    case OpenRequest::Source::FashionMnist:
        request.fashion.setup
            = static_cast<FashionMnistSetup>(mFashionSetup->currentData().toInt());
        request.fashion.normalClass = mFashionClass->value();
        request.projectPath = mProjectPath->text().toStdString();
        break;
    }
    return request;
}

} // namespace fr::ui

#include "moc_open_wizard.cpp"
