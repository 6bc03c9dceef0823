// End-to-end tests of `fairreview-cli evaluate` around its training: a short DAE run on a slice
// of Shuttle writes its report, and a throw inside pre-training (injected through core's debug
// hook, fault_injection.h, also with IAD's rounds) ends the command with a clear message and
// exit code 1 instead of an abort, writing no report.
#include "cli_test_support.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QStringList evaluateArgs(const QString& data, const QString& json)
{
    return {"evaluate", "--data", data, "--id", "id", "--truth", "label", "--model", "dae",
        "--steps", "40", "--seed", "1", "--device", "cpu", "--threads", "2", "--json", json};
}

// The first 2,000 rows of data/shuttle.csv, which holds anomalies throughout.
QString shuttleSlice(const QTemporaryDir& dir)
{
    QFile in(QStringLiteral(FAIRREVIEW_SOURCE_DIR) + "/data/shuttle.csv");
    QFile out(dir.filePath("shuttle_slice.csv"));
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return QString();
    for (int line = 0; line <= 2000 && !in.atEnd(); ++line)
        out.write(in.readLine());
    return out.fileName();
}

} // namespace

class TestEvaluateCli : public QObject {
    Q_OBJECT
private slots:
    void writesTheReport()
    {
        QTemporaryDir dir;
        const QString data = shuttleSlice(dir);
        QVERIFY(!data.isEmpty());
        const QString json = dir.filePath("report.json");
        const CliRun run = runCli(evaluateArgs(data, json), 120000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile report(json);
        QVERIFY(report.open(QIODevice::ReadOnly));
        QVERIFY(!QJsonDocument::fromJson(report.readAll()).object().isEmpty());
    }

    void injectedTrainingFailureExitsWithOne_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("pre-training, GPU") << "pre-training@5" << QStringList()
                                           << "fairreview-cli evaluate: training failed: "
                                              "pre-training stopped at step 5 of 40: out of GPU "
                                              "memory — retry on the CPU?\n";
        QTest::newRow("IAD round, host")
            << "IAD round 1@1:host-oom" << QStringList {"--iad"}
            << "fairreview-cli evaluate: training failed: IAD round 1 stopped at step 1 of ";
    }
    void injectedTrainingFailureExitsWithOne()
    {
        QFETCH(QString, fault);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString data = shuttleSlice(dir);
        QVERIFY(!data.isEmpty());
        const QString json = dir.filePath("report.json");
        const CliRun run = runCli(
            evaluateArgs(data, json) + extra, 120000, {"FAIRREVIEW_INJECT_FAULT=" + fault});
        QCOMPARE(run.exitCode, 1); // -1 would be a crash
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY2(!err.contains("enforce fail") && !err.contains("Exception raised from"),
            qPrintable(err)); // torch's own text and backtrace stay out
        QVERIFY(!QFile::exists(json));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateCli)
#include "tst_evaluate_cli.moc"
