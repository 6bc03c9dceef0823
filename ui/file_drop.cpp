#include "file_drop.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace fr::ui {

namespace {
DroppedFile::Kind kindOf(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return DroppedFile::Kind::Csv;
    if (suffix == QLatin1String("frproj") || suffix == QLatin1String("frproject"))
        return DroppedFile::Kind::Project;
    return DroppedFile::Kind::None;
}
} // namespace

DroppedFile droppedFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        const DroppedFile::Kind kind = kindOf(path);
        if (kind != DroppedFile::Kind::None)
            return {kind, path};
    }
    return {};
}

} // namespace fr::ui
