// Writes the fairness report (HTML or PDF, by the file's extension) from what the window or the
// CLI's `report` has: the snapshot, the data set, the proxies, the audit chain head, the second
// review's agreement and the charts already showing that snapshot.
#pragma once

#include "chart_tabs.h"
#include "fairness_report.h"

#include <QString>

#include <memory>
#include <optional>

namespace fr::ui {

struct ReportContent {
    QString title;
    QString model; // "UaiNet v3 · CPU"
    ReviewSnapshotPtr snapshot;
    std::shared_ptr<const Dataset> dataset;
    int labels = 0; // active labels
    std::vector<NamedGroupProxy> proxies;
    std::optional<AuditChainHead> chain;
    ReviewAgreement agreement;
};

struct ReportWritten {
    bool ok = false;
    QString error; // a sentence naming the file
    int pages = 0; // PDF only
};

bool isPdfPath(const QString& path);
ReportWritten writeFairnessReportFile(
    const ReportContent& content, ChartTabs& charts, const QString& path);

} // namespace fr::ui
