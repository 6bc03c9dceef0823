// Filters and sorts the review queue: by label status, by group, by id search, by score range.
// Reads the source QueueModel's arrays directly instead of going through QVariant, so that
// filtering or sorting a million rows stays well under a second.
#pragma once

#include <QSortFilterProxyModel>

#include <limits>
#include <string>

namespace fr::ui {

class QueueModel;

class QueueFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StatusFilter {
        ToReview, // unlabelled and skipped rows, plus the rows labelled since the last ranking
        All,
        Labelled,
        Anomalies,
        Normals,
        Skipped,
    };

    explicit QueueFilterModel(QObject* parent = nullptr);
    void setQueueModel(QueueModel* model);
    QueueModel* queueModel() const { return mQueue; }

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return mStatusFilter; }
    void setGroupFilter(int group); // -1: every group
    int groupFilter() const { return mGroupFilter; }
    void setIdSearch(const QString& text); // case-insensitive substring of the row id
    QString idSearch() const { return QString::fromStdString(mIdSearch); }
    // Only rows whose base score lies in [minimum, maximum]; an infinite bound is no bound.
    void setScoreRange(double minimum, double maximum);
    void clearScoreRange() { setScoreRange(-kNoBound, kNoBound); }
    bool hasScoreRange() const { return mScoreMin > -kNoBound || mScoreMax < kNoBound; }
    double scoreMinimum() const { return mScoreMin; }
    double scoreMaximum() const { return mScoreMax; }
    static constexpr double kNoBound = std::numeric_limits<double>::infinity();

    int64_t datasetRow(int proxyRow) const;
    int proxyRow(int64_t datasetRow) const; // -1 when filtered out

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool acceptsStatus(int64_t row) const;
    bool acceptsId(int64_t row) const;
    bool acceptsScore(int64_t row) const;

    QueueModel* mQueue = nullptr;
    StatusFilter mStatusFilter = StatusFilter::ToReview;
    int mGroupFilter = -1;
    std::string mIdSearch; // lower case
    double mScoreMin = -kNoBound;
    double mScoreMax = kNoBound;
};

} // namespace fr::ui
