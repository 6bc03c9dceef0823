// What a drag onto the window carries that FairReview can open: a CSV file (the open wizard starts
// with it) or a project file (.frproj, .frproject: opened at once).
#pragma once

#include <QString>

class QMimeData;

namespace fr::ui {

struct DroppedFile {
    enum class Kind { None, Csv, Project };
    Kind kind = Kind::None;
    QString path;
};

// The first local file among the data's URLs that FairReview can open; Kind::None when none.
DroppedFile droppedFile(const QMimeData* mime);

} // namespace fr::ui
