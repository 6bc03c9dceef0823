// Tests for fairreview-cli export-model: the TorchScript module of a trained arrests project,
// loaded with Python's torch (Debian's python3-torch) by check_exported_model.py and checked
// against FairReview's own score, probability and latent code for the same rows.
#include "trained_project.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTextStream>
#include <QtTest>

namespace {

// check_exported_model.py on a module, its reference rows and model.json: its JSON report, or a
// failure message in error.
QJsonObject runPythonCheck(const QString& stem, QByteArray& error)
{
    QProcess python;
    python.start("/usr/bin/python3",
        {FAIRREVIEW_SOURCE_DIR "/tests/app/cli/check_exported_model.py", stem + ".pt",
            stem + "-reference.csv", stem + ".json"});
    if (!python.waitForFinished(120000))
        error = "python3 did not finish";
    const QByteArray err = python.readAllStandardError();
    const QByteArray out = python.readAllStandardOutput();
    if (err.contains("No module named 'torch'"))
        error = "python3-torch is missing: run scripts/test.sh, which installs it";
    else if (python.exitCode() != 0)
        error = out + err;
    qInfo("round trip: %s", out.trimmed().constData());
    return jsonObject(out);
}

// A CSV of 1,500 rows x 40 numeric columns (seeded), 5% of them shifted anomalies: wider than
// the 32 columns the head sees directly, so that it sees principal components.
QString writeWideCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    QRandomGenerator rng(7);
    QTextStream out(&file);
    out << "id,label";
    for (int c = 0; c < 40; ++c)
        out << ",f" << c;
    out << "\n";
    for (int r = 0; r < 1500; ++r) {
        const bool anomaly = r % 20 == 0;
        out << r + 1 << "," << (anomaly ? 1 : 0);
        for (int c = 0; c < 40; ++c)
            out << "," << rng.generateDouble() + (anomaly && c % 3 == 0 ? 2.0 : 0.0) + c * 0.1;
        out << "\n";
    }
    return path;
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
                         mDir.path() + "/model-reference.csv", "--reference-rows", "3000"},
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
        QByteArray error;
        const QJsonObject report = runPythonCheck(mDir.path() + "/model", error);
        QVERIFY2(error.isEmpty(), error.constData());
        QCOMPARE(report["rows"].toInt(), 3000);
    }

    void wideRowsReachTheHeadThroughPrincipalComponents()
    {
        const QString data = writeWideCsv(mDir.path() + "/wide.csv");
        QVERIFY(!data.isEmpty());
        const TrainedProject wide
            = trainProject(mDir, data, "wide", {"--id", "id", "--truth", "label"});
        QVERIFY2(wide.error.isEmpty(), wide.error.constData());
        const QString stem = mDir.path() + "/wide";
        CliRun run = runCli({"export-model", "--project", wide.project, "--out", stem + ".pt",
                                "--reference", stem + "-reference.csv"},
            300000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject model = readJsonFile(stem + ".json");
        QCOMPARE(model["input"].toObject()["width"].toInt(), 40);
        QVERIFY(model["model"].toObject()["hyper_parameters"].toObject()["head_row_columns"].toInt()
            == 32);
        QByteArray error;
        const QJsonObject report = runPythonCheck(stem, error);
        QVERIFY2(error.isEmpty(), error.constData());
        QCOMPARE(report["rows"].toInt(), 1000);
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
