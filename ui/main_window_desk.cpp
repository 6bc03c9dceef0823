// The analyst's desk in the window: who is labelling (the name asked once, kept in the settings,
// carried by every label), the second review and its agreement, and the fairness report as HTML
// or PDF.
#include "main_window.h"

#include "analyst_name.h"
#include "chart_tabs.h"
#include "report_export.h"
#include "second_review_dialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace fr::ui {

namespace {
constexpr int64_t kSecondReviewSampleSize = 20; // rows per draw: a sitting, not a day
// The draw is seeded with this plus the reviews already stored, so that the same project state
// draws the same sample and the next draw another one.
constexpr uint64_t kSecondReviewSeed = 20261204;
} // namespace

void MainWindow::buildDeskActions()
{
    mExportPdfAction = new QAction(tr("Export fairness report as &PDF…"), this);
    mExportPdfAction->setToolTip(tr("The fairness report as a PDF: figures, intervals, warnings, "
                                    "charts as vector graphics, model and audit chain head"));
    connect(mExportPdfAction, &QAction::triggered, this, &MainWindow::exportReportPdfDialog);
    mExportReportAction->setToolTip(tr("The fairness report as one self-contained HTML file"));

    mSecondReviewAction = new QAction(tr("Second &review…"), this);
    mSecondReviewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    mSecondReviewAction->setToolTip(
        tr("Label a sample of rows another analyst labelled, without seeing their label; the "
           "agreement (Cohen's kappa) shows in the Fairness tab and the report (Ctrl+Shift+R)"));
    connect(mSecondReviewAction, &QAction::triggered, this, &MainWindow::showSecondReview);

    mAnalystAction = new QAction(tr("Analyst &name…"), this);
    mAnalystAction->setToolTip(tr("The name your labels and second reviews carry"));
    connect(mAnalystAction, &QAction::triggered, this, &MainWindow::changeAnalystName);
    mController->setAnalyst(storedAnalystName());
}

void MainWindow::connectDesk()
{
    const auto showAgreement
        = [this] { mCharts->fairnessTable()->setAgreement(mController->agreement()); };
    connect(mController, &ReviewController::opened, this, showAgreement);
    connect(mController, &ReviewController::secondReviewsChanged, this, showAgreement);
    connect(mController, &ReviewController::labelsChanged, this, showAgreement); // undo drops pairs
}

bool MainWindow::ensureAnalystName()
{
    if (!storedAnalystName().isEmpty() || !mAnalystPrompt)
        return true;
    AnalystNameDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || dialog.name().isEmpty())
        return false; // labels carry $USER until a name is given
    storeAnalystName(dialog.name());
    mController->setAnalyst(dialog.name());
    return true;
}

void MainWindow::changeAnalystName()
{
    AnalystNameDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || dialog.name().isEmpty())
        return;
    storeAnalystName(dialog.name());
    mController->setAnalyst(dialog.name());
    showMessage(tr("Labelling as %1.").arg(dialog.name()));
}

SecondReviewDialog* MainWindow::secondReviewDialog() const
{
    return mSecondReview.data();
}

void MainWindow::showSecondReview()
{
    if (!mController->isOpen() || !mController->snapshot()) {
        showMessage(tr("Open a project with labels first."));
        return;
    }
    if (mSecondReview) {
        mSecondReview->raise();
        mSecondReview->activateWindow();
        return;
    }
    const QString analyst = currentAnalystName();
    const uint64_t seed = kSecondReviewSeed + mController->secondReviews().size();
    auto sample = mController->drawSecondReview(kSecondReviewSampleSize, seed);
    if (sample.empty()) {
        QMessageBox::information(this, tr("Second review"),
            tr("There is nothing for %1 to review: every active label was made by %1 or has a "
               "second review already. A second review is another analyst's: set that name in "
               "Review ▸ Analyst name….")
                .arg(analyst));
        return;
    }
    // The dialog keeps the blind-review mode it was opened in, and records that one.
    const bool blind = blindReview();
    auto* dialog = new SecondReviewDialog(mController->dataset(), std::move(sample), analyst, blind,
        mController->groupColumn(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SecondReviewDialog::reviewed, this,
        [this, blind](qint64 labelId, int label, qint64 reviewMs) {
            mController->secondReview(labelId, static_cast<LabelValue>(label), !blind, reviewMs);
        });
    connect(mController, &ReviewController::secondReviewsChanged, dialog,
        [this, dialog] { dialog->showAgreement(mController->agreement()); });
    mSecondReview = dialog;
    dialog->show();
}

void MainWindow::exportReportPdfDialog()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export fairness report as PDF"), QString(), tr("PDF report (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    reportTo(path);
}

void MainWindow::reportTo(const QString& path)
{
    QString error;
    if (exportFairnessReport(path, &error))
        showMessage(tr("Fairness report written to %1.").arg(path));
    else
        QMessageBox::warning(this, tr("Export fairness report"), error);
}

bool MainWindow::exportFairnessReport(const QString& path, QString* error)
{
    ReportContent content;
    content.title = QFileInfo(mController->projectPath()).completeBaseName();
    content.model = mController->modelDescription();
    content.snapshot = mController->snapshot();
    content.dataset = mController->dataset();
    content.labels = mController->activeLabelCount();
    content.proxies = mController->proxies();
    auto chain = mController->auditChainHead();
    if (chain.ok())
        content.chain = chain.take();
    content.agreement = mController->agreement();
    const ReportWritten written = writeFairnessReportFile(content, *mCharts, path);
    if (!written.ok && error)
        *error = written.error;
    return written.ok;
}

} // namespace fr::ui
