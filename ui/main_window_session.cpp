// MainWindow's session keeping, apart from the rest of the window: each project's look (layout,
// selected row, K, chart tab) saved when it closes and restored when it reopens, and the files
// dropped on the window.
#include "chart_tabs.h"
#include "file_drop.h"
#include "main_window.h"
#include "queue_panel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSplitter>
#include <QTabWidget>

#include <memory>

namespace fr::ui {

ProjectViewState MainWindow::captureViewState() const
{
    ProjectViewState state;
    state.geometry = saveGeometry();
    state.windowState = saveState();
    state.queueSplitter = mHorizontal->saveState();
    state.chartSplitter = mVertical->saveState();
    state.chartTabsSplitter = mCharts->saveState();
    state.selectedRow = selectedRow();
    state.k = mController->metricsK();
    state.chartTab = mCharts->tabs()->currentIndex();
    return state;
}

void MainWindow::saveViewState()
{
    if (!mViewStatePath.isEmpty() && mController->isOpen())
        saveProjectViewState(mViewStatePath, captureViewState());
}

void MainWindow::restoreViewState(const QString& projectPath)
{
    mViewStatePath = projectPath;
    const ProjectViewState state = loadProjectViewState(projectPath);
    mRestoredRow = state.selectedRow;
    if (!state.geometry.isEmpty())
        restoreGeometry(state.geometry);
    if (!state.windowState.isEmpty())
        restoreState(state.windowState);
    if (!state.queueSplitter.isEmpty())
        mHorizontal->restoreState(state.queueSplitter);
    if (!state.chartSplitter.isEmpty())
        mVertical->restoreState(state.chartSplitter);
    if (!state.chartTabsSplitter.isEmpty())
        mCharts->restoreState(state.chartTabsSplitter);
    if (state.chartTab >= 0 && state.chartTab < mCharts->tabs()->count())
        mCharts->tabs()->setCurrentIndex(state.chartTab);
    if (state.k > 0) {
        mController->setMetricsK(state.k);
        mCharts->setK(mController->metricsK());
    }
}

// Once, on the reopened project's first ranking: false when there is no row to go back to.
bool MainWindow::selectRestoredRow()
{
    const int64_t row = mRestoredRow;
    mRestoredRow = -1;
    if (row < 0 || mQueue->model()->modelRow(row) < 0)
        return false;
    mQueue->selectDatasetRow(row);
    return selectedRow() == row;
}

bool MainWindow::openDroppedFile(const QMimeData* mime)
{
    const DroppedFile file = droppedFile(mime);
    switch (file.kind) {
    case DroppedFile::Kind::Project:
        openProjectFile(file.path);
        return true;
    case DroppedFile::Kind::Csv:
        showOpenWizard(file.path);
        return true;
    case DroppedFile::Kind::None:
        break;
    }
    return false;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (droppedFile(event->mimeData()).kind != DroppedFile::Kind::None)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (droppedFile(event->mimeData()).kind == DroppedFile::Kind::None)
        return;
    event->acceptProposedAction();
    // The wizard is modal: let the drag end in the source application before it starts.
    auto copy = std::make_shared<QMimeData>();
    copy->setUrls(event->mimeData()->urls());
    QMetaObject::invokeMethod(
        this, [this, copy] { openDroppedFile(copy.get()); }, Qt::QueuedConnection);
}

} // namespace fr::ui
