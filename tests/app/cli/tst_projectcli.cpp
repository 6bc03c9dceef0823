// Tests for fairreview-cli's project commands (project create, label, undo, export, history) on
// the bundled arrests data, including a second process refused while a writer holds the project.
#include "cli_test_support.h"
#include "data/dataset_loader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestProjectCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Set as CTest does, so that fairreview-cli does not re-exec itself to set it.
        qputenv("OMP_WAIT_POLICY", "PASSIVE");
        QVERIFY(mDir.isValid());
        mData = mDir.path() + "/arrests.csv";
        QVERIFY(QFile::copy(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", mData));
        mProject = mDir.path() + "/arrests.frproject";
    }

    void createsAProject()
    {
        CliRun run = runCli({"project", "create", "--project", mProject, "--data", mData, "--id",
            "id", "--truth", "released=No", "--group", "colour=Black"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject o = jsonObject(run.out);
        QCOMPARE(o["rows"].toInt(), 5226);
        QVERIFY(o["content_hash"].toString().startsWith("fnv1a-64:"));
        CliRun again = runCli({"project", "create", "--project", mProject, "--data", mData});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already exists"), again.err.constData());
    }

    void labelsUndoesAndRefusesADoubleLabel()
    {
        CliRun first = runCli({"label", "--project", mProject, "--id", "2", "--label", "anomaly",
            "--note", "=HYPERLINK(\"http://evil\")", "--analyst", "ada"});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QJsonObject label = jsonObject(first.out);
        QCOMPARE(label["label_id"].toInt(), 1);
        QCOMPARE(label["strategy"].toString(), QString("manual"));
        QCOMPARE(label["model_version"].toInt(), 0);
        CliRun twice = runCli({"label", "--project", mProject, "--id", "2", "--label", "normal"});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY2(twice.err.contains("already labelled anomaly (label 1); undo it first"),
            twice.err.constData());
        CliRun bad = runCli({"label", "--project", mProject, "--id", "2", "--label", "maybe"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(runCli({"label", "--project", mProject, "--id", "7", "--label", "normal"}).exitCode
            == 0);
        CliRun undo = runCli({"undo", "--project", mProject});
        QVERIFY2(undo.exitCode == 0, undo.err.constData());
        QCOMPARE(jsonObject(undo.out)["undone"].toObject()["id"].toString(), QString("7"));
    }

    void exportsTheAuditedListNeutralised()
    {
        const QString out = mDir.path() + "/labels.csv";
        CliRun run = runCli(
            {"export", "--project", mProject, "--format", "csv", "--out", out, "--with-columns"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines[0].trimmed(),
            QByteArray("id,label,analyst,time,model_version,score,rank,group,note,group_visible,"
                       "review_ms,chain_head,id (data),"
                       "released,colour,year,age,sex,employed,citizen,checks"));
        QVERIFY2(lines[1].startsWith("2,anomaly,ada,"), lines[1].constData());
        QVERIFY2(lines[1].contains(",Black,\"'=HYPERLINK(\"\"http://evil\"\")\",1,,"),
            lines[1].constData()); // group visible, review time not measured, then the chain head
        QVERIFY2(lines[1].contains(",2,No,Black,1999,"), lines[1].constData());
        QCOMPARE(lines.size(), 3); // header, one label (the undone one is not exported), ""
    }

    void historyCountsLabelsPerGroup()
    {
        CliRun run = runCli({"history", "--project", mProject});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject o = jsonObject(run.out);
        QCOMPARE(o["data"].toObject()["file"].toString(), QString("unchanged"));
        QCOMPARE(o["rounds"].toArray().size(), 0);
        QCOMPARE(o["model_versions"].toArray().size(), 0);
        QJsonArray groups = o["labels_per_group"].toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].toObject()["group"].toString(), QString("Black"));
        QCOMPARE(groups[0].toObject()["anomalies"].toInt(), 1);
        QCOMPARE(groups[1].toObject()["group"].toString(), QString("White"));
        QCOMPARE(groups[1].toObject()["undone"].toInt(), 1);
    }

    void secondProcessIsRefusedWhileAWriterHoldsTheProject()
    {
        QProcess writer;
        writer.start(
            FAIRREVIEW_STRESS_WRITER, {"--project", mProject, "--checkpoint-bytes", "1000"});
        QVERIFY(writer.waitForStarted());
        QByteArray seen;
        while (!seen.contains("ready\n") && writer.waitForReadyRead(30000))
            seen += writer.peek(1 << 20);
        QVERIFY2(seen.contains("ready\n"), writer.readAllStandardError().constData());
        CliRun run = runCli({"label", "--project", mProject, "--id", "9", "--label", "normal"});
        const qint64 writerPid = writer.processId(); // 0 once it has finished
        writer.kill();
        writer.waitForFinished();
        QCOMPARE(run.exitCode, 1);
        const QByteArray expected = "project " + mProject.toUtf8()
            + " is open in another FairReview (pid " + QByteArray::number(writerPid) + ")";
        QVERIFY2(run.err.contains(expected), run.err.constData());
    }

    void refusesAFileThatIsNotAProject()
    {
        CliRun run = runCli({"history", "--project", mData});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("is not a FairReview project"), run.err.constData());
    }

    // A Fashion-MNIST project has no data file, only a reference to its set-up: `simulate --fmnist
    // --project` makes one, and `label` rebuilds the ranking the window shows from it.
    void labelsAFashionMnistProject()
    {
        const QString project = mDir.path() + "/fashion.frproject";
        CliRun made
            = runCli({"simulate", "--fmnist", "one-class", "--normal-class", "3", "--budget", "10",
                         "--project", project, "--json", mDir.path() + "/fm.json"},
                300000);
        QVERIFY2(made.exitCode == 0, made.err.constData());
        fr::FashionMnistOptions setup; // as simulate drew it: its default seed 0
        setup.normalClass = 3;
        auto data = fr::loadFashionMnist(setup);
        QVERIFY(data.ok());
        const QString id = QString::fromStdString(data.value().ids[1234]);
        CliRun label
            = runCli({"label", "--project", project, "--id", id, "--label", "normal"}, 300000);
        QVERIFY2(label.exitCode == 0, label.err.constData());
        const QJsonObject recorded = jsonObject(label.out);
        QVERIFY(recorded.value("model_version").toInt() >= 1);
        QVERIFY2(
            recorded.value("strategy").toString().startsWith("manual/"), label.out.constData());
        QVERIFY(recorded.value("rank").toInt() >= 1);
    }

private:
    QTemporaryDir mDir;
    QString mData;
    QString mProject;
};

QTEST_GUILESS_MAIN(TestProjectCli)
#include "tst_projectcli.moc"
