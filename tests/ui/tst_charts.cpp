// The charts hold exactly the points they are given: bars per group with their intervals, lines
// per group over rounds, histograms per group with the top-K threshold, the latent scatter with
// its subsample, selection and click-to-select; and every chart exports to PNG and PDF.
#include "group_recall_chart.h"
#include "latent_plot.h"
#include "recall_rounds_chart.h"
#include "score_histogram_chart.h"
#include "ui_test_data.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;
using namespace fr::ui;

namespace {
MetricsSnapshot twoGroupMetrics(bool withTruth)
{
    MetricsSnapshot m;
    m.k = 892;
    m.recDiff = withTruth ? 0.04 : NAN;
    GroupFigure white, black;
    white.group = "White";
    white.rows = 3938;
    white.found = 7;
    white.labelsSpent = 20;
    black.group = "Black";
    black.isProtected = true;
    black.rows = 1288;
    black.found = 3;
    black.labelsSpent = 10;
    if (withTruth) {
        white.anomalies = 559;
        black.anomalies = 333;
        white.recallAtK = 0.38;
        white.recallLow = 0.34;
        white.recallHigh = 0.42;
        black.recallAtK = 0.42;
        black.recallLow = 0.37;
        black.recallHigh = 0.47;
    }
    m.groups = {white, black};
    return m;
}

std::vector<RoundRecord> rounds(int count, bool withTruth)
{
    std::vector<RoundRecord> history;
    for (int r = 1; r <= count; ++r) {
        RoundRecord round;
        round.round = r;
        round.modelVersion = r + 1;
        for (const char* group : {"White", "Black"})
            round.groups.push_back({group, 5 * r, 2 * r, withTruth ? 0.1 * r : -1.0});
        history.push_back(round);
    }
    return history;
}
} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private slots:
    void recallBarsHoldTheFigures_data();
    void recallBarsHoldTheFigures();
    void recallOverRounds_data();
    void recallOverRounds();
    void withoutGroupsOneSeriesForAllRows();
    void histogramsPerGroupWithThreshold();
    void latentPlotDrawsEveryRowWhenSmall();
    void latentPlotColoursByLabel();
    void latentPlotSubsamplesAMillionRows();
    void latentPlotClickSelectsTheRow();
    void exportsPngAndPdf();
};

void TestCharts::recallBarsHoldTheFigures_data()
{
    QTest::addColumn<bool>("withTruth");
    QTest::addColumn<double>("white");
    QTest::addColumn<double>("black");
    QTest::addColumn<int>("errorBars");
    QTest::newRow("with ground truth: recall") << true << 0.38 << 0.42 << 2;
    QTest::newRow("without: anomalies found") << false << 7.0 << 3.0 << 0;
}

void TestCharts::recallBarsHoldTheFigures()
{
    QFETCH(bool, withTruth);
    QFETCH(double, white);
    QFETCH(double, black);
    QFETCH(int, errorBars);
    GroupRecallChart chart;
    chart.setGroupNames({"White", "Black"});
    chart.updateMetrics(twoGroupMetrics(withTruth));
    QCOMPARE(chart.barCount(), 2);
    QCOMPARE(chart.barValue(0), white);
    QCOMPARE(chart.barValue(1), black);
    QCOMPARE(chart.barLabel(1), QStringLiteral("Black"));
    QCOMPARE(chart.plottableCount(), 2 + errorBars);
    if (withTruth) {
        auto* errors = qobject_cast<QCPErrorBars*>(chart.plottable(3));
        QVERIFY(errors);
        QCOMPARE(errors->data()->at(0).errorMinus, 0.42 - 0.37);
    }
    QVERIFY(chart.emptyMessage().isEmpty());
    chart.updateMetrics(twoGroupMetrics(withTruth)); // an update replaces, never accumulates
    QCOMPARE(chart.barCount(), 2);
}

void TestCharts::recallOverRounds_data()
{
    QTest::addColumn<bool>("withTruth");
    QTest::addColumn<int>("graphs");
    QTest::newRow("recall per group") << true << 2;
    QTest::newRow("found and spent per group") << false << 4;
}

void TestCharts::recallOverRounds()
{
    QFETCH(bool, withTruth);
    QFETCH(int, graphs);
    RecallRoundsChart chart;
    chart.setGroupNames({"White", "Black"});
    chart.updateHistory({});
    QVERIFY(!chart.emptyMessage().isEmpty());
    chart.updateHistory(rounds(3, withTruth));
    QVERIFY(chart.emptyMessage().isEmpty());
    QCOMPARE(chart.showsRecall(), withTruth);
    QCOMPARE(chart.graphCount(), graphs);
    QCOMPARE(chart.graph(0)->data()->size(), 3);
    QCOMPARE(chart.graph(0)->data()->at(2)->key, 3.0);
    QCOMPARE(chart.graph(0)->data()->at(2)->value, withTruth ? 0.3 : 6.0);
    if (!withTruth)
        QCOMPARE(chart.graph(1)->data()->at(2)->value, 15.0); // labels spent
}

void TestCharts::withoutGroupsOneSeriesForAllRows()
{
    MetricsSnapshot metrics;
    metrics.k = 667;
    metrics.recallAtK = 0.385;
    GroupRecallChart recall;
    recall.updateMetrics(metrics);
    QCOMPARE(recall.barCount(), 1);
    QCOMPARE(recall.barValue(0), 0.385);
    QVERIFY(recall.titleElement()->text().contains(QStringLiteral("no sensitive group")));

    std::vector<RoundRecord> history(2);
    history[0] = {1, 2, 10, 1, {}};
    history[1] = {2, 3, 20, 4, {}};
    RecallRoundsChart rounds;
    rounds.updateHistory(history);
    QCOMPARE(rounds.graphCount(), 2); // found and labels spent, for all rows
    QCOMPARE(rounds.graph(0)->data()->at(1)->value, 4.0);
    QCOMPARE(rounds.graph(1)->data()->at(1)->value, 20.0);
}

void TestCharts::histogramsPerGroupWithThreshold()
{
    auto data = test::makeDataset(3000);
    auto ranking = test::makeRanking(3000);
    ScoreHistogramChart chart;
    chart.updateRanking(*data, *ranking, 300);
    QCOMPARE(chart.graphCount(), 2);
    for (int g = 0; g < 2; ++g) {
        double share = 0.0;
        for (auto it = chart.graph(g)->data()->constBegin();
             it != chart.graph(g)->data()->constEnd(); ++it)
            share += it->value;
        QVERIFY2(std::abs(share - 1.0) < 1e-9, qPrintable(QString::number(share)));
    }
    QCOMPARE(chart.threshold(), double(ranking->score[size_t(ranking->order[299])]));
}

void TestCharts::latentPlotDrawsEveryRowWhenSmall()
{
    auto data = test::makeDataset(500);
    LatentPlot plot;
    plot.setDataset(data);
    plot.updateRanking(test::makeRanking(500), std::vector<RowStatus>(500, RowStatus::Unlabelled));
    QCOMPARE(plot.drawnPointCount(), int64_t(500));
    QVERIFY(!plot.isSubsampled());
    plot.setSelectedRow(42);
    QCOMPARE(plot.selectedRow(), int64_t(42));
}

void TestCharts::latentPlotColoursByLabel()
{
    auto data = test::makeDataset(100);
    std::vector<RowStatus> statuses(100, RowStatus::Unlabelled);
    statuses[3] = RowStatus::Anomaly;
    statuses[4] = RowStatus::Normal;
    LatentPlot plot;
    plot.setDataset(data);
    plot.updateRanking(test::makeRanking(100), statuses);
    plot.setColourMode(LatentPlot::ColourMode::Label);
    plot.setStatus(5, RowStatus::Anomaly);
    // Layers: unlabelled, skipped, normal, anomaly, then the selection ring.
    QCOMPARE(plot.graph(0)->data()->size(), 97);
    QCOMPARE(plot.graph(2)->data()->size(), 1);
    QCOMPARE(plot.graph(3)->data()->size(), 2);
    QCOMPARE(plot.drawnPointCount(), int64_t(100));
}

void TestCharts::latentPlotSubsamplesAMillionRows()
{
    constexpr int64_t kRows = 1000000;
    auto data = test::makeDataset(kRows, false);
    std::vector<RowStatus> statuses(kRows, RowStatus::Unlabelled);
    for (int64_t row : {11, 222222, 999999})
        statuses[size_t(row)] = RowStatus::Anomaly;
    LatentPlot plot;
    plot.setDataset(data);
    plot.updateRanking(test::makeRanking(kRows), statuses);
    QVERIFY(plot.isSubsampled());
    QVERIFY(plot.drawnPointCount() >= LatentPlot::kMaxDrawnPoints);
    QVERIFY(plot.drawnPointCount() <= LatentPlot::kMaxDrawnPoints + 3);
    QVERIFY(plot.titleElement()->text().contains(QStringLiteral("1,000,000")));
    plot.setColourMode(LatentPlot::ColourMode::Label);
    QCOMPARE(plot.graph(3)->data()->size(), 3); // every labelled row is drawn
    plot.setSelectedRow(777777); // the selection is drawn even when not sampled
    QCOMPARE(plot.graph(plot.graphCount() - 1)->data()->size(), 1);
}

void TestCharts::latentPlotClickSelectsTheRow()
{
    auto data = test::makeDataset(200);
    auto ranking = test::makeRanking(200);
    LatentPlot plot;
    plot.resize(600, 400);
    plot.setDataset(data);
    plot.updateRanking(ranking, std::vector<RowStatus>(200, RowStatus::Unlabelled));
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replot();
    const int64_t target = 57;
    const QPoint pixel(qRound(plot.xAxis->coordToPixel(ranking->latentX[target])),
        qRound(plot.yAxis->coordToPixel(ranking->latentY[target])));
    QCOMPARE(plot.rowNearest(pixel, 8.0), target);
    QVERIFY(plot.rowSummary(target).contains(QStringLiteral("id r58")));
    QSignalSpy clicked(&plot, &LatentPlot::rowClicked);
    QTest::mouseClick(&plot, Qt::LeftButton, Qt::NoModifier, pixel);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toLongLong(), target);
    QCOMPARE(plot.selectedRow(), target);
}

void TestCharts::exportsPngAndPdf()
{
    QTemporaryDir dir;
    GroupRecallChart chart;
    chart.setGroupNames({"White", "Black"});
    chart.updateMetrics(twoGroupMetrics(true));
    const QString png = dir.filePath("recall.png"), pdf = dir.filePath("recall.pdf");
    QVERIFY(chart.exportPng(png, 800, 400));
    QVERIFY(chart.exportPdf(pdf, 800, 400));
    QCOMPARE(QImage(png).size(), QSize(800, 400));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5).startsWith("%PDF"));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
