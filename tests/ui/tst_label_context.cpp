// The audit trail agrees with what the analyst saw: on the same model version, a label made from
// the command line (fairreview-cli label) records the same model version, score, rank, round and
// ranker as the same label made in the window (the training worker opening the project, then the
// session call the label worker makes). The project comes from a short `simulate --project` run
// of the product's loop with a non-zero seed, whose queue is not ranked by the base score.
#include "app/cli/cli_test_support.h"
#include "training_worker.h"

#include "metrics/ranking.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;

class TestLabelContext : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("OMP_WAIT_POLICY", "PASSIVE"); // as CTest sets it: the CLI does not re-exec
        QVERIFY(mDir.isValid());
        const QString data = mDir.filePath("arrests.csv");
        QVERIFY(QFile::copy(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", data));
        mCliProject = mDir.filePath("cli.frproject");
        mWindowProject = mDir.filePath("window.frproject");
        const CliRun run
            = runCli({"simulate", "--data", data, "--id", "id", "--truth", "released=No", "--group",
                         "colour=Black", "--budget", "20", "--batch", "10", "--seed", "3",
                         "--device", "cpu", "--threads", "1", "--pretrain-steps", "200",
                         "--project", mCliProject, "--json", mDir.filePath("report.json")},
                300000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!QFile::exists(mCliProject + "-wal")); // closed and checkpointed: one file
        QVERIFY(QFile::copy(mCliProject, mWindowProject));
    }

    void cliAndWindowRecordTheSameContext()
    {
        ui::TrainingWorker worker;
        ui::OpenOutcomePtr outcome;
        connect(&worker, &ui::TrainingWorker::opened,
            [&](const ui::OpenOutcomePtr& o, quint64) { outcome = o; });
        ui::OpenRequest request;
        request.source = ui::OpenRequest::Source::Project;
        request.projectPath = mWindowProject.toStdString();
        worker.openProject(request, std::make_shared<CancelToken>(), 1);
        QVERIFY(outcome);
        QVERIFY2(outcome->ok, qPrintable(outcome->error));
        ReviewSession& session = *outcome->session;
        QVERIFY(session.ranking());

        // A row of the queue whose rank is not its rank by base score, which the CLI used to
        // record.
        const std::vector<int64_t> byBaseScore = rankOfRow(rankOrder(session.ranking()->score));
        int64_t row = -1;
        for (const BatchItem& item : session.nextBatch(50))
            if (item.rank != byBaseScore[static_cast<size_t>(item.row)]) {
                row = item.row;
                break;
            }
        QVERIFY2(row >= 0, "the queue's first 50 rows are all in base-score order");

        auto window = session.submitLabels({{row, LabelValue::Anomaly, {}}});
        QVERIFY2(window.ok(), window.error().c_str());
        const LabelRecord& shown = window.value().front();
        const CliRun run = runCli({"label", "--project", mCliProject, "--id",
                                      QString::fromStdString(shown.rowId), "--label", "anomaly"},
            120000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject cli = QJsonDocument::fromJson(run.out).object();

        QVERIFY(shown.modelVersion > 0);
        QCOMPARE(cli["model_version"].toInt(), static_cast<int>(shown.modelVersion));
        QCOMPARE(cli["rank"].toInt(), static_cast<int>(shown.rank));
        QCOMPARE(static_cast<float>(cli["score"].toDouble()), static_cast<float>(shown.score));
        QCOMPARE(cli["round"].toInt(), shown.round);
        QCOMPARE(cli["strategy"].toString(), QString::fromStdString("manual/" + shown.strategy));
        QVERIFY(shown.rank != byBaseScore[static_cast<size_t>(row)]);
    }

private:
    QTemporaryDir mDir;
    QString mCliProject;
    QString mWindowProject;
};

QTEST_GUILESS_MAIN(TestLabelContext)
#include "tst_label_context.moc"
