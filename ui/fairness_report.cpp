#include "fairness_report.h"

#include "fairness_text.h"
#include "number_format.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace fr::ui {

namespace {
QString escaped(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// "name value · name value": easier to read than the stored JSON (kept as it is when it is not
// an object).
QString hyperParametersHtml(const std::string& json)
{
    const QJsonObject object = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    if (object.isEmpty())
        return QStringLiteral("<code>%1</code>").arg(escaped(json));
    QStringList pairs;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        const QString value = v.isString() ? v.toString()
            : v.isBool()                   ? QString::fromLatin1(v.toBool() ? "true" : "false")
            : v.isDouble()                 ? QString::number(v.toDouble(), 'g', 12)
                                           : QStringLiteral("–");
        pairs << QStringLiteral("<code>%1</code>&nbsp;%2")
                     .arg(it.key().toHtmlEscaped(), value.toHtmlEscaped());
    }
    return pairs.join(QStringLiteral(" · "));
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
    mModelRecord = snapshot.model;
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
        "<h1>Fairness report: %1</h1>%2%3</body></html>\n")
        .arg(mTitle.toHtmlEscaped(), sectionsHtml(), chartsHtml());
}

QString FairnessReport::sectionsHtml() const
{
    return summaryHtml() + warningsHtml() + groupTableHtml() + agreementHtml() + proxiesHtml()
        + estimatesHtml() + scoringBiasHtml() + modelHtml() + auditHtml();
}

QString FairnessReport::documentHtml() const
{
    // QTextDocument knows tables by their attributes rather than by CSS borders.
    QString body = sectionsHtml();
    // Numbers right-aligned as in the HTML report's CSS, the first column left; no cell wrapped
    // inside ("(protec-ted)", an interval over two lines): the headers wrap instead.
    const QString number = QStringLiteral("<td align=\"right\" style=\"white-space:nowrap\">");
    body.replace(QStringLiteral("<td>"), number);
    body.replace(
        QStringLiteral("<tr>") + number, QStringLiteral("<tr><td style=\"white-space:nowrap\">"));
    body.replace(QStringLiteral("<table>"),
        QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                       "style=\"border-color:#bbbbbb\">"));
    return QStringLiteral("<html><body style=\"font-family:sans-serif\"><h1>Fairness report: "
                          "%1</h1>%2</body></html>")
        .arg(mTitle.toHtmlEscaped(), body);
}

QString FairnessReport::warningsHtml() const
{
    const QStringList warnings = fewLabelWarnings(mMetrics);
    if (warnings.isEmpty())
        return QString();
    QString text = QStringLiteral("<h2>Too few labels to judge</h2><p>The figures from the "
                                  "labels below rest on too little for these groups:</p><ul>");
    for (const QString& w : warnings)
        text += QStringLiteral("<li style=\"color:#A04000\">%1</li>").arg(w.toHtmlEscaped());
    return text + QStringLiteral("</ul>");
}

QString FairnessReport::agreementHtml() const
{
    if (mAgreement.overall.pairs == 0)
        return QString();
    QString text = QStringLiteral("<h2>Second review: agreement between analysts</h2><p>Cohen's "
                                  "&kappa; between the first label and a second analyst's label "
                                  "of the same row, given without seeing the first (1 = always "
                                  "agree, 0 = no better than chance).</p><ul>");
    for (const QString& line : agreementLines(mAgreement))
        text += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    return text + QStringLiteral("</ul>");
}

QString FairnessReport::modelHtml() const
{
    if (mModelRecord.version <= 0)
        return QString();
    return QStringLiteral("<h2>Model</h2><p>Version %1 (%2 on %3), trained with %4 label(s). "
                          "Hyper-parameters: %5</p>")
        .arg(mModelRecord.version)
        .arg(escaped(mModelRecord.kind), escaped(mModelRecord.device))
        .arg(mModelRecord.labelsUsed)
        .arg(hyperParametersHtml(mModelRecord.hyperParameters));
}

QString FairnessReport::auditHtml() const
{
    if (!mChain)
        return QString();
    return QStringLiteral("<h2>Audit trail</h2><p>Audit chain head (SHA-256 over %1 label, undo "
                          "and second-review event(s); <code>fairreview-cli verify</code> checks "
                          "it):<br><code>%2</code></p>")
        .arg(mChain->events)
        .arg(QString::fromStdString(mChain->hash));
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
