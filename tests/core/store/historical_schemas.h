// The project schema as earlier releases wrote it, frozen here and not derived from
// project_schema.cpp, so that the migration tests start from files as they really were.
#pragma once

namespace fr::test {

// Version 1, copied from the release that wrote it.
inline const char* const kVersion1Schema = R"sql(
PRAGMA application_id = 1179801137;
CREATE TABLE dataset (id INTEGER PRIMARY KEY CHECK (id = 1), path TEXT NOT NULL,
    size_bytes INTEGER NOT NULL, content_hash TEXT NOT NULL, row_count INTEGER NOT NULL,
    id_column TEXT NOT NULL, group_column TEXT NOT NULL, protected_value TEXT NOT NULL,
    truth_column TEXT NOT NULL, anomaly_value TEXT NOT NULL, group_as_feature INTEGER NOT NULL,
    min_max_scaling INTEGER NOT NULL, created_utc_ms INTEGER NOT NULL);
CREATE TABLE column_roles (column_name TEXT PRIMARY KEY, role TEXT NOT NULL
    CHECK (role IN ('id','feature','categorical','group','truth','ignore')));
CREATE TABLE rows (row_index INTEGER PRIMARY KEY, row_id TEXT NOT NULL, group_name TEXT);
CREATE TABLE model_versions (version INTEGER PRIMARY KEY CHECK (version > 0), kind TEXT NOT NULL,
    hyper_parameters TEXT NOT NULL, device TEXT NOT NULL, seed INTEGER NOT NULL,
    metrics TEXT NOT NULL, created_utc_ms INTEGER NOT NULL, checkpoint BLOB NOT NULL);
CREATE TABLE scores (model_version INTEGER PRIMARY KEY REFERENCES model_versions(version),
    row_count INTEGER NOT NULL, score BLOB NOT NULL, probability BLOB);
CREATE TABLE labels (id INTEGER PRIMARY KEY AUTOINCREMENT,
    row_index INTEGER NOT NULL REFERENCES rows(row_index), row_id TEXT NOT NULL,
    label INTEGER NOT NULL CHECK (label IN (0, 1)), note TEXT NOT NULL, analyst TEXT NOT NULL,
    time_utc_ms INTEGER NOT NULL, model_version INTEGER REFERENCES model_versions(version),
    score REAL NOT NULL, rank INTEGER NOT NULL, strategy TEXT NOT NULL, round INTEGER NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)));
CREATE TABLE rounds (round INTEGER PRIMARY KEY,
    model_version INTEGER REFERENCES model_versions(version), labels_spent INTEGER NOT NULL,
    found INTEGER NOT NULL);
CREATE TABLE round_groups (round INTEGER NOT NULL REFERENCES rounds(round),
    position INTEGER NOT NULL, group_name TEXT NOT NULL, labels_spent INTEGER NOT NULL,
    found INTEGER NOT NULL, recall_at_k REAL NOT NULL, PRIMARY KEY (round, position));
CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time_utc_ms INTEGER NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

// What version 2 added (its migration step, as that release ran it).
inline const char* const kVersion2Additions = R"sql(
ALTER TABLE model_versions ADD COLUMN labels_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dataset ADD COLUMN hash_algorithm TEXT NOT NULL DEFAULT 'fnv1a-64';
CREATE INDEX labels_by_row ON labels(row_index);
CREATE INDEX events_by_kind ON events(kind);
)sql";

} // namespace fr::test
