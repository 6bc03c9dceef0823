// Per-group Recall@K at the current K: one bar per group with its bootstrap 95% interval, the group
// size and anomaly count under it. Without ground truth: the anomalies the analyst found per group.
#pragma once

#include "chart_widget.h"

#include "active/session_snapshots.h"

#include <string>
#include <vector>

namespace fr::ui {

class GroupRecallChart : public ChartWidget {
    Q_OBJECT
public:
    explicit GroupRecallChart(QWidget* parent = nullptr);

    // Fixes each group's colour: the index of its name in the data set's group names.
    void setGroupNames(const std::vector<std::string>& names);
    void updateMetrics(const MetricsSnapshot& metrics);

    int barCount() const { return static_cast<int>(mBars.size()); }
    double barValue(int bar) const;
    QString barLabel(int bar) const;

private:
    void setupAxes();
    void addBar(int position, const GroupFigure& figure, bool withTruth);
    void addValueLabel(double key, double value, const QString& text);
    int colourIndex(const std::string& group) const;

    std::vector<std::string> mGroupNames;
    std::vector<QCPBars*> mBars;
    std::vector<QCPItemText*> mValueLabels;
    QSharedPointer<QCPAxisTickerText> mTicker;
};

} // namespace fr::ui
