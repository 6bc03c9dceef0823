// The fairness report: one self-contained HTML file (charts embedded as PNG images) or a PDF
// (fairness_report_pdf.h, charts as vector graphics) with the per-group figures the session
// computed (recall, estimated anomalies, the scoring bias of the head against the label-free
// prior, the features that give the group away, the groups with too few labels to judge), the
// second review's agreement, the model version with its hyper-parameters and the audit chain
// head, for an auditor who does not run FairReview.
#pragma once

#include "review_snapshot.h"

#include "active/second_review.h"
#include "data/dataset.h"
#include "metrics/proxy_check.h"
#include "store/audit_chain.h"

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
    // Features that predict the group (findDatasetGroupProxies); checked when the project opened.
    void setProxies(const std::vector<NamedGroupProxy>& proxies) { mProxies = proxies; }

    void setAuditChainHead(const AuditChainHead& head) { mChain = head; }
    void setAgreement(const ReviewAgreement& agreement) { mAgreement = agreement; }

    QString html() const;
    bool write(const QString& path) const;
    // Every section but the charts, in the HTML subset QTextDocument lays out (for the PDF).
    QString documentHtml() const;
    QString title() const { return mTitle; }

private:
    QString sectionsHtml() const; // the summary down to the audit chain, without charts
    QString warningsHtml() const;
    QString agreementHtml() const;
    QString modelHtml() const;
    QString auditHtml() const;
    QString summaryHtml() const;
    QString groupTableHtml() const;
    QString proxiesHtml() const;
    QString estimatesHtml() const;
    QString scoringBiasHtml() const;
    QString biasTableHtml(const HeadPriorBias& bias) const;
    QString chartsHtml() const;

    QString mTitle;
    QString mModel;
    QString mSource;
    MetricsSnapshot mMetrics;
    std::vector<std::string> mGroupNames;
    std::vector<GroupAnomalyEstimate> mEstimates;
    std::optional<HeadPriorBias> mLabelBias;
    std::string mLabelBiasMissing;
    std::optional<HeadPriorBias> mTruthBias;
    std::vector<NamedGroupProxy> mProxies;
    int64_t mRounds = 0;
    int mLabels = 0;
    ModelVersionRecord mModelRecord;
    std::optional<AuditChainHead> mChain;
    ReviewAgreement mAgreement;
    QVector<QPair<QString, QByteArray>> mCharts; // caption, PNG bytes
};

} // namespace fr::ui
