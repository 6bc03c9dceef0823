// The fairness views with more than two groups and a feature that gives the group away: a CSV
// written by the test (groups A, B, C; "copy" copies the group) is loaded, a real session is
// pre-trained and retrained once on labels, and the charts, the "Fairness by group" table and the
// fairness report must list all three groups, the estimates, the scoring bias and the proxy.
#include "chart_tabs.h"
#include "fairness_report.h"
#include "training_worker.h"

#include "active/review_session.h"
#include "data/dataset_loader.h"
#include "metrics/proxy_check.h"

#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace fr;
using namespace fr::ui;

namespace {
constexpr int kRows = 240;
const QStringList kGroups {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};

// Every 12th row an anomaly (far out on x and y); "copy" is the group's index, nearly exactly.
QString writeThreeGroupCsv(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("three_groups.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    QByteArray text = "id,group,copy,x,y,anomaly\n";
    for (int r = 0; r < kRows; ++r) {
        const int g = r % 3;
        const bool anomaly = r % 12 == 5;
        const double x = std::sin(0.37 * r) + (anomaly ? 6.0 : 0.0);
        const double y = std::cos(0.23 * r) - (anomaly ? 5.0 : 0.0);
        text += QStringLiteral("r%1,%2,%3,%4,%5,%6\n")
                    .arg(r)
                    .arg(kGroups[g])
                    .arg(10.0 * g + 0.01 * (r % 7))
                    .arg(x)
                    .arg(y)
                    .arg(anomaly ? 1 : 0)
                    .toUtf8();
    }
    file.write(text);
    return path;
}

QStringList firstColumn(const QTableWidget* table)
{
    QStringList names;
    for (int r = 0; r < table->rowCount(); ++r)
        names << (table->item(r, 0) ? table->item(r, 0)->text() : QString());
    return names;
}
} // namespace

class TestFairnessViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chartsTableAndReportListEveryGroup();

private:
    QTemporaryDir mDir;
    std::shared_ptr<const Dataset> mData;
    std::unique_ptr<ReviewSession> mSession;
};

void TestFairnessViews::initTestCase()
{
    QVERIFY(mDir.isValid());
    ColumnMapping mapping;
    mapping.idColumn = "id";
    mapping.groupColumn = "group";
    mapping.protectedValue = "B";
    mapping.truthColumn = "anomaly";
    mapping.anomalyValue = "1";
    auto loaded = loadCsvDataset(writeThreeGroupCsv(mDir).toStdString(), mapping);
    QVERIFY2(loaded.ok(), loaded.error().c_str());
    mData = std::make_shared<const Dataset>(loaded.take());
    QCOMPARE(int(mData->groupNames.size()), 3);

    SessionOptions options;
    options.model.kind = ModelKind::UaiNet;
    options.model.device = DeviceChoice::Cpu;
    options.model.seed = 5;
    options.model.pretrainSteps = 100;
    options.model.roundSteps = 20;
    options.model.intraOpThreads = 1;
    options.coldStartRounds = 1;
    auto created = ReviewSession::create(mData, options);
    QVERIFY2(created.ok(), created.error().c_str());
    mSession = created.take();
    CancelToken cancel;
    QVERIFY(mSession->pretrain(cancel).ok());
    // Four labelled anomalies and eight labelled normals, across the three groups.
    std::vector<LabelInput> labels;
    for (int r = 0; r < 48; ++r)
        if (r % 12 == 5)
            labels.push_back({r, LabelValue::Anomaly, ""});
        else if (r % 6 == 0)
            labels.push_back({r, LabelValue::Normal, ""});
    QVERIFY(mSession->submitLabels(labels).ok());
    QVERIFY(mSession->retrain(cancel).ok());
}

void TestFairnessViews::chartsTableAndReportListEveryGroup()
{
    const ReviewSnapshotPtr snapshot = TrainingWorker::buildSnapshot(*mSession, 20);
    QCOMPARE(int(snapshot->estimates.size()), 3);
    QVERIFY2(snapshot->labelBias.has_value(), snapshot->labelBiasMissing.c_str());
    QCOMPARE(snapshot->labelBias->normals, int64_t(8));
    QCOMPARE(snapshot->labelBias->anomalies, int64_t(4));
    QCOMPARE(int(snapshot->labelBias->figures.groups.size()), 3);
    QVERIFY(snapshot->truthBias.has_value()); // the data has ground truth

    auto proxies = findDatasetGroupProxies(*mData);
    QVERIFY2(proxies.ok(), proxies.error().c_str());
    QVERIFY(!proxies.value().empty());
    QCOMPARE(QString::fromStdString(proxies.value().front().sourceColumn), QString("copy"));

    ChartTabs charts;
    charts.resize(1000, 400);
    charts.setDataset(mData, 20);
    charts.fairnessTable()->setProxies(proxies.value());
    charts.showSnapshot(*snapshot, std::vector<RowStatus>(kRows, RowStatus::Unlabelled));

    QCOMPARE(charts.recallChart()->barCount(), 3);
    for (int g = 0; g < 3; ++g)
        QCOMPARE(charts.recallChart()->barLabel(g), kGroups[g]);
    QCOMPARE(charts.histogramChart()->graphCount(), 3);
    for (int g = 0; g < 3; ++g)
        QCOMPARE(charts.histogramChart()->graph(g)->name(), kGroups[g]);

    const QTableWidget* table = charts.fairnessTable()->table();
    QCOMPARE(firstColumn(table), QStringList({"A", "B (protected)", "C", "all rows"}));
    for (int r = 0; r < 3; ++r)
        for (int c = 1; c < table->columnCount(); ++c)
            QVERIFY2(
                table->item(r, c), qPrintable(QStringLiteral("row %1 column %2").arg(r).arg(c)));
    QVERIFY(charts.fairnessTable()->caption().contains(
        QStringLiteral("from your labels (8 normal, 4 anomalies)")));
    QVERIFY(charts.fairnessTable()->caption().contains(QStringLiteral("ground truth")));
    const auto* proxyLabel = charts.fairnessTable()->findChild<QLabel*>("groupFairnessProxies");
    QVERIFY(proxyLabel && !proxyLabel->isHidden());
    QVERIFY(proxyLabel->text().contains(QStringLiteral("copy predicts group A")));

    FairnessReport report;
    report.setTitle(QStringLiteral("three groups"));
    report.setSnapshot(*snapshot, *mData, 12);
    report.setProxies(proxies.value());
    const QString html = report.html();
    QVERIFY(html.contains(QStringLiteral("copy predicts group A (AUC 1.00)")));
    QVERIFY(html.contains(QStringLiteral("Anomalies per group, estimated")));
    QVERIFY(html.contains(QStringLiteral("from your labels (8 normal, 4 anomalies)")));
    QVERIFY(html.contains(QStringLiteral("from the data&#39;s ground truth"))
        || html.contains(QStringLiteral("from the data's ground truth")));
    for (const QString& group : kGroups) {
        // the per-group table, the estimates and both scoring-bias tables
        QVERIFY2(html.count(QStringLiteral("<td>%1").arg(group)) >= 4, qPrintable(group));
    }
}

QTEST_MAIN(TestFairnessViews)
#include "tst_fairness_views.moc"
