#include "report_export.h"

#include "fairness_report_pdf.h"

namespace fr::ui {

namespace {
// The charts' sizes in the HTML report (pixels) and their shapes in the PDF.
constexpr int kChartWidthPx = 900;
constexpr int kChartHeightPx = 420;
constexpr int kLatentHeightPx = 600;
} // namespace

bool isPdfPath(const QString& path)
{
    return path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
}

ReportWritten writeFairnessReportFile(
    const ReportContent& content, ChartTabs& charts, const QString& path)
{
    ReportWritten written;
    if (!content.snapshot || !content.dataset) {
        written.error = QObject::tr("there is no model yet to report on: train one first");
        return written;
    }
    FairnessReport report;
    report.setTitle(content.title);
    report.setModel(content.model);
    report.setSnapshot(*content.snapshot, *content.dataset, content.labels);
    report.setProxies(content.proxies);
    if (content.chain)
        report.setAuditChainHead(*content.chain);
    report.setAgreement(content.agreement);
    const double chartAspect = double(kChartHeightPx) / kChartWidthPx;
    const QVector<ChartWidget*> widgets = {
        charts.recallChart(), charts.roundsChart(), charts.histogramChart(), charts.latentPlot()};
    const QStringList captions = {QObject::tr("Recall by group"), QObject::tr("Recall over rounds"),
        QObject::tr("Score histograms"), QObject::tr("Latent space")};
    QVector<ReportChart> plots;
    for (int i = 0; i < widgets.size(); ++i)
        plots.push_back({captions[i], widgets[i],
            widgets[i] == charts.latentPlot() ? double(kLatentHeightPx) / kChartWidthPx
                                              : chartAspect});
    // On paper nothing can be clicked: the charts' titles lose their on-screen hints meanwhile.
    QVector<QString> titles;
    for (ChartWidget* w : widgets) {
        QCPTextElement* title = w->titleElement();
        titles << (title ? title->text() : QString());
        if (title)
            title->setText(titles.back().section(QStringLiteral(" · click"), 0, 0));
    }
    const auto restoreTitles = [&] {
        for (int i = 0; i < widgets.size(); ++i)
            if (QCPTextElement* title = widgets[i]->titleElement())
                title->setText(titles[i]);
    };
    if (isPdfPath(path)) {
        const PdfReportResult pdf = writeFairnessReportPdf(report, plots, path);
        restoreTitles();
        written.ok = pdf.ok;
        written.error = pdf.error;
        written.pages = pdf.pages;
        return written;
    }
    for (int i = 0; i < widgets.size(); ++i)
        report.addChart(plots[i].caption,
            widgets[i]->renderPixmap(kChartWidthPx, int(kChartWidthPx * plots[i].aspect)));
    restoreTitles();
    written.ok = report.write(path);
    if (!written.ok)
        written.error = QObject::tr("could not write %1").arg(path);
    return written;
}

} // namespace fr::ui
