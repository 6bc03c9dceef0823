#include "store/sqlite_transaction.h"

#include "store/sqlite_database.h"

namespace fr {

SqliteTransaction::SqliteTransaction(SqliteDatabase& db)
    : mDb(db)
{
    // IMMEDIATE takes the write lock now, so a failure shows before anything is half done.
    mDb.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    // SQLite may already have rolled back on its own (SQLITE_FULL, SQLITE_IOERR): only roll back
    // while a transaction is still open, and never throw from here.
    if (mDone || !mDb.inTransaction())
        return;
    try {
        mDb.exec("ROLLBACK");
    } catch (...) { }
}

void SqliteTransaction::commit()
{
    mDb.exec("COMMIT");
    mDone = true;
}

} // namespace fr
