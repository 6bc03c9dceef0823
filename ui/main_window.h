// The application's main window: the queue on the left, the selected row on the right, the charts
// below, the training state in the status bar; keyboard labelling (A, N, S, Ctrl+Z, Enter). Each
// project reopens looking as it was left (main_window_session.cpp), and files can be dropped on it.
#pragma once

#include "open_request.h"
#include "project_view_state.h"
#include "review_controller.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QMenu;
class QMimeData;
class QSplitter;

namespace fr::ui {

class ChartTabs;
class SecondReviewDialog;
class DetailPanel;
class QueuePanel;
class TrainingStatus;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openProject(const OpenRequest& request);
    void openProjectFile(const QString& path);
    // The fairness report as HTML, or as a PDF when the path ends in .pdf (main_window_desk.cpp).
    bool exportFairnessReport(const QString& path, QString* error = nullptr);

    ReviewController* controller() const { return mController; }
    QueuePanel* queuePanel() const { return mQueue; }
    DetailPanel* detailPanel() const { return mDetail; }
    ChartTabs* chartTabs() const { return mCharts; }
    TrainingStatus* trainingStatus() const { return mTraining; }
    int64_t selectedRow() const;
    // Blind review (Review menu, Ctrl+B, kept in the settings): the queue and the detail panel
    // hide the sensitive group, and each label records whether the group was visible.
    QAction* blindReviewAction() const { return mBlindReviewAction; }
    bool blindReview() const;
    // Review ▸ Second review… (Ctrl+Shift+R) and Review ▸ Analyst name… (main_window_desk.cpp).
    QAction* secondReviewAction() const { return mSecondReviewAction; }
    QAction* analystAction() const { return mAnalystAction; }
    QAction* exportPdfAction() const { return mExportPdfAction; }
    SecondReviewDialog* secondReviewDialog() const; // the open one, or null
    // Asks for the analyst's name when none is stored yet (a modal dialog); false when cancelled.
    // Opening a project or the wizard asks; an unattended run (--screenshot) turns asking off.
    bool ensureAnalystName();
    void setAnalystPromptEnabled(bool enabled) { mAnalystPrompt = enabled; }
    void changeAnalystName();
    void showSecondReview();

    // The same paths the keys take: label the selected row and move on.
    void labelSelected(LabelValue value);
    void skipSelected();

    // What a drop does (main_window_session.cpp): a project file opens, a CSV file starts the
    // open wizard with it. False when the data holds nothing FairReview can open.
    bool openDroppedFile(const QMimeData* mime);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildCentre();
    void connectController();
    void buildDeskActions();
    void connectDesk();
    void exportReportPdfDialog();
    void reportTo(const QString& path);
    void showOpenWizard(const QString& csvPath = QString());
    void openProjectDialog();
    void exportAuditedList();
    void exportReportDialog();
    void showShortcuts();
    void showAbout();
    void showModelVersions(); // Model > Versions…: list, and roll back to one
    void submitBatch();
    void rememberProject(const QString& path);
    void rebuildRecentMenu();
    void onOpened();
    void onSnapshot(const ReviewSnapshotPtr& snapshot);
    void onRowStatus(qint64 row, int status);
    void onCurrentRowChanged(qint64 row);
    void showDetail(int64_t row);
    void updateBatchSummary();
    void updateActions();
    void showMessage(const QString& text);
    void setBlindReview(bool blind);
    int64_t reviewMsOf(int64_t row) const;
    // The project's look, kept per project file (main_window_session.cpp).
    ProjectViewState captureViewState() const;
    void saveViewState();
    void restoreViewState(const QString& projectPath);
    bool selectRestoredRow();

    ReviewController* mController = nullptr;
    QueuePanel* mQueue = nullptr;
    DetailPanel* mDetail = nullptr;
    ChartTabs* mCharts = nullptr;
    TrainingStatus* mTraining = nullptr;
    QSplitter* mVertical = nullptr;
    QSplitter* mHorizontal = nullptr;
    QMenu* mRecentMenu = nullptr;
    QAction* mOpenAction = nullptr;
    QAction* mSubmitAction = nullptr;
    QAction* mUndoAction = nullptr;
    QAction* mAnomalyAction = nullptr;
    QAction* mNormalAction = nullptr;
    QAction* mSkipAction = nullptr;
    QAction* mCancelAction = nullptr;
    QAction* mExportListAction = nullptr;
    QAction* mExportReportAction = nullptr;
    QAction* mQuitAction = nullptr;
    QAction* mBlindReviewAction = nullptr;
    QAction* mExportPdfAction = nullptr;
    QAction* mSecondReviewAction = nullptr;
    QAction* mAnalystAction = nullptr;
    QPointer<SecondReviewDialog> mSecondReview;
    bool mAnalystPrompt = true;
    QString mViewStatePath; // the project whose look saveViewState() keeps; empty when none
    int64_t mRestoredRow = -1; // the row to select when the reopened project's ranking arrives
    int64_t mShownRow = -1; // the row the detail panel shows, since mShownTimer started
    QElapsedTimer mShownTimer;
    int64_t mExplainAskedRow = -1, mExplainAskedVersion = -1; // "why this row" last asked for
};

} // namespace fr::ui
