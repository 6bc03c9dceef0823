// The fairness report: one self-contained HTML file (charts embedded as PNG images) with the
// per-group figures the session computed, for an auditor who does not run FairReview.
#pragma once

#include "review_snapshot.h"

#include "data/dataset.h"

#include <QPixmap>
#include <QString>
#include <QVector>

namespace fr::ui {

class FairnessReport {
public:
    void setTitle(const QString& title) { mTitle = title; }
    void setModel(const QString& model) { mModel = model; }
    void setSnapshot(const ReviewSnapshot& snapshot, const Dataset& dataset, int labels);
    void addChart(const QString& caption, const QPixmap& chart);

    QString html() const;
    bool write(const QString& path) const;

private:
    QString summaryHtml() const;
    QString groupTableHtml() const;
    QString chartsHtml() const;

    QString mTitle;
    QString mModel;
    QString mSource;
    MetricsSnapshot mMetrics;
    int64_t mRounds = 0;
    int mLabels = 0;
    QVector<QPair<QString, QByteArray>> mCharts; // caption, PNG bytes
};

} // namespace fr::ui
