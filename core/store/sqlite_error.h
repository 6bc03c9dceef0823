// The exception that carries a failed sqlite3 call inside core/store; ProjectStore turns it into a
// Status with a sentence for the user before it leaves the store's public API.
#pragma once

#include <stdexcept>
#include <string>

struct sqlite3;

namespace fr {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message)
        : std::runtime_error(message)
        , mCode(code)
    { }
    int code() const { return mCode; } // extended result code
    int primaryCode() const { return mCode & 0xff; }

private:
    int mCode;
};

// Throws SqliteError for a failed sqlite3 call, with SQLite's own message after `what`.
[[noreturn]] void throwSqliteError(sqlite3* db, int code, const std::string& what);

} // namespace fr
