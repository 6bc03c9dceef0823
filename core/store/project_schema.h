// The project file's schema as an ordered list of migrations. PRAGMA user_version holds the number
// of migrations applied; PRAGMA application_id marks the file as a FairReview project.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

class SqliteDatabase;

constexpr int32_t kProjectApplicationId = 0x46525631; // "FRV1"

struct SchemaMigration {
    int toVersion; // user_version after this step
    std::string what; // for the audit log
    std::string sql; // one or more statements, run inside the migration's transaction
    // Run after `sql` in the same transaction, for what SQL alone cannot compute; may be null.
    void (*backfill)(SqliteDatabase& db) = nullptr;
};

// Step i brings a file from version i to i + 1. Never edit a released step: append a new one.
const std::vector<SchemaMigration>& projectMigrations();
int currentProjectSchemaVersion();

// Applies the steps after `fromVersion` in one transaction each, logging each in `events`.
// Throws SqliteError; a failed step leaves the file at the previous version.
void migrateProjectSchema(SqliteDatabase& db, int fromVersion);

} // namespace fr
