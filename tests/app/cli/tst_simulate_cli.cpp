// End-to-end tests of `fairreview-cli simulate`: a short seeded active run on a slice of Shuttle
// must find far more anomalies than random selection would, and the JSON report must hold the
// fields of issue 3 with consistent per-group counts.
#include "cli_test_support.h"
#include "core/active/synthetic_dataset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

namespace {

struct Run {
    int exitCode = -1;
    QJsonObject report;
    QString stderrText;
};

Run simulate(const QStringList& args, const QString& jsonPath, const QStringList& environment = {})
{
    const CliRun cli = runCli(
        QStringList {"simulate"} + args + QStringList {"--json", jsonPath}, 120000, environment);
    Run run;
    run.exitCode = cli.exitCode;
    run.stderrText = QString::fromUtf8(cli.err);
    QFile f(jsonPath);
    if (f.open(QIODevice::ReadOnly))
        run.report = QJsonDocument::fromJson(f.readAll()).object();
    return run;
}

} // namespace

class TestSimulateCli : public QObject {
    Q_OBJECT
private slots:
    void shuttleSliceBeatsRandomSelection()
    {
        QTemporaryDir dir;
        QFile in(QStringLiteral(FAIRREVIEW_SOURCE_DIR) + "/data/shuttle.csv");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QFile out(dir.filePath("shuttle_slice.csv"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        for (int line = 0; line <= 4000 && !in.atEnd(); ++line)
            out.write(in.readLine());
        out.close();
        Run run = simulate({"--data", out.fileName(), "--id", "id", "--truth", "label", "--model",
                               "uainet", "--budget", "150", "--seed", "1", "--device", "cpu",
                               "--pretrain-steps", "1000", "--round-steps", "50"},
            dir.filePath("report.json"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.stderrText));
        const QJsonObject& r = run.report;
        QCOMPARE(r["model"].toString(), QString("uainet"));
        QCOMPARE(r["device"].toString(), QString("cpu"));
        QCOMPARE(r["rows"].toInt(), 4000);
        QCOMPARE(r["budget"].toInt(), 150);
        QCOMPARE(r["batch"].toInt(), 10);
        const int anomalies = r["anomalies"].toInt();
        QVERIFY(anomalies > 100);
        // Random selection finds budget * anomalies / rows in expectation (about 11 here); its
        // standard deviation is about 3, so 3x the expectation is far outside its reach.
        const double random = 150.0 * anomalies / 4000.0;
        QVERIFY(qAbs(r["random_expected_found"].toDouble() - random) < 1e-6);
        const int found = r["found"].toInt();
        QVERIFY2(found > 3.0 * random,
            qPrintable(QString("found %1, random %2").arg(found).arg(random)));
        QVERIFY(qAbs(r["found_fraction"].toDouble() - found / 150.0) < 1e-8);
        const QJsonArray curve = r["curve"].toArray();
        QCOMPARE(curve.size(), 15);
        QCOMPARE(curve.last().toInt(), found);
        for (int i = 1; i < curve.size(); ++i)
            QVERIFY(curve[i].toInt() >= curve[i - 1].toInt());
        const QJsonObject timing = r["timing"].toObject();
        for (const char* key : {"pretrain_s", "round_ms_p50", "round_ms_p95", "total_s"})
            QVERIFY2(timing.contains(key), key);
        QVERIFY(timing["round_ms_p95"].toDouble() >= timing["round_ms_p50"].toDouble());
    }

    void groupsAndDefaultBatch()
    {
        QTemporaryDir dir;
        auto data = fr::test::syntheticDataset(900, 30);
        QFile csv(dir.filePath("synthetic.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id,f0,f1,f2,f3,grp,label\n");
        for (int r = 0; r < 900; ++r) {
            QStringList cells {QString::fromStdString(data->ids[r])};
            for (int c = 0; c < 4; ++c)
                cells << QString::number(data->matrix.at(r, c), 'g', 9);
            cells << (data->groups[r] == 1 ? "B" : "A") << QString::number(data->truth[r]);
            csv.write((cells.join(',') + "\n").toUtf8());
        }
        csv.close();
        Run run = simulate({"--data", csv.fileName(), "--id", "id", "--truth", "label=1", "--group",
                               "grp=B", "--model", "uainet", "--seed", "2", "--pretrain-steps",
                               "500", "--round-steps", "30"},
            dir.filePath("report.json"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.stderrText));
        const QJsonObject& r = run.report;
        QCOMPARE(r["anomalies"].toInt(), 30);
        QCOMPARE(r["budget"].toInt(), 30); // default: the number of anomalies
        QCOMPARE(r["batch"].toInt(), 3); // fewer than 100 anomalies
        QCOMPARE(r["curve"].toArray().size(), 10);
        const QJsonObject groups = r["per_group"].toObject();
        QCOMPARE(groups.keys(), QStringList({"A", "B"}));
        int rows = 0, anomalies = 0, spent = 0, found = 0;
        for (const QString& g : groups.keys()) {
            QJsonObject o = groups[g].toObject();
            rows += o["rows"].toInt();
            anomalies += o["anomalies"].toInt();
            spent += o["labels_spent"].toInt();
            found += o["found"].toInt();
        }
        QCOMPARE(rows, 900);
        QCOMPARE(anomalies, 30);
        QCOMPARE(spent, 30);
        QCOMPARE(found, r["found"].toInt());
        QCOMPARE(groups["B"].toObject()["rows"].toInt(), 300);
        // The head against the prior at a 5% FPR, from the ground truth (ReviewSession::
        // headPriorBias): xi is the difference of the two TPRs, overall and per group.
        const QJsonObject bias = r["scoring_bias"].toObject();
        QVERIFY(!bias.isEmpty());
        QVERIFY(std::abs(bias["target_fpr"].toDouble() - 0.05) < 1e-9);
        QVERIFY(std::abs(bias["bias"].toDouble()
                    - (bias["tpr_head"].toDouble() - bias["tpr_prior"].toDouble()))
            < 1e-9);
        QCOMPARE(bias["per_group"].toObject().keys(), QStringList({"A", "B"}));
    }

    // A throw inside a retrain (a CUDA out-of-memory error injected at step 2 of round 1, while the
    // UAI head's loss runs on the helper thread) ends simulate with a clear message and exit code
    // 1, not an abort; a failing pre-training likewise.
    void injectedTrainingFailureExitsWithOne_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("retrain")
            << "retraining@2"
            << "fairreview-cli simulate: round 1: retraining stopped at step 2 "
               "of 5: out of GPU memory — retry on the CPU?\n";
        QTest::newRow("pre-train")
            << "pre-training@3:bad-alloc"
            << "fairreview-cli simulate: before the first round: pre-training stopped at step 3 of "
               "50: out of memory — close other programs or use a smaller data set\n";
    }
    void injectedTrainingFailureExitsWithOne()
    {
        QFETCH(QString, fault);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString report = dir.filePath("report.json");
        Run run = simulate({"--data", QStringLiteral(FAIRREVIEW_SOURCE_DIR) + "/data/shuttle.csv",
                               "--id", "id", "--truth", "label", "--model", "uainet", "--budget",
                               "30", "--seed", "1", "--device", "cpu", "--threads", "2",
                               "--pretrain-steps", "50", "--round-steps", "5"},
            report, {"FAIRREVIEW_INJECT_FAULT=" + fault});
        QCOMPARE(run.exitCode, 1); // -1 would be a crash (std::terminate aborts)
        QVERIFY2(run.stderrText.endsWith(message), qPrintable(run.stderrText));
        QVERIFY(!QFile::exists(report));
    }

    void badArgumentsAreReported_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no head") << QStringList {"--data", "x.csv", "--truth", "label", "--model",
            "dae"} << "UAI head";
        QTest::newRow("bad device") << QStringList {"--data", "x.csv", "--truth", "label",
            "--model", "uainet", "--device", "tpu"}
                                    << "--device";
        QTest::newRow("typo") << QStringList {"--data", FAIRREVIEW_SOURCE_DIR "/data/shuttle.csv",
            "--truth", "label", "--model", "uainet", "--budgt", "5"}
                              << "--budgt";
    }
    void badArgumentsAreReported()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        Run run = simulate(args, dir.filePath("r.json"));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.stderrText.contains(message), qPrintable(run.stderrText));
    }
};

QTEST_GUILESS_MAIN(TestSimulateCli)
#include "tst_simulate_cli.moc"
