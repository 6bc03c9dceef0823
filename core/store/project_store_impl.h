// Private to ProjectStore's .cpp files: the state behind the pimpl and the helpers they share.
#pragma once

#include "store/project_lock.h"
#include "store/project_store.h"
#include "store/sqlite_database.h"
#include "store/sqlite_error.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace fr {

struct ProjectStore::Impl {
    std::string path;
    std::unique_ptr<ProjectLock> lock; // released after the connection is closed (declared first)
    std::unique_ptr<SqliteDatabase> db;
    DatasetReference data;
    ColumnMapping mapping;
    int64_t rowCount = 0;
    int schemaVersion = 0;
    mutable std::mutex mutex; // one connection, one user at a time

    void logEvent(const std::string& kind, const std::string& detailJson);
};

// A sentence for the user about a failed SQLite call while doing `action` on project `path`.
std::string describeStoreFailure(
    const std::string& path, const std::string& action, const SqliteError& error, bool writing);

// Runs `body` under the store's mutex; SqliteError and std::exception become a failed Status.
Status runGuarded(const ProjectStore::Impl& d, const std::string& action, bool writing,
    const std::function<Status()>& body);

template <typename T>
Result<T> queryGuarded(
    const ProjectStore::Impl& d, const std::string& action, const std::function<Result<T>()>& body)
{
    Result<T> result = Result<T>::failure("");
    Status status = runGuarded(d, action, false, [&] {
        result = body();
        return result.status();
    });
    if (!status.ok())
        return Result<T>::failure(status.error());
    return result;
}

// Scores as little-endian float32 bytes (the `scores` BLOB layout) and back.
std::vector<uint8_t> floatsToBlob(const std::vector<float>& values);
std::vector<float> blobToFloats(const void* bytes, size_t size);

} // namespace fr
