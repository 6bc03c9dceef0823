// A write transaction: BEGIN IMMEDIATE on construction, rolled back unless commit() was reached,
// so that every change to a project is all or nothing.
#pragma once

namespace fr {

class SqliteDatabase;

class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDatabase& mDb;
    bool mDone = false;
};

} // namespace fr
