// The review queue as a table: one model row per data row, in ranking order (rank 1 first).
// Virtualised for a million rows: it keeps only the shared ranking and data set and a status byte
// per row, and computes every cell in data() when a view asks for it.
#pragma once

#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "row_status.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QImage>

#include <memory>
#include <unordered_set>
#include <vector>

namespace fr::ui {

class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        IdColumn,
        ScoreColumn,
        ProbabilityColumn,
        GroupColumn,
        LabelColumn,
        DeviationColumn,
        ColumnCount
    };
    enum Role {
        DatasetRowRole = Qt::UserRole + 1, // qint64 index into the Dataset
        RankRole,
        ScoreRole,
        ProbabilityRole,
        GroupRole, // int index into Dataset::groupNames, -1 without groups
        StatusRole, // int(RowStatus)
        InBatchRole,
    };

    explicit QueueModel(QObject* parent = nullptr);

    // A new data set empties the queue until its first ranking arrives.
    void setDataset(std::shared_ptr<const Dataset> dataset);
    // Re-ranks: resets the model. batchRows are the rows of the next batch (highlighted).
    void setRanking(
        std::shared_ptr<const RankingSnapshot> ranking, const std::vector<int64_t>& batchRows);
    void setStatuses(std::vector<RowStatus> statuses); // one per data row; resets
    void setStatus(int64_t datasetRow, RowStatus status);
    // Blind review: the group column shows "hidden" and no group colour, and the deviations leave
    // out groupColumn's features when the group is a model input (GroupRole stays, for the
    // filter, which the panel disables).
    void setGroupHidden(bool hidden, const std::string& groupColumn);
    bool groupHidden() const { return mGroupHidden; }

    const Dataset* dataset() const { return mDataset.get(); }
    const RankingSnapshot* ranking() const { return mRanking.get(); }
    int64_t datasetRow(int modelRow) const;
    int modelRow(int64_t datasetRow) const; // -1 when not in the queue
    RowStatus status(int64_t datasetRow) const;
    bool inBatch(int64_t datasetRow) const;
    // Labelled since the last re-rank: kept in the "to review" filter until the next ranking.
    bool labelledThisRound(int64_t datasetRow) const;
    int groupOf(int64_t datasetRow) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString statusText(RowStatus status);

private:
    QVariant displayData(int64_t row, int column) const;
    QVariant customData(int64_t row, int role) const;
    QVariant decorationData(int64_t row, int column) const;
    QString idText(int64_t row) const;
    QString groupText(int64_t row) const;
    QString deviationText(int64_t row) const;
    QString headerToolTip(int section) const;
    QImage thumbnail(int64_t row) const;

    std::shared_ptr<const Dataset> mDataset;
    std::shared_ptr<const RankingSnapshot> mRanking;
    std::vector<RowStatus> mStatus;
    std::unordered_set<int64_t> mBatch;
    std::unordered_set<int64_t> mLabelledThisRound;
    std::vector<QString> mGroupNames; // converted once; a handful of groups
    mutable QCache<int64_t, QImage> mThumbnails;
    bool mGroupHidden = false;
    std::string mHiddenColumn; // the group column while hidden, else empty
};

} // namespace fr::ui
