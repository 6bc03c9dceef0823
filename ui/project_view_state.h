// How the window looked when a project was last closed (layout, selected row, K, chart tab), kept
// in QSettings under the project file's absolute path, so that reopening it looks the same.
#pragma once

#include <QByteArray>
#include <QString>

namespace fr::ui {

struct ProjectViewState {
    QByteArray geometry; // QWidget::saveGeometry
    QByteArray windowState; // QMainWindow::saveState (tool bars)
    QByteArray queueSplitter; // queue | detail
    QByteArray chartSplitter; // top | charts
    QByteArray chartTabsSplitter; // chart tabs | latent plot
    qint64 selectedRow = -1; // a data row, -1 for none
    qint64 k = 0; // 0: the project's default K
    int chartTab = -1; // -1: leave the tab as it is

    bool isEmpty() const { return geometry.isEmpty() && selectedRow < 0 && k <= 0; }
};

// An empty state when the project was never closed in this window.
ProjectViewState loadProjectViewState(const QString& projectPath);
void saveProjectViewState(const QString& projectPath, const ProjectViewState& state);

} // namespace fr::ui
