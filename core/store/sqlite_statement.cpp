#include "store/sqlite_statement.h"

#include "store/sqlite_error.h"

#include <sqlite3.h>

namespace fr {

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql)
    : mDb(db)
{
    int rc
        = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &mStatement, nullptr);
    if (rc != SQLITE_OK)
        throwSqliteError(db, rc, "cannot prepare a statement");
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(mStatement);
}

static void checkBind(sqlite3* db, int rc)
{
    if (rc != SQLITE_OK)
        throwSqliteError(db, rc, "cannot bind a statement parameter");
}

SqliteStatement& SqliteStatement::bind(int index, int64_t value)
{
    checkBind(mDb, sqlite3_bind_int64(mStatement, index, value));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value)
{
    checkBind(mDb, sqlite3_bind_double(mStatement, index, value));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::string& text)
{
    checkBind(mDb,
        sqlite3_bind_text64(
            mStatement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const void* data, size_t bytes)
{
    // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob gives that.
    int rc = bytes ? sqlite3_bind_blob64(mStatement, index, data, bytes, SQLITE_TRANSIENT)
                   : sqlite3_bind_zeroblob(mStatement, index, 0);
    checkBind(mDb, rc);
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    checkBind(mDb, sqlite3_bind_null(mStatement, index));
    return *this;
}

bool SqliteStatement::step()
{
    int rc = sqlite3_step(mStatement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(mStatement);
    throwSqliteError(mDb, rc, "a database statement failed");
}

void SqliteStatement::run()
{
    while (step()) { }
    reset();
}

void SqliteStatement::reset()
{
    sqlite3_reset(mStatement);
    sqlite3_clear_bindings(mStatement);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(mStatement, column) == SQLITE_NULL;
}

int64_t SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(mStatement, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(mStatement, column);
}

std::string SqliteStatement::text(int column) const
{
    auto* chars = reinterpret_cast<const char*>(sqlite3_column_text(mStatement, column));
    return chars ? std::string(chars, sqlite3_column_bytes(mStatement, column)) : std::string();
}

const void* SqliteStatement::blobData(int column, size_t& bytes) const
{
    const void* data = sqlite3_column_blob(mStatement, column);
    bytes = static_cast<size_t>(sqlite3_column_bytes(mStatement, column));
    return data;
}

std::vector<uint8_t> SqliteStatement::blob(int column) const
{
    size_t bytes = 0;
    auto* data = static_cast<const uint8_t*>(blobData(column, bytes));
    return data ? std::vector<uint8_t>(data, data + bytes) : std::vector<uint8_t>();
}

} // namespace fr
