// Tests that bad project files get a clear error and are never modified: not a SQLite file, an
// empty file, another program's database, a newer schema, a damaged file, a read-only location.
#include "store/project_schema.h"
#include "store/project_store.h"
#include "store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace fr;
using namespace fr::test;

namespace {

void runSql(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    QVERIFY2(rc == SQLITE_OK, message ? message : "");
    sqlite3_close(db);
}

std::string makeProject(const QTemporaryDir& dir, const std::string& name)
{
    auto f = writeFixture(dir.path(), 50);
    std::string path = (dir.path() + "/").toStdString() + name;
    auto store = ProjectStore::create(path, f.reference, f.mapping, f.dataset);
    if (!store.ok())
        qFatal("%s", store.error().c_str());
    std::vector<LabelRecord> labels = {makeLabel(1, LabelValue::Anomaly, 0, 1)};
    if (!store.value()->recordLabels(labels).ok())
        qFatal("cannot record a label");
    return path;
}

// Runs `body` as a user who cannot write to root-owned files: chmod alone does not stop root.
template <typename F> void asUnprivilegedUser(F body)
{
    if (geteuid() != 0) {
        body();
        return;
    }
    setfsuid(65534); // drops CAP_DAC_OVERRIDE for file access by this thread
    body();
    setfsuid(0);
}

bool exists(const std::string& path)
{
    return access(path.c_str(), F_OK) == 0;
}

} // namespace

class TestProjectFiles : public QObject {
    Q_OBJECT
private slots:
    void badFileIsRefusedAndUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << "text"
                                   << "is not a FairReview project (it is not a SQLite";
        QTest::newRow("empty file") << "empty"
                                    << "is not a FairReview project (it is not a SQLite";
        QTest::newRow("other database") << "other"
                                        << "is a SQLite database but not a FairReview";
        QTest::newRow("newer schema") << "newer"
                                      << "was written by a newer FairReview (project "
                                         "schema version 99; this FairReview reads up";
        QTest::newRow("damaged") << "damaged"
                                 << "the file is damaged";
        QTest::newRow("missing") << "missing"
                                 << "No such file or directory";
        QTest::newRow("folder") << "folder"
                                << "it is a folder, not a file";
    }
    void badFileIsRefusedAndUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        std::string path = (dir.path() + "/bad.frproject").toStdString();
        if (kind == "text") {
            std::ofstream(path) << "id,age\n1,2\n";
        } else if (kind == "empty") {
            std::ofstream {path};
        } else if (kind == "other") {
            runSql(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');");
        } else if (kind == "newer") {
            path = makeProject(dir, "newer.frproject");
            runSql(path, "PRAGMA user_version = 99");
        } else if (kind == "damaged") {
            path = makeProject(dir, "damaged.frproject");
            std::string bytes = fileBytes(path);
            for (size_t i = 100; i < bytes.size(); ++i)
                bytes[i] = char(i * 7);
            std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
        } else if (kind == "folder") {
            QVERIFY(QDir().mkpath(QString::fromStdString(path)));
        }
        std::string before = exists(path) && kind != "folder" ? fileBytes(path) : "";
        auto store = ProjectStore::open(path);
        QVERIFY(!store.ok());
        qInfo("%s", store.error().c_str());
        QVERIFY2(
            store.error().find(expected.toStdString()) != std::string::npos, store.error().c_str());
        QVERIFY2(store.error().find(path) != std::string::npos, "the message names the file");
        if (kind != "folder")
            QCOMPARE(exists(path) ? fileBytes(path) : "", before);
        QVERIFY(!exists(path + "-wal"));
    }

    void newerSchemaIsReadableAgainAfterTheRefusal()
    {
        QTemporaryDir dir;
        std::string path = makeProject(dir, "p.frproject");
        runSql(path, "PRAGMA user_version = 99");
        QVERIFY(!ProjectStore::open(path).ok());
        runSql(path, "PRAGMA user_version = " + std::to_string(currentProjectSchemaVersion()));
        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store.error().c_str());
        QCOMPARE(store.value()->loadSession().value().labels.size(), size_t(1));
    }

    void integrityCheckReportsABrokenReference()
    {
        QTemporaryDir dir;
        std::string path = makeProject(dir, "p.frproject");
        // Another program (foreign keys off) deletes a labelled row behind FairReview's back.
        runSql(path, "PRAGMA foreign_keys = OFF; DELETE FROM rows WHERE row_index = 1;");
        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store.error().c_str());
        auto report = store.value()->integrityCheck();
        QVERIFY(report.ok());
        QVERIFY2(report.value().find("foreign key violation: labels row 1 refers to a missing rows")
                != std::string::npos,
            report.value().c_str());
    }

    void readOnlyLocationIsReported()
    {
        QTemporaryDir dir;
        std::string path = makeProject(dir, "p.frproject");
        std::string before = fileBytes(path);
        auto f = writeFixture(dir.path(), 5);
        QVERIFY(chmod(dir.path().toLocal8Bit().constData(), 0555) == 0);
        asUnprivilegedUser([&] {
            auto opened = ProjectStore::open(path);
            QVERIFY(!opened.ok());
            qInfo("%s", opened.error().c_str());
            QVERIFY2(opened.error().find("read-only") != std::string::npos, opened.error().c_str());
            auto created = ProjectStore::create(
                (dir.path() + "/new.frproject").toStdString(), f.reference, f.mapping, f.dataset);
            QVERIFY(!created.ok());
            qInfo("%s", created.error().c_str());
            QVERIFY2(created.error().find("read-only location") != std::string::npos,
                created.error().c_str());
        });
        QVERIFY(chmod(dir.path().toLocal8Bit().constData(), 0700) == 0);
        QCOMPARE(fileBytes(path), before);
        QVERIFY(!exists((dir.path() + "/new.frproject").toStdString()));
    }

    void readOnlyProjectFileIsReported()
    {
        QTemporaryDir dir;
        std::string path = makeProject(dir, "p.frproject");
        std::string before = fileBytes(path);
        QVERIFY(chmod(dir.path().toLocal8Bit().constData(), 0777) == 0);
        QVERIFY(chmod((path + ".lock").c_str(), 0666) == 0);
        QVERIFY(chmod(path.c_str(), 0444) == 0);
        asUnprivilegedUser([&] {
            auto opened = ProjectStore::open(path);
            QVERIFY(!opened.ok());
            qInfo("%s", opened.error().c_str());
            qInfo("%s", opened.error().c_str());
            QVERIFY2(opened.error().find("read-only") != std::string::npos, opened.error().c_str());
        });
        QCOMPARE(fileBytes(path), before);
    }
};

QTEST_GUILESS_MAIN(TestProjectFiles)
#include "tst_projectfiles.moc"
