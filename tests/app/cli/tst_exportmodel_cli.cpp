// Tests for fairreview-cli export-model: the TorchScript module of a trained arrests project,
// loaded with Python's torch (Debian's python3-torch) by check_exported_model.py and checked
// against FairReview's own score, probability and latent code for the same rows.
#include "trained_project.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

QJsonObject jsonObject(const QByteArray& text)
{
    return QJsonDocument::fromJson(text).object();
}

QJsonObject readJsonFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? jsonObject(file.readAll()) : QJsonObject();
}

} // namespace

class TestExportModelCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("OMP_WAIT_POLICY", "PASSIVE");
        QVERIFY(mDir.isValid());
        mProject = makeTrainedProject(mDir);
        QVERIFY2(mProject.error.isEmpty(), mProject.error.constData());
    }

    void writesTheModuleAndItsDescription()
    {
        const QString module = mDir.path() + "/model.pt";
        CliRun run
            = runCli({"export-model", "--project", mProject.project, "--out", module, "--reference",
                         mDir.path() + "/reference.csv", "--reference-rows", "3000"},
                300000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject report = jsonObject(run.out);
        QCOMPARE(report["rows_checked"].toInt(), 5226);
        QVERIFY(report["score"].toObject()["max_scaled"].toDouble() <= 1e-4);
        QVERIFY(report["probability"].toObject()["max_scaled"].toDouble() <= 1e-4);
        QVERIFY(QFile::exists(module));
        const QJsonObject model = readJsonFile(mDir.path() + "/model.json");
        QCOMPARE(model["model"].toObject()["kind"].toString(), QString("active"));
        QVERIFY(model["outputs"].toObject()["has_probability"].toBool());
        QVERIFY(model["isolation_forest"].toObject()["trees"].toInt() == 100);
        const QJsonObject preprocessing = model["preprocessing"].toObject();
        QCOMPARE(preprocessing["scaling"].toString(), QString("z-score"));
        QCOMPARE(preprocessing["id_column"].toString(), QString("id"));
        QCOMPARE(preprocessing["group"].toObject()["column"].toString(), QString("colour"));
        QCOMPARE(preprocessing["width"].toInt(), model["input"].toObject()["width"].toInt());
    }

    // The round trip of issue 13: the module in another engine gives FairReview's figures.
    void pythonTorchReproducesFairReview()
    {
        QProcess python;
        python.start("/usr/bin/python3",
            {FAIRREVIEW_SOURCE_DIR "/tests/app/cli/check_exported_model.py",
                mDir.path() + "/model.pt", mDir.path() + "/reference.csv",
                mDir.path() + "/model.json"});
        QVERIFY2(python.waitForFinished(120000), "python3 did not finish");
        const QByteArray err = python.readAllStandardError();
        if (err.contains("No module named 'torch'"))
            QFAIL("python3-torch is missing: run scripts/test.sh, which installs it");
        const QByteArray out = python.readAllStandardOutput();
        QVERIFY2(python.exitCode() == 0, (out + err).constData());
        const QJsonObject report = jsonObject(out);
        QCOMPARE(report["rows"].toInt(), 3000);
        qInfo("round trip: %s", out.trimmed().constData());
    }

    void refusesAProjectWithoutAModel()
    {
        const QString bare = mDir.path() + "/bare.frproject";
        QVERIFY(
            runCli({"project", "create", "--project", bare, "--data", mProject.data, "--id", "id"})
                .exitCode
            == 0);
        CliRun run = runCli({"export-model", "--project", bare, "--out", mDir.path() + "/x.pt"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("has no trained model yet"), run.err.constData());
        QVERIFY(!QFile::exists(mDir.path() + "/x.pt"));
    }

private:
    QTemporaryDir mDir;
    TrainedProject mProject;
};

QTEST_GUILESS_MAIN(TestExportModelCli)
#include "tst_exportmodel_cli.moc"
