#include "store/project_schema.h"

#include "store/audit_chain.h"
#include "store/sqlite_database.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"
#include "util/json_writer.h"
#include "util/utc_clock.h"

namespace fr {

// Version 1: the first project format.
static const char* kSchemaV1 = R"sql(
CREATE TABLE dataset (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    path TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    id_column TEXT NOT NULL,
    group_column TEXT NOT NULL,
    protected_value TEXT NOT NULL,
    truth_column TEXT NOT NULL,
    anomaly_value TEXT NOT NULL,
    group_as_feature INTEGER NOT NULL,
    min_max_scaling INTEGER NOT NULL,
    created_utc_ms INTEGER NOT NULL
);
CREATE TABLE column_roles (
    column_name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('id','feature','categorical','group','truth','ignore'))
);
CREATE TABLE rows (
    row_index INTEGER PRIMARY KEY,
    row_id TEXT NOT NULL,
    group_name TEXT
);
CREATE TABLE model_versions (
    version INTEGER PRIMARY KEY CHECK (version > 0),
    kind TEXT NOT NULL,
    hyper_parameters TEXT NOT NULL,
    device TEXT NOT NULL,
    seed INTEGER NOT NULL,
    metrics TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    checkpoint BLOB NOT NULL
);
CREATE TABLE scores (
    model_version INTEGER PRIMARY KEY REFERENCES model_versions(version),
    row_count INTEGER NOT NULL,
    score BLOB NOT NULL,
    probability BLOB
);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    row_index INTEGER NOT NULL REFERENCES rows(row_index),
    row_id TEXT NOT NULL,
    label INTEGER NOT NULL CHECK (label IN (0, 1)),
    note TEXT NOT NULL,
    analyst TEXT NOT NULL,
    time_utc_ms INTEGER NOT NULL,
    model_version INTEGER REFERENCES model_versions(version),
    score REAL NOT NULL,
    rank INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    round INTEGER NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE TABLE rounds (
    round INTEGER PRIMARY KEY,
    model_version INTEGER REFERENCES model_versions(version),
    labels_spent INTEGER NOT NULL,
    found INTEGER NOT NULL
);
CREATE TABLE round_groups (
    round INTEGER NOT NULL REFERENCES rounds(round),
    position INTEGER NOT NULL,
    group_name TEXT NOT NULL,
    labels_spent INTEGER NOT NULL,
    found INTEGER NOT NULL,
    recall_at_k REAL NOT NULL,
    PRIMARY KEY (round, position)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time_utc_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
)sql";

// Version 2: how many labels trained a model (for the history view), the content-hash algorithm
// (so a later version can change it), and indexes for per-row and per-kind look-ups.
static const char* kSchemaV2 = R"sql(
ALTER TABLE model_versions ADD COLUMN labels_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dataset ADD COLUMN hash_algorithm TEXT NOT NULL DEFAULT 'fnv1a-64';
CREATE INDEX labels_by_row ON labels(row_index);
CREATE INDEX events_by_kind ON events(kind);
)sql";

// Version 3: the audit context of blind review and review time on each label, and the
// tamper-evident chain over label and undo events (PROJECT_FILE.md, "The audit chain"). The
// events' label ids move from the detail JSON into a column; chainExistingEvents then hashes the
// events the file already holds, oldest first.
static const char* kSchemaV3 = R"sql(
ALTER TABLE labels ADD COLUMN group_visible INTEGER NOT NULL DEFAULT 1 CHECK (group_visible IN (0, 1));
ALTER TABLE labels ADD COLUMN review_ms INTEGER;
ALTER TABLE events ADD COLUMN label_id INTEGER;
ALTER TABLE events ADD COLUMN chain_hash TEXT;
UPDATE events SET label_id = CASE WHEN json_valid(detail) THEN json_extract(detail, '$.label_id') END
    WHERE kind IN ('label', 'undo');
CREATE INDEX events_by_label ON events(label_id);
)sql";

// Version 4: which model version is current, so that a rollback to an earlier one survives a
// reopen (PROJECT_FILE.md, "Rollback"). A file with models starts with its latest as current.
static const char* kSchemaV4 = R"sql(
CREATE TABLE current_model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL REFERENCES model_versions(version)
);
INSERT INTO current_model (id, version)
    SELECT 1, max(version) FROM model_versions HAVING count(*) > 0;
)sql";

// Version 5: second review. Another analyst's label of an already labelled row, kept apart from
// `labels` because it must never train a model: it only measures agreement (PROJECT_FILE.md,
// "Second review"). One review per first label; its `second-review` event joins the audit chain.
static const char* kSchemaV5 = R"sql(
CREATE TABLE second_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label_id INTEGER NOT NULL UNIQUE REFERENCES labels(id),
    row_index INTEGER NOT NULL REFERENCES rows(row_index),
    label INTEGER NOT NULL CHECK (label IN (0, 1)),
    analyst TEXT NOT NULL,
    time_utc_ms INTEGER NOT NULL,
    group_visible INTEGER NOT NULL CHECK (group_visible IN (0, 1)),
    review_ms INTEGER
);
)sql";

const std::vector<SchemaMigration>& projectMigrations()
{
    static const std::vector<SchemaMigration> steps = {
        {1, "initial project schema", kSchemaV1},
        {2, "model_versions.labels_used, dataset.hash_algorithm, indexes", kSchemaV2},
        {3, "labels.group_visible, labels.review_ms, the audit chain on label and undo events",
            kSchemaV3, chainExistingEvents},
        {4, "current_model: the model version in use, for rollback", kSchemaV4},
        {5, "second_reviews: a second analyst's labels, for agreement", kSchemaV5},
    };
    return steps;
}

int currentProjectSchemaVersion()
{
    return projectMigrations().back().toVersion;
}

static void applyMigration(SqliteDatabase& db, const SchemaMigration& step, int fromVersion)
{
    SqliteTransaction transaction(db);
    if (fromVersion == 0)
        db.exec("PRAGMA application_id = " + std::to_string(kProjectApplicationId));
    db.exec(step.sql);
    if (step.backfill)
        step.backfill(db);
    SqliteStatement event(db.handle(),
        "INSERT INTO events (time_utc_ms, kind, detail) VALUES (?, 'schema-migration', ?)");
    event.bind(1, currentUtcMs());
    event.bind(2,
        "{\"from\":" + std::to_string(fromVersion) + ",\"to\":" + std::to_string(step.toVersion)
            + ",\"what\":\"" + JsonWriter::escape(step.what) + "\"}");
    event.run();
    // user_version is part of the transaction: a crash mid-step leaves the old version intact.
    db.exec("PRAGMA user_version = " + std::to_string(step.toVersion));
    transaction.commit();
}

void migrateProjectSchema(SqliteDatabase& db, int fromVersion)
{
    for (const auto& step : projectMigrations()) {
        if (step.toVersion <= fromVersion)
            continue;
        applyMigration(db, step, fromVersion);
        fromVersion = step.toVersion;
    }
}

} // namespace fr
