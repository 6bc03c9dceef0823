#include "fairness_report.h"

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
        "<h1>Fairness report: %1</h1>%2%3%4</body></html>\n")
        .arg(mTitle.toHtmlEscaped(), summaryHtml(), groupTableHtml(), chartsHtml());
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
