#include "store/sqlite_transaction.h"

#include "store/sqlite_database.h"
#include "store/sqlite_error.h"

#include <string>

namespace fr {

SqliteTransaction::SqliteTransaction(SqliteDatabase& db)
    : mDb(db)
{
    // A rollback that failed in a destructor left its transaction open: try it again now, and
    // if that fails too, say why the first one did rather than "cannot start a transaction
    // within a transaction".
    if (!mDb.failedRollback().empty() && mDb.inTransaction()) {
        try {
            mDb.exec("ROLLBACK");
        } catch (const SqliteError& e) {
            throw SqliteError(e.code(),
                "an earlier change could not be undone (" + mDb.failedRollback() + "), nor now ("
                    + e.what() + ")");
        }
    }
    mDb.setFailedRollback("");
    // IMMEDIATE takes the write lock now, so a failure shows before anything is half done.
    mDb.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    // SQLite may already have rolled back on its own (SQLITE_FULL, SQLITE_IOERR): only roll back
    // while a transaction is still open, and never throw from here: a failure is kept on the
    // connection and reported by the next transaction (see the constructor).
    if (mDone || !mDb.inTransaction())
        return;
    try {
        mDb.exec("ROLLBACK");
    } catch (const std::exception& e) {
        mDb.setFailedRollback(e.what());
    } catch (...) {
        mDb.setFailedRollback("an unknown error");
    }
}

void SqliteTransaction::commit()
{
    mDb.exec("COMMIT");
    mDone = true;
}

} // namespace fr
