#include "fairness_report.h"

#include "fairness_text.h"
#include "number_format.h"

#include <QBuffer>
#include <QDateTime>
#include <QSaveFile>

#include <cmath>

namespace fr::ui {

namespace {
QString escaped(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString cell(const QString& text)
{
    return QStringLiteral("<td>%1</td>").arg(text);
}
} // namespace

void FairnessReport::setSnapshot(const ReviewSnapshot& snapshot, const Dataset& dataset, int labels)
{
    mMetrics = snapshot.metrics;
    mRounds = static_cast<int64_t>(snapshot.history.size());
    mSource = QString::fromStdString(dataset.source);
    mLabels = labels;
    mGroupNames = dataset.groupNames;
    mEstimates = snapshot.estimates;
    mLabelBias = snapshot.labelBias;
    mLabelBiasMissing = snapshot.labelBiasMissing;
    mTruthBias = snapshot.truthBias;
}

void FairnessReport::addChart(const QString& caption, const QPixmap& chart)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    chart.save(&buffer, "PNG");
    mCharts.push_back({caption, png});
}

QString FairnessReport::html() const
{
    return QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Fairness report: %1</title><style>"
        "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#202020}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;"
        "text-align:right}th{background:#f0f0f0}td:first-child{text-align:left}"
        "figure{margin:1.5em 0}img{max-width:100%}</style></head><body>"
        "<h1>Fairness report: %1</h1>%2%3%4%5%6%7</body></html>\n")
        .arg(mTitle.toHtmlEscaped(), summaryHtml(), groupTableHtml(), proxiesHtml(),
            estimatesHtml(), scoringBiasHtml(), chartsHtml());
}

QString FairnessReport::summaryHtml() const
{
    QString text = QStringLiteral("<p>Data: %1<br>Model: %2<br>Labels: %3 in %4 round(s)<br>"
                                  "Written: %5</p>")
                       .arg(mSource.toHtmlEscaped(), mModel.toHtmlEscaped())
                       .arg(mLabels)
                       .arg(mRounds)
                       .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    text += QStringLiteral("<p>At K = %1: recall %2, precision %3, ROC-AUC %4, "
                           "Rec Diff (largest recall gap between groups) %5.</p>")
                .arg(formatCount(mMetrics.k), formatValue(mMetrics.recallAtK),
                    formatValue(mMetrics.precisionAtK), formatValue(mMetrics.rocAuc),
                    formatValue(mMetrics.recDiff));
    return text;
}

QString FairnessReport::groupTableHtml() const
{
    QString table = QStringLiteral(
        "<h2>Per group</h2><table><tr><th>group</th><th>rows</th><th>anomalies</th>"
        "<th>recall@K</th><th>95% interval</th><th>ROC-AUC</th><th>labels spent</th>"
        "<th>anomalies found</th></tr>");
    for (const GroupFigure& g : mMetrics.groups) {
        QString name = escaped(g.group);
        if (g.isProtected)
            name += QStringLiteral(" (protected)");
        table += QStringLiteral("<tr>") + cell(name) + cell(formatCount(g.rows))
            + cell(g.anomalies >= 0 ? formatCount(g.anomalies) : QStringLiteral("–"))
            + cell(formatValue(g.recallAtK)) + cell(formatInterval(g.recallLow, g.recallHigh))
            + cell(formatValue(g.rocAuc)) + cell(formatCount(g.labelsSpent))
            + cell(formatCount(g.found)) + QStringLiteral("</tr>");
    }
    return table + QStringLiteral("</table>");
}

QString FairnessReport::proxiesHtml() const
{
    if (mGroupNames.empty())
        return QString();
    QString text = QStringLiteral("<h2>Features that give the group away</h2>");
    if (mProxies.empty())
        return text
            + QStringLiteral("<p>No feature predicts the group with a ROC-AUC of %1 or more.</p>")
                  .arg(kProxyAucThreshold);
    text += QStringLiteral("<p>The group column is kept out of the model, but these features "
                           "predict it (folded one-vs-rest ROC-AUC &ge; %1):</p><ul>")
                .arg(kProxyAucThreshold);
    for (const QString& warning : proxyWarnings(mProxies))
        text += QStringLiteral("<li>%1</li>").arg(warning.toHtmlEscaped());
    return text + QStringLiteral("</ul>");
}

QString FairnessReport::estimatesHtml() const
{
    if (mEstimates.empty())
        return QString();
    QString table = QStringLiteral(
        "<h2>Anomalies per group, estimated</h2><p>From the analyst's labels and the review "
        "model's probabilities over the unlabelled rows; no ground truth.</p><table><tr>"
        "<th>group</th><th>rows</th><th>labelled</th><th>anomalies found</th>"
        "<th>estimated anomalies</th><th>95% interval</th><th>found share</th>"
        "<th>95% interval</th></tr>");
    for (const GroupAnomalyEstimate& e : mEstimates)
        table += QStringLiteral("<tr>")
            + cell(escaped(mGroupNames.at(static_cast<size_t>(e.group))))
            + cell(formatCount(e.rows)) + cell(formatCount(e.labelled)) + cell(formatCount(e.found))
            + cell(QString::number(e.estimatedAnomalies, 'f', 1))
            + cell(formatInterval(e.low, e.high)) + cell(formatValue(e.foundShare))
            + cell(formatInterval(e.foundShareLow, e.foundShareHigh)) + QStringLiteral("</tr>");
    return table + QStringLiteral("</table>");
}

QString FairnessReport::scoringBiasHtml() const
{
    const QString fpr = targetFprText(kReportedFprQuantile);
    QString text = QStringLiteral("<h2>Scoring bias: review model against the label-free "
                                  "prior</h2><p>TPR at a %1 false-positive rate, each scorer's "
                                  "threshold from the normals, and the relative bias &xi; = "
                                  "TPR(head) &minus; TPR(prior).</p>")
                       .arg(fpr);
    if (mLabelBias)
        text += biasTableHtml(*mLabelBias);
    else
        text += QStringLiteral("<p>From the analyst's labels: not yet, %1.</p>")
                    .arg(escaped(mLabelBiasMissing));
    if (mTruthBias)
        text += biasTableHtml(*mTruthBias);
    return text;
}

QString FairnessReport::biasTableHtml(const HeadPriorBias& bias) const
{
    const ScoringBias& b = bias.figures;
    QString table = QStringLiteral("<p>%1:</p><table><tr><th>group</th><th>anomalies</th>"
                                   "<th>TPR prior</th><th>TPR head</th><th>&xi;</th></tr>")
                        .arg(biasTruthText(bias).toHtmlEscaped());
    for (const GroupScoringBias& g : b.groups)
        table += QStringLiteral("<tr>")
            + cell(escaped(mGroupNames.at(static_cast<size_t>(g.group))))
            + cell(formatCount(g.anomalies)) + cell(formatValue(g.tprBase))
            + cell(formatValue(g.tprOther)) + cell(formatValue(g.bias)) + QStringLiteral("</tr>");
    table += QStringLiteral("<tr>") + cell(QStringLiteral("all rows"))
        + cell(formatCount(bias.anomalies)) + cell(formatValue(b.tprBase))
        + cell(formatValue(b.tprOther)) + cell(formatValue(b.bias)) + QStringLiteral("</tr>");
    return table + QStringLiteral("</table>");
}

QString FairnessReport::chartsHtml() const
{
    QString charts;
    for (const auto& [caption, png] : mCharts)
        charts += QStringLiteral("<figure><img alt=\"%1\" src=\"data:image/png;base64,%2\">"
                                 "<figcaption>%1</figcaption></figure>")
                      .arg(caption.toHtmlEscaped(), QString::fromLatin1(png.toBase64()));
    return charts;
}

bool FairnessReport::write(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(html().toUtf8());
    return file.commit();
}

} // namespace fr::ui
