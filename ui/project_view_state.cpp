#include "project_view_state.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace fr::ui {

namespace {
// A path holds '/' and other characters QSettings reads as groups: its hash names the group.
QString groupOf(const QString& projectPath)
{
    const QString path = QFileInfo(projectPath).absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("projectViews/") + QString::fromLatin1(hash.toHex());
}
} // namespace

ProjectViewState loadProjectViewState(const QString& projectPath)
{
    ProjectViewState state;
    if (projectPath.isEmpty())
        return state;
    QSettings settings;
    settings.beginGroup(groupOf(projectPath));
    state.geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    state.windowState = settings.value(QStringLiteral("windowState")).toByteArray();
    state.queueSplitter = settings.value(QStringLiteral("queueSplitter")).toByteArray();
    state.chartSplitter = settings.value(QStringLiteral("chartSplitter")).toByteArray();
    state.chartTabsSplitter = settings.value(QStringLiteral("chartTabsSplitter")).toByteArray();
    state.selectedRow = settings.value(QStringLiteral("selectedRow"), -1).toLongLong();
    state.k = settings.value(QStringLiteral("k"), 0).toLongLong();
    state.chartTab = settings.value(QStringLiteral("chartTab"), -1).toInt();
    return state;
}

void saveProjectViewState(const QString& projectPath, const ProjectViewState& state)
{
    if (projectPath.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(groupOf(projectPath));
    settings.setValue(QStringLiteral("path"), QFileInfo(projectPath).absoluteFilePath());
    settings.setValue(QStringLiteral("geometry"), state.geometry);
    settings.setValue(QStringLiteral("windowState"), state.windowState);
    settings.setValue(QStringLiteral("queueSplitter"), state.queueSplitter);
    settings.setValue(QStringLiteral("chartSplitter"), state.chartSplitter);
    settings.setValue(QStringLiteral("chartTabsSplitter"), state.chartTabsSplitter);
    settings.setValue(QStringLiteral("selectedRow"), state.selectedRow);
    settings.setValue(QStringLiteral("k"), state.k);
    settings.setValue(QStringLiteral("chartTab"), state.chartTab);
}

} // namespace fr::ui
