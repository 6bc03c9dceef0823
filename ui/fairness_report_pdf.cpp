#include "fairness_report_pdf.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QPdfWriter>
#include <QTextDocument>

namespace fr::ui {

namespace {
constexpr int kResolutionDpi = 96; // painter units are then screen pixels, as the charts expect
constexpr int kChartsPerPage = 2;
constexpr double kMarginMm = 15.0;
constexpr double kCaptionHeightPx = 28.0;

// Draws page `page` of `doc` (laid out to pages of `pageHeight`) at the painter's origin.
void drawDocumentPage(QPainter& painter, QTextDocument& doc, int page, double pageHeight)
{
    painter.save();
    painter.translate(0, -page * pageHeight);
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = QRectF(0, page * pageHeight, doc.pageSize().width(), pageHeight);
    painter.setClipRect(context.clip);
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
}

void drawChart(QCPPainter& painter, const ReportChart& chart, const QRectF& box)
{
    painter.save();
    QFont caption = painter.font();
    caption.setPointSizeF(10.5);
    caption.setBold(true);
    painter.setFont(caption);
    painter.drawText(QRectF(box.left(), box.top(), box.width(), kCaptionHeightPx),
        Qt::AlignLeft | Qt::AlignVCenter, chart.caption);
    const double width = box.width();
    const double height
        = std::min(box.height() - kCaptionHeightPx, width * std::max(0.2, chart.aspect));
    painter.translate(box.left(), box.top() + kCaptionHeightPx);
    // Vector output: no cached pixmaps, as QCustomPlot's own savePdf sets it.
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    chart.plot->toPainter(&painter, int(width), int(height));
    painter.restore();
}
} // namespace

PdfReportResult writeFairnessReportPdf(
    const FairnessReport& report, const QVector<ReportChart>& charts, const QString& path)
{
    PdfReportResult result;
    {
        QFile probe(path); // QPdfWriter says nothing when it cannot write: ask first
        if (!probe.open(QIODevice::WriteOnly)) {
            result.error = QObject::tr("cannot write %1: %2").arg(path, probe.errorString());
            return result;
        }
    }
    QPdfWriter writer(path);
    writer.setResolution(kResolutionDpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(
        QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter);
    writer.setTitle(QObject::tr("Fairness report: %1").arg(report.title()));
    writer.setCreator(QStringLiteral("FairReview"));
    const QRect page = writer.pageLayout().paintRectPixels(kResolutionDpi);
    const QSizeF pageSize(page.width(), page.height());

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    QFont font(QStringLiteral("Sans Serif"));
    font.setPointSizeF(9.5);
    doc.setDefaultFont(font);
    doc.setHtml(report.documentHtml());
    doc.setPageSize(pageSize);
    result.textPages = doc.pageCount();

    QCPPainter painter;
    if (!painter.begin(&writer)) {
        result.error = QObject::tr("cannot start the PDF writer for %1").arg(path);
        return result;
    }
    painter.setFont(font);
    for (int p = 0; p < result.textPages; ++p) {
        if (p > 0)
            writer.newPage();
        drawDocumentPage(painter, doc, p, pageSize.height());
    }
    const double slot = pageSize.height() / kChartsPerPage;
    for (int i = 0; i < charts.size(); ++i) {
        if (i % kChartsPerPage == 0)
            writer.newPage();
        const QRectF box(0, (i % kChartsPerPage) * slot, pageSize.width(), slot - 12);
        drawChart(painter, charts[i], box);
    }
    painter.end();
    result.pages = result.textPages + (int(charts.size()) + kChartsPerPage - 1) / kChartsPerPage;
    result.ok = true;
    return result;
}

} // namespace fr::ui
