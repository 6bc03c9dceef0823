// Per-group recall against labelling rounds, one line per group. Without ground truth: the
// anomalies found (solid) and the labels spent (dashed) per group against rounds.
#pragma once

#include "chart_widget.h"

#include "store/records.h"

#include <string>
#include <vector>

namespace fr::ui {

class RecallRoundsChart : public ChartWidget {
    Q_OBJECT
public:
    explicit RecallRoundsChart(QWidget* parent = nullptr);

    void setGroupNames(const std::vector<std::string>& names);
    void updateHistory(const std::vector<RoundRecord>& rounds);

    bool showsRecall() const { return mShowsRecall; }

private:
    void setupAxes();
    void addGroupLines(const std::vector<RoundRecord>& rounds, size_t groupSlot, bool recall);
    QCPGraph* addLine(const QString& name, const QColor& colour, Qt::PenStyle style);

    std::vector<std::string> mGroupNames;
    bool mShowsRecall = true;
};

} // namespace fr::ui
