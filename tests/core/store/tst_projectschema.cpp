// Tests for the schema migrations: a project written by schema version 1 (built here by hand, as
// that FairReview wrote it) opens, is upgraded in place with its labels and models intact, and
// ends with the same schema as a new project.
#include "historical_schemas.h"
#include "store/project_schema.h"
#include "store/project_store.h"
#include "store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace fr;
using namespace fr::test;

namespace {

// Schema version 1 with a model, its scores and a label, as that release wrote them.
const std::string kVersion1Project = std::string(fr::test::kVersion1Schema) + R"sql(
INSERT INTO dataset VALUES (1, 'old.csv', 42, 'fnv1a-64:00000000000000aa', 3, 'id', 'race',
    'Black', 'truth', '1', 0, 0, 1600000000000);
INSERT INTO column_roles VALUES ('truth', 'truth');
INSERT INTO rows VALUES (0, 'a', 'White'), (1, 'b', 'Black'), (2, 'c', NULL);
INSERT INTO model_versions VALUES (1, 'uainet', '{}', 'cpu', 3, '{"auc":0.7}', 1600000000001,
    x'0102');
INSERT INTO scores VALUES (1, 3, x'0000803f000000400000404000', NULL);
INSERT INTO labels VALUES (1, 1, 'b', 1, 'old note', 'bob', 1600000000002, 1, 2.0, 2,
    'cold-start-score', 1, 0);
INSERT INTO events VALUES (1, 1600000000000, 'project-created', '{}');
PRAGMA user_version = 1;
)sql";

std::string schemaOf(const std::string& path)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db,
        "SELECT type || ' ' || name || ': ' || replace(coalesce(sql, ''), char(10), ' ') "
        "FROM sqlite_master ORDER BY type, name",
        -1, &query, nullptr);
    std::string schema;
    while (sqlite3_step(query) == SQLITE_ROW)
        schema += std::string(reinterpret_cast<const char*>(sqlite3_column_text(query, 0))) + "\n";
    sqlite3_finalize(query);
    sqlite3_close(db);
    return schema;
}

int64_t pragma(const std::string& path, const std::string& name)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &query, nullptr);
    int64_t value = sqlite3_step(query) == SQLITE_ROW ? sqlite3_column_int64(query, 0) : -1;
    sqlite3_finalize(query);
    sqlite3_close(db);
    return value;
}

std::string writeVersion1Project(const QTemporaryDir& dir)
{
    std::string path = (dir.path() + "/v1.frproject").toStdString();
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* message = nullptr;
    if (sqlite3_exec(db, kVersion1Project.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
        qFatal("cannot write the version 1 project: %s", message);
    sqlite3_close(db);
    return path;
}

} // namespace

class TestProjectSchema : public QObject {
    Q_OBJECT
private slots:
    void migrationsAreAnOrderedList()
    {
        const auto& steps = projectMigrations();
        QVERIFY(steps.size() >= 2);
        for (size_t i = 0; i < steps.size(); ++i)
            QCOMPARE(steps[i].toVersion, int(i + 1));
        QCOMPARE(currentProjectSchemaVersion(), int(steps.size()));
    }

    void opensAVersion1ProjectAndUpgradesIt()
    {
        QTemporaryDir dir;
        std::string path = writeVersion1Project(dir);
        QCOMPARE(pragma(path, "user_version"), int64_t(1));
        {
            auto store = ProjectStore::open(path);
            QVERIFY2(store.ok(), store.error().c_str());
            QCOMPARE(store.value()->schemaVersion(), currentProjectSchemaVersion());
            auto saved = store.value()->loadSession().take();
            QCOMPARE(saved.labels.size(), size_t(1));
            QCOMPARE(saved.labels[0].note, std::string("old note"));
            QCOMPARE(saved.labels[0].analyst, std::string("bob"));
            QCOMPARE(saved.labels[0].modelVersion, int64_t(1));
            QCOMPARE(saved.labels[0].score, 2.0);
            QVERIFY(saved.hasModel);
            QCOMPARE(saved.model.labelsUsed, int64_t(0)); // the column version 2 added
            QCOMPARE(saved.model.seed, uint64_t(3));
            QCOMPARE(saved.score, (std::vector<float> {1.0f, 2.0f, 3.0f}));
            QCOMPARE(store.value()->columnMapping().roles.at("truth"), ColumnRole::Truth);
            QCOMPARE(store.value()->eventCount("schema-migration").value(), int64_t(4)); // 1→2→3→4→5
            // The upgraded project takes new writes.
            std::vector<LabelRecord> labels = {makeLabel(2, LabelValue::Normal, 1, 2)};
            labels[0].rowId = "c";
            QVERIFY(store.value()->recordLabels(labels).ok());
            QCOMPARE(labels[0].id, int64_t(2));
            QCOMPARE(store.value()->integrityCheck().value(), std::string("ok"));
        }
        QCOMPARE(pragma(path, "user_version"), int64_t(currentProjectSchemaVersion()));
        // Upgrading is idempotent: a second open does not migrate again.
        QVERIFY(ProjectStore::open(path).ok());
        QCOMPARE(
            ProjectStore::open(path).value()->eventCount("schema-migration").value(), int64_t(4));
    }

    void upgradedSchemaEqualsANewProjectsSchema()
    {
        QTemporaryDir dir;
        std::string old = writeVersion1Project(dir);
        QVERIFY(ProjectStore::open(old).ok());
        auto f = writeFixture(dir.path(), 5);
        std::string fresh = (dir.path() + "/new.frproject").toStdString();
        QVERIFY(ProjectStore::create(fresh, f.reference, f.mapping, f.dataset).ok());
        // Whitespace differs between the hand-written and the released SQL; compare the words.
        auto words = [](std::string s) {
            QString text = QString::fromStdString(s).simplified();
            return text.replace("( ", "(").replace(" )", ")").replace(" ,", ",");
        };
        QCOMPARE(words(schemaOf(old)), words(schemaOf(fresh)));
        QCOMPARE(pragma(old, "application_id"), int64_t(kProjectApplicationId));
    }
};

QTEST_GUILESS_MAIN(TestProjectSchema)
#include "tst_projectschema.moc"
