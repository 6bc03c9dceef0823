// The colours every view uses, so that a group has one colour in the queue and in every chart.
// Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008).
#pragma once

#include "row_status.h"

#include <QColor>

namespace fr::ui::palette {

QColor groupColor(int group); // group index into Dataset::groupNames; cycles after 7
QColor statusColor(RowStatus status);
// A sequential, colour-blind-safe ramp (viridis stops) for t in [0, 1].
QColor rampColor(double t);
QColor withAlpha(QColor color, int alpha);
QColor staleBadgeColor();
QColor failureBadgeColor(); // behind white text: "training failed"
QColor batchRowColor(); // background of the rows in the current batch

} // namespace fr::ui::palette
