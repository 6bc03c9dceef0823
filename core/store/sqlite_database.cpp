#include "store/sqlite_database.h"

#include "store/sqlite_error.h"
#include "store/sqlite_statement.h"

#include <sqlite3.h>

#include <cstring>

namespace fr {

SqliteDatabase::SqliteDatabase(const std::string& path, bool create)
    : mPath(path)
{
    // NOMUTEX: ProjectStore serialises every use of its connection with its own mutex.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &mDb, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = mDb ? sqlite3_errmsg(mDb) : sqlite3_errstr(rc);
        sqlite3_close_v2(mDb);
        mDb = nullptr;
        throw SqliteError(rc, "cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(mDb, 1);
}

SqliteDatabase::~SqliteDatabase()
{
    mCache.clear(); // finalize before closing
    sqlite3_close_v2(mDb);
}

SqliteStatement& SqliteDatabase::cached(const std::string& sql)
{
    auto& slot = mCache[sql];
    if (!slot)
        slot = std::make_unique<SqliteStatement>(mDb, sql);
    slot->reset();
    return *slot;
}

void SqliteDatabase::exec(const std::string& sql)
{
    char* message = nullptr;
    int rc = sqlite3_exec(mDb, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return;
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw SqliteError(sqlite3_extended_errcode(mDb), "a database command failed: " + detail);
}

int64_t SqliteDatabase::queryInteger(const std::string& sql)
{
    SqliteStatement statement(mDb, sql);
    return statement.step() ? statement.integer(0) : 0;
}

std::string SqliteDatabase::queryText(const std::string& sql)
{
    SqliteStatement statement(mDb, sql);
    return statement.step() ? statement.text(0) : std::string();
}

int64_t SqliteDatabase::lastInsertId() const
{
    return sqlite3_last_insert_rowid(mDb);
}

int SqliteDatabase::changes() const
{
    return sqlite3_changes(mDb);
}

bool SqliteDatabase::isReadOnly() const
{
    return sqlite3_db_readonly(mDb, "main") == 1;
}

void SqliteDatabase::setFailedRollback(const char* message) noexcept
{
    std::strncpy(mFailedRollback.data(), message, mFailedRollback.size() - 1);
    mFailedRollback.back() = '\0';
}

bool SqliteDatabase::inTransaction() const
{
    return sqlite3_get_autocommit(mDb) == 0;
}

} // namespace fr
