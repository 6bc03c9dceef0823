// One sqlite3 connection to a project file, closed on destruction.
#pragma once

#include <cstdint>
#include <string>

struct sqlite3;

namespace fr {

class SqliteDatabase {
public:
    // Opens the file read-write; creates it only when `create` is set. Throws SqliteError.
    SqliteDatabase(const std::string& path, bool create);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void exec(const std::string& sql); // for fixed SQL only: values go through SqliteStatement
    int64_t queryInteger(const std::string& sql);
    std::string queryText(const std::string& sql);
    int64_t lastInsertId() const;
    int changes() const;
    bool isReadOnly() const;
    bool inTransaction() const;
    sqlite3* handle() const { return mDb; }
    const std::string& path() const { return mPath; }

private:
    sqlite3* mDb = nullptr;
    std::string mPath;
};

} // namespace fr
