// Tests for the audit chain (store/audit_chain.h): the hashes follow the byte string that
// PROJECT_FILE.md documents (rebuilt here by hand), a project's chain verifies after labels and
// undos, an edit made with sqlite directly is named, and a version 2 project (built here as that
// FairReview wrote it) migrates with its labels and a valid chain.
#include "historical_schemas.h"
#include "store/audit_chain.h"
#include "store/project_schema.h"
#include "store/project_store.h"
#include "store_test_support.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace fr;
using namespace fr::test;

namespace {

// Schema version 2 with two labels, one undone, and their events as version 2 wrote them.
const std::string kVersion2Project = std::string(kVersion1Schema) + kVersion2Additions + R"sql(
INSERT INTO dataset VALUES (1, 'old.csv', 42, 'fnv1a-64:00000000000000aa', 3, 'id', 'race',
    'Black', '', '', 0, 0, 1600000000000, 'fnv1a-64');
INSERT INTO rows VALUES (0, 'a', 'White'), (1, 'b', 'Black'), (2, 'c', NULL);
INSERT INTO labels VALUES (1, 1, 'b', 1, 'old note', 'bob', 1600000000002, NULL, 0.0, 0,
    'manual', 1, 0);
INSERT INTO labels VALUES (2, 2, 'c', 0, '', 'bob', 1600000000003, NULL, 0.0, 0, 'manual', 1, 1);
INSERT INTO events VALUES (1, 1600000000000, 'schema-migration', '{"from":0,"to":1}');
INSERT INTO events VALUES (2, 1600000000000, 'schema-migration', '{"from":1,"to":2}');
INSERT INTO events VALUES (3, 1600000000000, 'project-created', '{}');
INSERT INTO events VALUES (4, 1600000000002, 'label',
    '{"label_id":1,"row":1,"id":"b","label":"anomaly","analyst":"bob","model_version":0}');
INSERT INTO events VALUES (5, 1600000000003, 'label',
    '{"label_id":2,"row":2,"id":"c","label":"normal","analyst":"bob","model_version":0}');
INSERT INTO events VALUES (6, 1600000000004, 'undo', '{"label_id":2,"row":2,"id":"c"}');
PRAGMA user_version = 2;
)sql";

void execSql(const std::string& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK)
        qFatal("sqlite: %s", message);
    sqlite3_close(db);
}

// One row of `sql`'s result as text, columns joined by '|'.
std::vector<std::string> queryRow(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &query, nullptr);
    std::vector<std::string> row;
    if (sqlite3_step(query) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count(query); ++i) {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(query, i));
            row.push_back(text ? std::string(text, size_t(sqlite3_column_bytes(query, i))) : "");
        }
    sqlite3_finalize(query);
    sqlite3_close(db);
    return row;
}

std::string field(const std::string& name, const std::string& value)
{
    return name + ":" + std::to_string(value.size()) + ":" + value + "\n";
}

// For QVERIFY2, which builds its message even when the check passes.
const char* firstProblem(const AuditChainReport& report)
{
    return report.intact() ? "" : report.problems.front().message.c_str();
}

std::unique_ptr<ProjectStore> createStore(const QTemporaryDir& dir, const StoreFixture& f)
{
    auto store = ProjectStore::create(
        (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset);
    if (!store.ok())
        qFatal("%s", store.error().c_str());
    return store.take();
}

} // namespace

class TestAuditChain : public QObject {
    Q_OBJECT
private slots:
    void documentedBytesGiveTheStoredHash()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        auto store = createStore(dir, f);
        std::vector<LabelRecord> labels = {makeLabel(3, LabelValue::Anomaly, 0, 1)};
        labels[0].score = 0.1; // no short decimal is exact: the bits are hashed
        labels[0].groupVisible = false;
        labels[0].reviewMs = 1234;
        QVERIFY(store->recordLabels(labels).ok());
        const std::string path = store->path();
        store.reset();
        auto e = queryRow(
            path, "SELECT time_utc_ms, detail, chain_hash FROM events WHERE kind = 'label'");
        // PROJECT_FILE.md, "The audit chain", by hand: 0.1 is 0x3fb999999999999a.
        const std::string bytes = field("prev", std::string(64, '0')) + field("kind", "label")
            + field("time_utc_ms", e[0]) + field("detail", e[1]) + field("label_id", "1")
            + field("labels.row_index", "3") + field("labels.row_id", "r4")
            + field("labels.label", "1") + field("labels.note", "note 3")
            + field("labels.analyst", "ada") + field("labels.time_utc_ms", "1700000000003")
            + field("labels.model_version", "") + field("labels.score", "3fb999999999999a")
            + field("labels.rank", "4") + field("labels.strategy", "cold-start-score")
            + field("labels.round", "1") + field("labels.group_visible", "0")
            + field("labels.review_ms", "1234");
        QCOMPARE(sha256Hex(bytes), e[2]);
    }

    void labelsAndUndosVerify()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        auto store = createStore(dir, f);
        QVERIFY(store->verifyAuditChain().value().intact()); // nothing chained yet
        QCOMPARE(store->auditChainHead().value().hash, kAuditChainGenesis);
        std::vector<LabelRecord> batch
            = {makeLabel(1, LabelValue::Anomaly, 0, 1), makeLabel(2, LabelValue::Normal, 0, 1)};
        QVERIFY(store->recordLabels(batch).ok());
        QVERIFY(store->recordUndo(batch[1]).ok());
        std::vector<LabelRecord> again = {makeLabel(2, LabelValue::Anomaly, 0, 2)};
        QVERIFY(store->recordLabels(again).ok());
        auto report = store->verifyAuditChain();
        QVERIFY2(report.ok(), report.error().c_str());
        QVERIFY2(report.value().intact(), firstProblem(report.value()));
        QCOMPARE(report.value().head.events, int64_t(4));
        QCOMPARE(report.value().head.hash, store->auditChainHead().value().hash);
        QVERIFY(report.value().head.hash != kAuditChainGenesis);
    }

    void editedLabelIsNamed()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        std::string path;
        {
            auto store = createStore(dir, f);
            path = store->path();
            std::vector<LabelRecord> batch = {makeLabel(1, LabelValue::Anomaly, 0, 1),
                makeLabel(2, LabelValue::Normal, 0, 1), makeLabel(3, LabelValue::Normal, 0, 1)};
            QVERIFY(store->recordLabels(batch).ok());
        }
        execSql(path, "UPDATE labels SET score = 0.75 WHERE id = 2");
        const std::string event
            = queryRow(path, "SELECT id FROM events WHERE kind = 'label' AND label_id = 2")[0];
        auto report = ProjectStore::open(path).value()->verifyAuditChain().take();
        QCOMPARE(report.problems.size(), size_t(1));
        QCOMPARE(std::to_string(report.problems[0].eventId), event);
        QVERIFY2(report.problems[0].message.find("event " + event + " (label of label 2)")
                != std::string::npos,
            report.problems[0].message.c_str());
    }

    void removedEventBreaksTheNextLink()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        std::string path;
        {
            auto store = createStore(dir, f);
            path = store->path();
            std::vector<LabelRecord> batch
                = {makeLabel(1, LabelValue::Anomaly, 0, 1), makeLabel(2, LabelValue::Normal, 0, 1)};
            QVERIFY(store->recordLabels(batch).ok());
            QVERIFY(store->recordUndo(batch[1]).ok());
        }
        execSql(path, "DELETE FROM events WHERE kind = 'label' AND label_id = 2");
        auto report = ProjectStore::open(path).value()->verifyAuditChain().take();
        QVERIFY(!report.intact());
        QVERIFY2(report.problems[0].message.find("(undo of label 2)") != std::string::npos,
            report.problems[0].message.c_str());
    }

    void version2ProjectMigratesWithAValidChain()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/v2.frproject").toStdString();
        execSql(path, kVersion2Project.c_str());
        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store.error().c_str());
        QCOMPARE(store.value()->schemaVersion(), currentProjectSchemaVersion());
        auto saved = store.value()->loadSession().take();
        QCOMPARE(saved.labels.size(), size_t(2));
        QCOMPARE(saved.labels[0].note, std::string("old note"));
        QVERIFY(saved.labels[0].groupVisible); // labels before blind review saw the group
        QCOMPARE(saved.labels[0].reviewMs, int64_t(-1)); // not measured
        QVERIFY(saved.labels[1].undone);
        auto report = store.value()->verifyAuditChain().take();
        QVERIFY2(report.intact(), firstProblem(report));
        QCOMPARE(report.head.events, int64_t(3));
        QCOMPARE(report.head.eventId, int64_t(6));
        // New labels chain on from the migrated head.
        std::vector<LabelRecord> labels = {makeLabel(2, LabelValue::Anomaly, 0, 2)};
        labels[0].rowId = "c";
        QVERIFY(store.value()->recordLabels(labels).ok());
        QVERIFY(store.value()->verifyAuditChain().value().intact());
        QCOMPARE(store.value()->eventCount("schema-migration").value(), int64_t(5)); // ... 2→3→4→5
    }

    void exportCarriesTheChainHead()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        auto store = createStore(dir, f);
        std::vector<LabelRecord> labels = {makeLabel(1, LabelValue::Anomaly, 0, 1)};
        QVERIFY(store->recordLabels(labels).ok());
        const std::string csv = (dir.path() + "/labels.csv").toStdString();
        QVERIFY(store->exportLabels(csv, ExportFormat::Csv, false).ok());
        const std::string head = store->auditChainHead().value().hash;
        const std::string text = fileBytes(csv);
        QVERIFY(text.find(",group_visible,review_ms,chain_head\r\n") != std::string::npos);
        QVERIFY(text.find(",1,," + head + "\r\n") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
