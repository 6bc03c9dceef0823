// Tests for fairreview-cli verify: the audit chain of a project made with the CLI verifies, and
// after one label's field is changed with sqlite directly, verify fails and names that label's
// event and what differs. Also `label --blind` and the chain head in the export.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

namespace {

// Runs `sql` on the project with sqlite directly, as someone editing the file would.
void editWithSqlite(const QString& project, const char* sql)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(project.toUtf8().constData(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const QByteArray why = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, why.constData());
}

int64_t queryInteger(const QString& project, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(project.toUtf8().constData(), &db);
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &query, nullptr);
    const int64_t value = sqlite3_step(query) == SQLITE_ROW ? sqlite3_column_int64(query, 0) : -1;
    sqlite3_finalize(query);
    sqlite3_close(db);
    return value;
}

} // namespace

class TestVerifyCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("OMP_WAIT_POLICY", "PASSIVE"); // as CTest sets it: no re-exec
        QVERIFY(mDir.isValid());
        mData = mDir.path() + "/arrests.csv";
        QVERIFY(QFile::copy(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", mData));
        mProject = mDir.path() + "/arrests.frproject";
        CliRun create = runCli({"project", "create", "--project", mProject, "--data", mData, "--id",
            "id", "--group", "colour=Black"});
        QVERIFY2(create.exitCode == 0, create.err.constData());
        for (const char* id : {"2", "7", "9"}) {
            CliRun label = runCli({"label", "--project", mProject, "--id", id, "--label",
                QString(id) == "7" ? "normal" : "anomaly", "--analyst", "ada"});
            QVERIFY2(label.exitCode == 0, label.err.constData());
        }
        QCOMPARE(runCli({"undo", "--project", mProject}).exitCode, 0);
        CliRun blind = runCli(
            {"label", "--project", mProject, "--id", "11", "--label", "normal", "--blind"});
        QVERIFY2(blind.exitCode == 0, blind.err.constData());
        QCOMPARE(jsonObject(blind.out)["group_visible"].toBool(), false);
    }

    void freshProjectVerifies()
    {
        CliRun run = runCli({"verify", "--project", mProject});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject report = jsonObject(run.out);
        QCOMPARE(report["intact"].toBool(), true);
        QCOMPARE(report["integrity"].toString(), QString("ok"));
        QCOMPARE(report["chain_head"].toObject()["events"].toInt(), 5); // 4 labels, 1 undo
        QCOMPARE(report["chain_head"].toObject()["hash"].toString().size(), 64);
        QCOMPARE(queryInteger(mProject, "SELECT group_visible FROM labels WHERE row_id = '11'"),
            int64_t(0));
        QCOMPARE(queryInteger(mProject, "SELECT count(*) FROM labels WHERE review_ms IS NULL"),
            int64_t(4)); // the CLI does not measure review time
    }

    void exportCarriesTheChainHead()
    {
        const QString head = jsonObject(runCli({"verify", "--project", mProject}).out)["chain_head"]
                                 .toObject()["hash"]
                                 .toString();
        const QString out = mDir.path() + "/labels.json";
        CliRun run = runCli({"export", "--project", mProject, "--format", "json", "--out", out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject exported = jsonObject(file.readAll());
        QCOMPARE(exported["chain_head"].toString(), head);
        QJsonArray labels = exported["labels"].toArray();
        QCOMPARE(labels.size(), 3);
        QCOMPARE(labels[2].toObject()["group_visible"].toBool(), false);
        QVERIFY(labels[2].toObject()["review_ms"].isNull());
    }

    void namesTheFirstBrokenEventAfterAnEdit()
    {
        const QString copy = mDir.path() + "/edited.frproject";
        QVERIFY(QFile::copy(mProject, copy));
        // Label 2 (row id 7) was normal; someone makes it an anomaly, and changes label 3's note.
        editWithSqlite(copy,
            "UPDATE labels SET label = 1 WHERE id = 2; "
            "UPDATE labels SET note = 'edited' WHERE id = 3;");
        const int64_t event
            = queryInteger(copy, "SELECT id FROM events WHERE kind = 'label' AND label_id = 2");
        QVERIFY(event > 0);
        CliRun run = runCli({"verify", "--project", copy});
        QCOMPARE(run.exitCode, 1);
        const QByteArray named = "event " + QByteArray::number(event) + " (label of label 2)";
        QVERIFY2(run.err.contains(named), run.err.constData());
        QVERIFY2(
            run.err.contains("\"label\":\"normal\"") && run.err.contains("\"label\":\"anomaly\""),
            run.err.constData()); // what differs: recorded normal, the row now says anomaly
        QJsonObject report = jsonObject(run.out);
        QCOMPARE(report["intact"].toBool(), false);
        QJsonArray problems = report["problems"].toArray();
        QCOMPARE(problems.size(), 2); // one per edited label, not one per later event
        QCOMPARE(problems[0].toObject()["event_id"].toInt(), int(event));
        QCOMPARE(problems[1].toObject()["label_id"].toInt(), 3);
    }

    void reportsAnUndoFlagSetOutsideFairReview()
    {
        const QString copy = mDir.path() + "/undone.frproject";
        QVERIFY(QFile::copy(mProject, copy));
        editWithSqlite(copy, "UPDATE labels SET undone = 1 WHERE id = 1;");
        CliRun run = runCli({"verify", "--project", copy});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("label 1 (row id '2') is marked undone but no undo event"),
            run.err.constData());
    }

private:
    QTemporaryDir mDir;
    QString mData;
    QString mProject;
};

QTEST_GUILESS_MAIN(TestVerifyCli)
#include "tst_verify_cli.moc"
