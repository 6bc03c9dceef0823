// The distribution of the ranking value (base score during the cold start, the head's probability
// after it) per group, each as the share of its group's rows, with the threshold of the current top
// K.
#pragma once

#include "chart_widget.h"

#include "active/session_snapshots.h"
#include "data/dataset.h"

namespace fr::ui {

class ScoreHistogramChart : public ChartWidget {
    Q_OBJECT
public:
    explicit ScoreHistogramChart(QWidget* parent = nullptr);

    void updateRanking(const Dataset& dataset, const RankingSnapshot& ranking, int64_t k);

    double threshold() const { return mThreshold; }
    bool logScale() const { return mLogScale; }

private:
    struct Binning {
        double low = 0.0;
        double high = 1.0;
        bool log = false;
    };
    void setupAxes();
    Binning chooseBinning(const std::vector<float>& values) const;
    void addGroupHistogram(const Dataset& dataset, const std::vector<float>& values, int group,
        const Binning& binning);
    void showThreshold(double value, int64_t k);

    QCPItemStraightLine* mThresholdLine = nullptr;
    QCPItemText* mThresholdText = nullptr;
    double mThreshold = 0.0;
    bool mLogScale = false;
};

} // namespace fr::ui
