#include "store/sqlite_error.h"

#include <sqlite3.h>

namespace fr {

void throwSqliteError(sqlite3* db, int code, const std::string& what)
{
    // The connection's message is more precise than sqlite3_errstr() when it belongs to this call.
    std::string detail
        = db && sqlite3_extended_errcode(db) == code ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw SqliteError(code, what + ": " + detail);
}

} // namespace fr
