// Tests for fairreview-cli score: the project's own data file scored in chunks reproduces the
// scores and probabilities stored with the project's model, chunk boundaries change nothing, and
// bad rows stop the run naming the file, line and reason.
#include "trained_project.h"

#include "store/project_store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QtTest>

#include <cmath>

namespace {

struct ScoreRows {
    QStringList ids;
    std::vector<double> score, probability;
};

ScoreRows readScores(const QString& path)
{
    ScoreRows rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    QTextStream in(&file);
    const QString header = in.readLine();
    if (header != "id,score,probability")
        return rows;
    while (!in.atEnd()) {
        const QStringList cells = in.readLine().split(',');
        rows.ids << cells.value(0);
        rows.score.push_back(cells.value(1).toDouble());
        rows.probability.push_back(cells.value(2).isEmpty() ? NAN : cells.value(2).toDouble());
    }
    return rows;
}

double worstScaledDiff(const std::vector<double>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return INFINITY;
    double worst = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::fabs(a[i] - b[i]) / std::max(1.0, std::fabs(double(b[i]))));
    return worst;
}

void writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class TestScoreCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("OMP_WAIT_POLICY", "PASSIVE");
        QVERIFY(mDir.isValid());
        mProject = makeTrainedProject(mDir);
        QVERIFY2(mProject.error.isEmpty(), mProject.error.constData());
    }

    void matchesTheProjectsStoredScores()
    {
        const QString out = mDir.path() + "/scores.csv";
        CliRun run = runCli(
            {"score", "--project", mProject.project, "--data", mProject.data, "--out", out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object()["rows"].toInt(), 5226);
        auto store = fr::ProjectStore::open(mProject.project.toStdString());
        QVERIFY(store.ok());
        auto saved = store.value()->loadSession();
        QVERIFY(saved.ok() && saved.value().hasModel);
        auto ids = store.value()->rowIds();
        QVERIFY(ids.ok());
        const ScoreRows rows = readScores(out);
        QCOMPARE(rows.ids.size(), qsizetype(ids.value().size()));
        for (size_t i = 0; i < ids.value().size(); ++i)
            QCOMPARE(rows.ids[qsizetype(i)], QString::fromStdString(ids.value()[i]));
        QVERIFY(worstScaledDiff(rows.score, saved.value().score) <= 1e-4);
        QVERIFY(!saved.value().probability.empty());
        QVERIFY(worstScaledDiff(rows.probability, saved.value().probability) <= 1e-4);
    }

    void chunkBoundariesChangeNothing()
    {
        const QString out = mDir.path() + "/scores-chunked.csv";
        CliRun run = runCli({"score", "--project", mProject.project, "--data", mProject.data,
            "--out", out, "--chunk-rows", "2048"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile whole(mDir.path() + "/scores.csv"), chunked(out);
        QVERIFY(whole.open(QIODevice::ReadOnly) && chunked.open(QIODevice::ReadOnly));
        const QByteArray expected = whole.readAll();
        QCOMPARE(expected.count('\n'), qsizetype(5227));
        QVERIFY(chunked.readAll() == expected); // the same bytes: 3 chunks against 1
    }

    void badRowsNameTheFileLineAndReason_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("text in a numeric column")
            << QByteArray("9999,Yes,White,abc,21,Male,Yes,Yes,3")
            << QByteArray("column 'year': 'abc' is not a number");
        QTest::newRow("too few fields")
            << QByteArray("9999,Yes,White") << QByteArray("3 fields, expected 9");
    }

    void badRowsNameTheFileLineAndReason()
    {
        QFETCH(QByteArray, row);
        QFETCH(QByteArray, message);
        QFile original(mProject.data);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray header = original.readLine();
        const QByteArray good = original.readLine();
        const QString bad = mDir.path() + "/bad.csv";
        writeFile(bad, header + good + good + row + "\n");
        CliRun run = runCli({"score", "--project", mProject.project, "--data", bad, "--out",
            mDir.path() + "/bad-scores.csv"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("bad.csv line 4"), run.err.constData());
        QVERIFY2(run.err.contains(message), run.err.constData());
    }

    void refusesAFileWithoutTheModelsColumns()
    {
        const QString other = mDir.path() + "/other.csv";
        writeFile(other, "id,a,b\n1,2,3\n");
        CliRun run = runCli({"score", "--project", mProject.project, "--data", other, "--out",
            mDir.path() + "/other-scores.csv"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("other.csv: no column"), run.err.constData());
    }

private:
    QTemporaryDir mDir;
    TrainedProject mProject;
};

QTEST_GUILESS_MAIN(TestScoreCli)
#include "tst_score_cli.moc"
