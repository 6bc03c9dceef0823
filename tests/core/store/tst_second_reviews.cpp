// Tests for the second reviews in the project file: stored apart from the labels with a chained
// `second-review` event, refused for the same analyst, an undone label or a label reviewed
// already; kept across a reopen; the chain verified, then broken by editing the file with SQLite;
// and a version-4 file migrated to version 5.
#include "store/project_schema.h"
#include "store/project_store.h"

#include "store_test_support.h"

#include <QtTest>

#include <sqlite3.h>

using namespace fr;
using namespace fr::test;

namespace {

void execSql(const std::string& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK)
        qFatal("sqlite: %s", message);
    sqlite3_close(db);
}

std::string projectPath(const QTemporaryDir& dir)
{
    return (dir.path() + "/p.frproject").toStdString();
}

// A project with labels by "ada" on rows 0..3 (row 3 undone).
std::unique_ptr<ProjectStore> labelledStore(const QTemporaryDir& dir, const StoreFixture& f)
{
    auto created = ProjectStore::create(projectPath(dir), f.reference, f.mapping, f.dataset);
    if (!created.ok())
        qFatal("%s", created.error().c_str());
    auto store = created.take();
    std::vector<LabelRecord> labels;
    for (int64_t row = 0; row < 4; ++row)
        labels.push_back(makeLabel(row, row % 2 ? LabelValue::Anomaly : LabelValue::Normal, 0, 1));
    if (!store->recordLabels(labels).ok() || !store->recordUndo(labels[3]).ok())
        qFatal("cannot label the fixture");
    return store;
}

SecondReviewRecord reviewOf(int64_t labelId, LabelValue value, const std::string& analyst = "bea")
{
    SecondReviewRecord r;
    r.labelId = labelId;
    r.label = value;
    r.analyst = analyst;
    r.groupVisible = false;
    r.reviewMs = 1234;
    return r;
}

const char* firstProblem(const AuditChainReport& report)
{
    return report.intact() ? "" : report.problems.front().message.c_str();
}

} // namespace

class TestSecondReviews : public QObject {
    Q_OBJECT
private slots:
    void storedWithAChainedEventAndKept()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        {
            auto store = labelledStore(dir, f);
            auto review = reviewOf(2, LabelValue::Normal);
            review.row = 9; // ignored: the label's row is recorded
            QVERIFY(store->recordSecondReview(review).ok());
            QCOMPARE(review.id, int64_t(1));
            QCOMPARE(review.row, int64_t(1));
            QVERIFY(review.timeUtcMs > 0);
            QCOMPARE(store->eventCount("second-review").value(), int64_t(1));
            auto report = store->verifyAuditChain().take();
            QVERIFY2(report.intact(), firstProblem(report));
            QCOMPARE(report.head.events, int64_t(4 + 1 + 1)); // labels, the undo, the review
            // Reviews train nothing: the labels are as they were.
            QCOMPARE(store->loadSession().value().labels.size(), size_t(4));
        }
        auto reopened = ProjectStore::open(projectPath(dir));
        QVERIFY2(reopened.ok(), reopened.error().c_str());
        const auto reviews = reopened.value()->secondReviews().take();
        QCOMPARE(reviews.size(), size_t(1));
        QCOMPARE(reviews[0].labelId, int64_t(2));
        QCOMPARE(reviews[0].analyst, std::string("bea"));
        QCOMPARE(reviews[0].label, LabelValue::Normal);
        QVERIFY(!reviews[0].groupVisible);
        QCOMPARE(reviews[0].reviewMs, int64_t(1234));
        const auto groups = reopened.value()->rowGroups().take();
        QCOMPARE(groups.size(), size_t(10));
        QCOMPARE(groups[1], std::string("Black"));
    }

    void refused_data()
    {
        QTest::addColumn<qint64>("labelId");
        QTest::addColumn<QString>("analyst");
        QTest::addColumn<QString>("because");
        QTest::newRow("same analyst") << qint64(1) << "ada"
                                      << "needs another analyst";
        QTest::newRow("undone label") << qint64(4) << "bea"
                                      << "is undone";
        QTest::newRow("no such label") << qint64(99) << "bea"
                                       << "does not exist";
        QTest::newRow("reviewed already") << qint64(2) << "cy"
                                          << "has a second review already";
        QTest::newRow("no name") << qint64(1) << ""
                                 << "has no name";
    }
    void refused()
    {
        QFETCH(qint64, labelId);
        QFETCH(QString, analyst);
        QFETCH(QString, because);
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        auto store = labelledStore(dir, f);
        auto first = reviewOf(2, LabelValue::Anomaly);
        QVERIFY(store->recordSecondReview(first).ok());
        auto review = reviewOf(labelId, LabelValue::Normal, analyst.toStdString());
        const Status status = store->recordSecondReview(review);
        QVERIFY(!status.ok());
        QVERIFY2(QString::fromStdString(status.error()).contains(because), status.error().c_str());
        QCOMPARE(review.id, int64_t(0));
        QCOMPARE(store->secondReviews().value().size(), size_t(1));
        QCOMPARE(store->eventCount("second-review").value(), int64_t(1));
    }

    void editingAReviewBreaksTheChain_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        QTest::newRow("review's label changed") << "UPDATE second_reviews SET label = 1 - label"
                                                << "no longer matches";
        QTest::newRow("review added outside FairReview")
            << "INSERT INTO second_reviews (label_id, row_index, label, analyst, time_utc_ms, "
               "group_visible) VALUES (3, 2, 1, 'eve', 1, 1)"
            << "added outside FairReview";
        QTest::newRow("review deleted") << "DELETE FROM second_reviews"
                                        << "no longer holds review";
        QTest::newRow("event detail edited")
            << "UPDATE events SET detail = replace(detail, 'bea', 'eve') WHERE kind = "
               "'second-review'"
            << "event";
    }
    void editingAReviewBreaksTheChain()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        {
            auto store = labelledStore(dir, f);
            auto review = reviewOf(2, LabelValue::Normal);
            QVERIFY(store->recordSecondReview(review).ok());
            QVERIFY(store->verifyAuditChain().value().intact());
        }
        execSql(projectPath(dir), sql.toStdString().c_str());
        auto store = ProjectStore::open(projectPath(dir));
        QVERIFY(store.ok());
        const auto report = store.value()->verifyAuditChain().take();
        QVERIFY(!report.intact());
        QVERIFY2(QString::fromStdString(report.problems.front().message).contains(named),
            report.problems.front().message.c_str());
    }

    void version4FileMigratesToVersion5()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        labelledStore(dir, f).reset();
        // Back to version 4 as a version-4 FairReview left it: no second_reviews table.
        execSql(projectPath(dir),
            "DROP TABLE second_reviews; DELETE FROM events WHERE kind = 'schema-migration' AND "
            "json_extract(detail, '$.to') = 5; PRAGMA user_version = 4;");
        auto store = ProjectStore::open(projectPath(dir));
        QVERIFY2(store.ok(), store.error().c_str());
        QCOMPARE(store.value()->schemaVersion(), 5);
        QCOMPARE(currentProjectSchemaVersion(), 5);
        QCOMPARE(store.value()->eventCount("schema-migration").value(), int64_t(5));
        QVERIFY(store.value()->verifyAuditChain().value().intact());
        auto review = reviewOf(1, LabelValue::Anomaly);
        QVERIFY(store.value()->recordSecondReview(review).ok());
        QVERIFY(store.value()->verifyAuditChain().value().intact());
        QCOMPARE(store.value()->integrityCheck().value(), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestSecondReviews)
#include "tst_second_reviews.moc"
