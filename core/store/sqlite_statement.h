// One prepared sqlite3 statement: every value reaches SQL through a bound parameter, never by
// pasting text into the statement.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace fr {

class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Parameters are 1-based, as in sqlite3_bind_*.
    SqliteStatement& bind(int index, int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, const std::string& text);
    SqliteStatement& bindBlob(int index, const void* data, size_t bytes);
    SqliteStatement& bindNull(int index);

    bool step(); // true while a row is available; throws SqliteError on failure
    void run(); // steps to completion, then resets for the next use
    void reset();

    bool isNull(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<uint8_t> blob(int column) const;
    const void* blobData(int column, size_t& bytes) const; // valid until the next step

private:
    sqlite3* mDb;
    sqlite3_stmt* mStatement = nullptr;
};

} // namespace fr
