#include "main_window.h"

#include "analyst_name.h"
#include "chart_tabs.h"
#include "detail_panel.h"
#include "model_versions_dialog.h"
#include "open_wizard.h"
#include "queue_panel.h"
#include "second_review_dialog.h"
#include "shortcut_list.h"
#include "training_status.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace fr::ui {

namespace {
constexpr int kMaxRecentProjects = 8;
constexpr int kMessageTimeoutMs = 6000;
const char* const kRecentKey = "recentProjects";
const char* const kBlindReviewKey = "blindReview";
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , mController(new ReviewController(this))
{
    setWindowTitle(tr("FairReview"));
    buildActions();
    buildMenus();
    buildToolBar();
    buildCentre();
    connectController();
    updateActions();
    resize(1500, 940);
    setAcceptDrops(true);
}

MainWindow::~MainWindow()
{
    mController->shutdown();
}

void MainWindow::buildActions()
{
    mOpenAction = new QAction(tr("&Open…"), this);
    mOpenAction->setShortcut(QKeySequence::Open);
    mOpenAction->setToolTip(tr("Open a CSV file, Fashion-MNIST or a project (Ctrl+O)"));
    connect(mOpenAction, &QAction::triggered, this, [this] { showOpenWizard(); });

    mSubmitAction = new QAction(tr("Submit batch ⏎"), this);
    mSubmitAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    mSubmitAction->setToolTip(tr("Retrain with your labels and re-rank every row (Enter)"));
    connect(mSubmitAction, &QAction::triggered, this, &MainWindow::submitBatch);

    mUndoAction = new QAction(tr("Undo ^Z"), this);
    mUndoAction->setShortcut(QKeySequence::Undo);
    mUndoAction->setToolTip(tr("Undo the last label (Ctrl+Z); the project file keeps the undo"));
    connect(mUndoAction, &QAction::triggered, mController, &ReviewController::undo);

    mAnomalyAction = new QAction(tr("Label &anomaly"), this);
    mAnomalyAction->setShortcut(Qt::Key_A);
    connect(
        mAnomalyAction, &QAction::triggered, this, [this] { labelSelected(LabelValue::Anomaly); });
    mNormalAction = new QAction(tr("Label &normal"), this);
    mNormalAction->setShortcut(Qt::Key_N);
    connect(
        mNormalAction, &QAction::triggered, this, [this] { labelSelected(LabelValue::Normal); });
    mSkipAction = new QAction(tr("&Skip"), this);
    mSkipAction->setShortcut(Qt::Key_S);
    connect(mSkipAction, &QAction::triggered, this, &MainWindow::skipSelected);

    mCancelAction = new QAction(tr("&Cancel training"), this);
    mCancelAction->setToolTip(
        tr("Stop the training; labels are kept and the previous model stays"));
    connect(mCancelAction, &QAction::triggered, mController, &ReviewController::cancelTraining);
    mExportListAction = new QAction(tr("Export audited &list…"), this);
    connect(mExportListAction, &QAction::triggered, this, &MainWindow::exportAuditedList);
    mExportReportAction = new QAction(tr("Export &fairness report…"), this);
    connect(mExportReportAction, &QAction::triggered, this, &MainWindow::exportReportDialog);
    mBlindReviewAction = new QAction(tr("&Blind review"), this);
    mBlindReviewAction->setCheckable(true);
    mBlindReviewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    mBlindReviewAction->setToolTip(tr("Hide the sensitive group in the queue and the detail panel "
                                      "while labelling; each label records it (Ctrl+B)"));
    mBlindReviewAction->setChecked(QSettings().value(kBlindReviewKey, false).toBool());
    connect(mBlindReviewAction, &QAction::toggled, this, &MainWindow::setBlindReview);

    mQuitAction = new QAction(tr("&Quit"), this);
    mQuitAction->setShortcut(QKeySequence::Quit);
    connect(mQuitAction, &QAction::triggered, this, &QWidget::close);
    buildDeskActions();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(mOpenAction);
    QAction* openFile
        = file->addAction(tr("Open &project file…"), this, &MainWindow::openProjectDialog);
    openFile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    mRecentMenu = file->addMenu(tr("&Recent projects"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(mExportListAction);
    file->addAction(mExportReportAction);
    file->addAction(mExportPdfAction);
    file->addSeparator();
    file->addAction(mQuitAction);

    QMenu* review = menuBar()->addMenu(tr("&Review"));
    review->addAction(mAnomalyAction);
    review->addAction(mNormalAction);
    review->addAction(mSkipAction);
    review->addSeparator();
    review->addAction(mUndoAction);
    review->addAction(mSubmitAction);
    review->addSeparator();
    review->addAction(mBlindReviewAction);
    review->addAction(mSecondReviewAction);
    review->addAction(mAnalystAction);
    review->addSeparator();
    QAction* find = review->addAction(tr("&Find id…"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        mQueue->searchEdit()->setFocus();
        mQueue->searchEdit()->selectAll();
    });
    QAction* scoreFilter = review->addAction(tr("Filter by &score range…"));
    scoreFilter->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(scoreFilter, &QAction::triggered, this, [this] {
        mQueue->scoreMinEdit()->setFocus();
        mQueue->scoreMinEdit()->selectAll();
    });

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    QAction* retrain = model->addAction(tr("&Retrain now"));
    connect(retrain, &QAction::triggered, this, &MainWindow::submitBatch);
    model->addAction(mCancelAction);
    model->addSeparator();
    QAction* versions = model->addAction(tr("&Versions…"), this, &MainWindow::showModelVersions);
    versions->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    versions->setToolTip(tr("Every model version; make an earlier one current (Ctrl+Shift+V)"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList tabs = {tr("Recall by group"), tr("Recall over rounds"),
        tr("Score histograms"), tr("Fairness by group"), tr("Retrain diff")};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction* show = view->addAction(tabs[i]);
        show->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(
            show, &QAction::triggered, this, [this, i] { mCharts->tabs()->setCurrentIndex(i); });
    }
    view->addSeparator();
    const QStringList colours = {tr("Colour latent plot by group"),
        tr("Colour latent plot by label"), tr("Colour latent plot by rank")};
    for (int i = 0; i < colours.size(); ++i)
        view->addAction(
            colours[i], this, [this, i] { mCharts->colourCombo()->setCurrentIndex(i); });
    view->addSeparator();
    QAction* setK = view->addAction(tr("Set &K…"));
    setK->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(setK, &QAction::triggered, this, [this] {
        mCharts->kSpinBox()->setFocus();
        mCharts->kSpinBox()->selectAll();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts
        = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About FairReview"), this, &MainWindow::showAbout);
}

void MainWindow::buildToolBar()
{
    QToolBar* bar = addToolBar(tr("Review"));
    bar->setObjectName(QStringLiteral("reviewToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(mOpenAction);
    bar->addSeparator();
    bar->addAction(mSubmitAction);
    bar->addAction(mUndoAction);
}

void MainWindow::buildCentre()
{
    mQueue = new QueuePanel(this);
    mDetail = new DetailPanel(this);
    mCharts = new ChartTabs(this);
    mHorizontal = new QSplitter(Qt::Horizontal, this);
    mHorizontal->addWidget(mQueue);
    mHorizontal->addWidget(mDetail);
    mHorizontal->setStretchFactor(0, 3);
    mHorizontal->setStretchFactor(1, 2);
    mHorizontal->setSizes({860, 600});
    mVertical = new QSplitter(Qt::Vertical, this);
    mVertical->addWidget(mHorizontal);
    mVertical->addWidget(mCharts);
    mVertical->setStretchFactor(0, 1);
    mVertical->setStretchFactor(1, 1);
    mVertical->setSizes({470, 390});
    mVertical->setChildrenCollapsible(false);
    setCentralWidget(mVertical);
    mTraining = new TrainingStatus(this);
    statusBar()->addPermanentWidget(mTraining);
    statusBar()->setSizeGripEnabled(false);

    connect(mQueue->view(), &QueueView::currentDatasetRowChanged, this,
        &MainWindow::onCurrentRowChanged);
    connect(mCharts, &ChartTabs::rowClicked, this,
        [this](qint64 row) { mQueue->selectDatasetRow(row); });
    connect(mCharts, &ChartTabs::kChanged, mController, &ReviewController::setMetricsK);
    connect(mDetail, &DetailPanel::anomalyRequested, mAnomalyAction, &QAction::trigger);
    connect(mDetail, &DetailPanel::normalRequested, mNormalAction, &QAction::trigger);
    connect(mDetail, &DetailPanel::skipRequested, mSkipAction, &QAction::trigger);
    connect(mTraining, &TrainingStatus::cancelRequested, mController,
        &ReviewController::cancelTraining);
    setBlindReview(mBlindReviewAction->isChecked());
}

bool MainWindow::blindReview() const
{
    return mBlindReviewAction->isChecked();
}

void MainWindow::setBlindReview(bool blind)
{
    QSettings().setValue(kBlindReviewKey, blind);
    mQueue->setGroupHidden(blind, mController->groupColumn());
    mDetail->setGroupHidden(blind, mController->groupColumn());
    mCharts->setGroupHidden(blind);
    showDetail(selectedRow()); // the same row: its review time keeps running
}

// From the row shown in the detail panel to the label given; -1 when the panel shows another.
int64_t MainWindow::reviewMsOf(int64_t row) const
{
    return row == mShownRow && mShownTimer.isValid() ? mShownTimer.elapsed() : -1;
}

void MainWindow::connectController()
{
    ReviewController* c = mController;
    connect(c, &ReviewController::openStarted, this, [this](const QString& what) {
        mQueue->setDataset(nullptr);
        mDetail->setDataset(nullptr);
        mDetail->clearRow(tr("Opening %1…").arg(QFileInfo(what).fileName()));
        mExplainAskedRow = mExplainAskedVersion = -1;
        mTraining->showTraining(tr("loading"));
        updateActions();
    });
    connect(c, &ReviewController::opened, this, &MainWindow::onOpened);
    connect(c, &ReviewController::rowExplained, mDetail, &DetailPanel::setExplanation);
    connect(c, &ReviewController::rowExplainFailed, mDetail, &DetailPanel::setExplanationFailed);
    connect(c, &ReviewController::openFailed, this, [this](const QString& error) {
        mTraining->showIdle();
        mDetail->clearRow(tr("Could not open the project."));
        QMessageBox::warning(this, tr("Open"), error);
        updateActions();
    });
    connect(c, &ReviewController::trainingStarted, mTraining, &TrainingStatus::showTraining);
    connect(c, &ReviewController::trainingStarted, this, [this] {
        if (mController->snapshot())
            return;
        mDetail->clearRow(tr("Training the first model…"));
        mQueue->setBatchSummary(tr("Pre-training the detector on every row: the ranked queue "
                                   "appears here when it is done (progress below, right)."));
    });
    connect(c, &ReviewController::trainingProgress, mTraining, &TrainingStatus::showProgress);
    connect(c, &ReviewController::trainingFailed, mTraining, &TrainingStatus::showFailure);
    connect(c, &ReviewController::trainingFinished, this, [this](bool ok, const QString& message) {
        if (!mController->isTraining()) // else a coalesced retrain has already started
            mTraining->showIdle();
        if (!mController->snapshot() && !mController->isTraining()) {
            mDetail->clearRow(tr("No model yet: press Enter (Model ▸ Retrain now) to train one."));
            mQueue->setBatchSummary(QString());
        }
        mTraining->setModelText(mController->modelDescription());
        // A cancel or a failure says what to do next: it stays until the next message.
        statusBar()->showMessage(message, ok ? kMessageTimeoutMs : 0);
        updateActions();
    });
    connect(c, &ReviewController::staleChanged, this, [this](bool stale) {
        // Before the first model there is no ranking to be stale: the progress bar says it.
        mTraining->setStale(stale && mController->snapshot(), mController->isTraining());
    });
    connect(c, &ReviewController::snapshotChanged, this, &MainWindow::onSnapshot);
    connect(c, &ReviewController::metricsChanged, this,
        [this](const MetricsSnapshotPtr& metrics) { mCharts->showMetrics(*metrics); });
    connect(c, &ReviewController::rowStatusChanged, this, &MainWindow::onRowStatus);
    connect(c, &ReviewController::labelsChanged, this, [this] {
        showDetail(mDetail->row());
        updateActions();
    });
    connect(c, &ReviewController::labelUndone, this,
        [this](qint64 row) { mQueue->selectDatasetRow(row); });
    connect(c, &ReviewController::message, this, &MainWindow::showMessage);
    connect(c, &ReviewController::labelsExported, this, [this](bool ok, const QString& message) {
        if (ok)
            showMessage(message);
        else
            QMessageBox::warning(this, tr("Export audited list"), message);
    });
    connectDesk();
}

void MainWindow::openProject(const OpenRequest& request)
{
    saveViewState(); // of the project now open, before it closes
    mController->open(request);
}

void MainWindow::openProjectFile(const QString& path)
{
    ensureAnalystName();
    OpenRequest request;
    request.source = OpenRequest::Source::Project;
    request.projectPath = path.toStdString();
    request.session.analyst = currentAnalystName().toStdString();
    QSettings settings;
    if (auto device
        = parseDeviceChoice(settings.value(QStringLiteral("wizard/device"), QStringLiteral("auto"))
                                .toString()
                                .toStdString()))
        request.session.model.device = *device;
    openProject(request);
}

void MainWindow::onOpened()
{
    const auto dataset = mController->dataset();
    mQueue->setDataset(dataset);
    mQueue->model()->setStatuses(mController->statuses());
    mDetail->setDataset(dataset);
    mCharts->setDataset(dataset, mController->metricsK());
    mCharts->fairnessTable()->setProxies(mController->proxies());
    setBlindReview(blindReview()); // the new project's group column
    mTraining->setModelText(mController->modelDescription());
    const QString path = mController->projectPath();
    rememberProject(path);
    setWindowTitle(tr("%1 — FairReview").arg(QFileInfo(path).fileName()));
    restoreViewState(path);
    updateActions();
}

void MainWindow::onSnapshot(const ReviewSnapshotPtr& snapshot)
{
    const int64_t selected = selectedRow();
    const bool reRanked = !mQueue->model()->ranking()
        || mQueue->model()->ranking()->modelVersion != snapshot->ranking->modelVersion;
    mQueue->model()->setRanking(snapshot->ranking, mController->batchRows());
    mDetail->setRanking(snapshot->ranking);
    mCharts->showSnapshot(*snapshot, mController->statuses());
    mTraining->setModelText(mController->modelDescription());
    // A reopened project starts where the analyst left it; a new ranking at the top of the new
    // batch; otherwise keep their place.
    const auto batch = mController->batchRows();
    if (selectRestoredRow())
        mQueue->view()->setFocus();
    else if (reRanked && !batch.empty())
        mQueue->selectDatasetRow(batch.front());
    else if (selected >= 0 && mQueue->proxy()->proxyRow(selected) >= 0)
        mQueue->selectDatasetRow(selected);
    else
        mQueue->view()->selectProxyRow(0);
    mQueue->view()->setFocus();
    showDetail(selectedRow());
    updateBatchSummary();
    updateActions();
}

void MainWindow::onRowStatus(qint64 row, int status)
{
    const auto value = static_cast<RowStatus>(status);
    mQueue->model()->setStatus(row, value);
    mCharts->setStatus(row, value);
    if (row == mDetail->row())
        showDetail(row);
    updateBatchSummary();
}

void MainWindow::onCurrentRowChanged(qint64 row)
{
    mCharts->latentPlot()->setSelectedRow(row);
    showDetail(row);
}

void MainWindow::showDetail(int64_t row)
{
    if (!mController->snapshot())
        return;
    if (row < 0) {
        mDetail->clearRow(tr("Select a row in the queue."));
        return;
    }
    if (row != mShownRow) {
        mShownRow = row;
        mShownTimer.start();
    }
    const auto batch = mController->batchRows();
    const bool inBatch = std::find(batch.begin(), batch.end(), row) != batch.end();
    mDetail->showRow(row, mController->status(row), inBatch, mController->labelHistory(row));
    const int64_t version = mController->snapshot()->ranking->modelVersion;
    if (row != mExplainAskedRow || version != mExplainAskedVersion) {
        mExplainAskedRow = row;
        mExplainAskedVersion = version;
        mController->explainRow(row);
    }
}

int64_t MainWindow::selectedRow() const
{
    return mQueue->view()->currentDatasetRow();
}

void MainWindow::labelSelected(LabelValue value)
{
    const int64_t row = selectedRow();
    if (row < 0 || !mController->snapshot()) {
        showMessage(tr("Select a row in the queue first."));
        return;
    }
    if (isLabelled(mController->status(row))) {
        showMessage(tr("This row is labelled already: Ctrl+Z undoes the last label."));
        return;
    }
    const int64_t next = mQueue->nextUnlabelledRow();
    mController->label(row, value, mDetail->note(), !blindReview(), reviewMsOf(row));
    mDetail->clearNote();
    if (next >= 0 && next != row)
        mQueue->selectDatasetRow(next);
}

void MainWindow::skipSelected()
{
    const int64_t row = selectedRow();
    if (row < 0)
        return;
    const int64_t next = mQueue->nextUnlabelledRow();
    mController->skip(row);
    if (next >= 0 && next != row)
        mQueue->selectDatasetRow(next);
}

void MainWindow::submitBatch()
{
    // Enter in a text field finishes the typing; it must not retrain by surprise.
    if (qobject_cast<QLineEdit*>(QApplication::focusWidget())) {
        mQueue->view()->setFocus();
        return;
    }
    mController->submitBatch();
}

void MainWindow::updateBatchSummary()
{
    const auto batch = mController->batchRows();
    if (batch.empty() || !mController->snapshot()) {
        mQueue->setBatchSummary(QString());
        return;
    }
    const int round = static_cast<int>(mController->snapshot()->history.size()) + 1;
    const int done = mController->batchLabelled();
    QString text
        = tr("Batch %1: %2 of %3 labelled (shaded rows).").arg(round).arg(done).arg(batch.size());
    text += done < static_cast<int>(batch.size())
        ? tr(" Keys: A anomaly · N normal · S skip · Ctrl+Z undo · Enter retrain.")
        : tr(" Press Enter to retrain and re-rank.");
    mQueue->setBatchSummary(text);
}

void MainWindow::updateActions()
{
    const bool open = mController->isOpen();
    const bool ranked = bool(mController->snapshot());
    for (QAction* action : {mAnomalyAction, mNormalAction, mSkipAction})
        action->setEnabled(ranked);
    mSubmitAction->setEnabled(open);
    mUndoAction->setEnabled(open);
    mCancelAction->setEnabled(mController->isTraining());
    mExportListAction->setEnabled(open);
    mExportReportAction->setEnabled(ranked);
    mExportPdfAction->setEnabled(ranked);
    mSecondReviewAction->setEnabled(ranked);
}

void MainWindow::showMessage(const QString& text)
{
    statusBar()->showMessage(text, kMessageTimeoutMs);
}

void MainWindow::showOpenWizard(const QString& csvPath)
{
    ensureAnalystName();
    OpenWizard wizard(this);
    if (!csvPath.isEmpty())
        wizard.setCsvPath(csvPath);
    if (wizard.exec() == QDialog::Accepted)
        openProject(wizard.request());
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
        tr("FairReview projects (*.frproj *.frproject);;All files (*)"));
    if (!path.isEmpty())
        openProjectFile(path);
}

void MainWindow::rememberProject(const QString& path)
{
    if (path.isEmpty())
        return;
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentProjects)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    mRecentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent) {
        QAction* action = mRecentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { openProjectFile(path); });
    }
    mRecentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::exportAuditedList()
{
    QString selectedFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export audited list"), QString(),
        tr("CSV (*.csv);;JSON (*.json)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const bool json
        = selectedFilter.startsWith(QLatin1String("JSON")) || path.endsWith(QLatin1String(".json"));
    if (!path.contains(QLatin1Char('.')))
        path += json ? QStringLiteral(".json") : QStringLiteral(".csv");
    mController->exportLabels(path, json ? ExportFormat::Json : ExportFormat::Csv);
}

void MainWindow::exportReportDialog()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export fairness report"), QString(), tr("HTML report (*.html)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive))
        path += QStringLiteral(".html");
    reportTo(path);
}

void MainWindow::showShortcuts()
{
    ShortcutDialog dialog(*this, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About FairReview"),
        tr("<b>FairReview %1</b><p>Fair anomaly review: rank, label, retrain, and check that "
           "every group is treated alike.</p><p>GPL-3.0-or-later. Charts: QCustomPlot.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::showModelVersions()
{
    auto versions = mController->modelVersions();
    if (!versions.ok()) {
        QMessageBox::information(this, tr("Model versions"),
            tr("Open a project first: %1").arg(QString::fromStdString(versions.error())));
        return;
    }
    ModelVersionsDialog dialog(versions.value(), mController->currentModelVersion(), this);
    if (dialog.exec() == QDialog::Accepted && dialog.chosenVersion() > 0) {
        mCharts->tabs()->setCurrentWidget(mCharts->retrainDiff()); // what the rollback changes
        mController->rollBack(dialog.chosenVersion());
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Labels are already on disk; a running training is cancelled and the threads stopped.
    saveViewState();
    mController->shutdown();
    event->accept();
}

} // namespace fr::ui

#include "moc_main_window.cpp"
