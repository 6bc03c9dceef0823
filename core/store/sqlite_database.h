// One sqlite3 connection to a project file, closed on destruction.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

struct sqlite3;

namespace fr {

class SqliteStatement;

class SqliteDatabase {
public:
    // Opens the file read-write; creates it only when `create` is set. Throws SqliteError.
    SqliteDatabase(const std::string& path, bool create);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void exec(const std::string& sql); // for fixed SQL only: values go through SqliteStatement
    // A prepared statement kept for the connection's lifetime, reset and unbound: for statements
    // run once per label or per event, where preparing each time would cost more than running.
    SqliteStatement& cached(const std::string& sql);
    int64_t queryInteger(const std::string& sql);
    std::string queryText(const std::string& sql);
    int64_t lastInsertId() const;
    int changes() const;
    bool isReadOnly() const;
    bool inTransaction() const;
    // Why the last ROLLBACK failed (SqliteTransaction's destructor cannot throw it), until a
    // later one succeeds; empty when none failed. Kept in a fixed buffer: setting it from a
    // destructor must not allocate, nor throw.
    void setFailedRollback(const char* message) noexcept;
    std::string failedRollback() const { return mFailedRollback.data(); }
    sqlite3* handle() const { return mDb; }
    const std::string& path() const { return mPath; }

private:
    sqlite3* mDb = nullptr;
    std::string mPath;
    std::map<std::string, std::unique_ptr<SqliteStatement>> mCache;
    std::array<char, 256> mFailedRollback {};
};

} // namespace fr
