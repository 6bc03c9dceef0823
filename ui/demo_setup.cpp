#include "demo_setup.h"

#include "analyst_name.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fr::ui {

namespace {
const char* const kDemoFile = "arrests.csv";
} // namespace

QString findDemoDataDir(const QString& compiledDataDir)
{
    QStringList candidates {compiledDataDir};
    QDir up(QCoreApplication::applicationDirPath());
    for (int level = 0; level < 5; ++level) {
        candidates << up.filePath(QStringLiteral("data"));
        if (!up.cdUp())
            break;
    }
    candidates << QStringLiteral("/usr/share/fairreview/data");
    for (const QString& dir : candidates) {
        if (!dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(kDemoFile)))
            return QDir(dir).absolutePath();
    }
    return QString();
}

OpenRequest demoRequest(const QString& dataDir, const QString& projectPath, bool fresh)
{
    OpenRequest request;
    request.source = OpenRequest::Source::Csv;
    request.dataPath = QDir(dataDir).filePath(kDemoFile).toStdString();
    request.mapping.idColumn = "id";
    request.mapping.groupColumn = "colour";
    request.mapping.protectedValue = "Black";
    request.mapping.truthColumn = "released";
    request.mapping.anomalyValue = "No";
    request.session.model.kind = ModelKind::Active;
    request.session.model.device = DeviceChoice::Auto;
    request.session.analyst = currentAnalystName().toStdString();
    request.projectPath = projectPath.toStdString();
    request.replaceProject = fresh;
    return request;
}

QString defaultDemoProjectPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("arrests-demo.frproj"));
}

} // namespace fr::ui
