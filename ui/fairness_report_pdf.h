// The fairness report as a PDF, written with Qt's own QPdfWriter: the report's sections as vector
// text (QTextDocument, paginated on A4), then the charts, two to a page, drawn as vector graphics
// by QCustomPlot itself (toPainter on the PDF's painter), each with its caption.
#pragma once

#include "fairness_report.h"

#include <QString>
#include <QVector>

class QCustomPlot;

namespace fr::ui {

struct ReportChart {
    QString caption;
    QCustomPlot* plot = nullptr; // drawn at its own aspect ratio, scaled to the page width
    double aspect = 0.47; // height / width
};

struct PdfReportResult {
    bool ok = false;
    QString error;
    int pages = 0; // text pages + chart pages
    int textPages = 0;
};

PdfReportResult writeFairnessReportPdf(
    const FairnessReport& report, const QVector<ReportChart>& charts, const QString& path);

} // namespace fr::ui
