// The 2-D latent space (PCA of the model's latent codes) as a scatter, coloured by group, label or
// score. Zoom and pan with the mouse, hover for a row's summary, click to select the row in the
// queue; the queue's selection is ringed; double-click fits the view to the points again. Above
// kMaxDrawnPoints rows it draws a fixed-seed sample plus every labelled row, and says so in the
// title.
#pragma once

#include "chart_widget.h"

#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "row_status.h"

#include <memory>
#include <vector>

namespace fr::ui {

class LatentPlot : public ChartWidget {
    Q_OBJECT
public:
    enum class ColourMode { Group, Label, Score };
    static constexpr int kMaxDrawnPoints = 20000;

    explicit LatentPlot(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    void updateRanking(
        std::shared_ptr<const RankingSnapshot> ranking, const std::vector<RowStatus>& statuses);
    void setStatus(int64_t row, RowStatus status);
    void setColourMode(ColourMode mode);
    // Blind review: no point is coloured by its group (the label colours stand in) and the hover
    // summary leaves the group out, so that a row's group cannot be read off the plot.
    void setGroupHidden(bool hidden);
    bool groupHidden() const { return mGroupHidden; }
    ColourMode colourMode() const { return mMode; }
    void setSelectedRow(int64_t row); // -1: none
    int64_t selectedRow() const { return mSelected; }

    int64_t drawnPointCount() const; // points in the category layers (the selection ring apart)
    bool isSubsampled() const;
    int64_t rowNearest(const QPointF& pixel, double maxDistancePixels) const; // -1: none
    QString rowSummary(int64_t row) const;

signals:
    void rowClicked(qint64 row);

private:
    struct Layer {
        QString name;
        QColor colour;
        std::vector<int64_t> rows;
    };
    void setupInteractions();
    void chooseDrawnRows();
    std::vector<Layer> buildLayers() const;
    std::vector<Layer> groupLayers() const;
    std::vector<Layer> labelLayers() const;
    std::vector<Layer> scoreLayers() const;
    ColourMode shownMode() const; // mMode, or Label for Group under blind review
    void redraw();
    void drawSelection();
    void fitToPoints();
    void updateTitle();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);

    std::shared_ptr<const Dataset> mDataset;
    std::shared_ptr<const RankingSnapshot> mRanking;
    std::vector<RowStatus> mStatus;
    std::vector<int64_t> mDrawn; // data rows drawn, sample plus labelled rows
    ColourMode mMode = ColourMode::Group;
    int64_t mSelected = -1;
    bool mGroupHidden = false;
    QCPGraph* mSelectionGraph = nullptr;
    QPoint mPressPosition;
    bool mUserZoomed = false; // keep the user's zoom and pan across re-ranks
};

} // namespace fr::ui
