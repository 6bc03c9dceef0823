#include "store/project_store.h"

#include "store/project_schema.h"
#include "store/project_store_impl.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"
#include "util/json_writer.h"
#include "util/utc_clock.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fr {

std::string describeStoreFailure(
    const std::string& path, const std::string& action, const SqliteError& error, bool writing)
{
    const std::string unsaved = writing ? "; nothing of this change was saved" : "";
    // "open project P: ..." reads better than "open the project in project P: ...".
    const bool namesProject
        = action.size() > 8 && action.compare(action.size() - 8, 8, " project") == 0;
    const std::string head
        = "cannot " + action + (namesProject ? " " : " in project ") + path + ": ";
    switch (error.primaryCode()) {
    case SQLITE_FULL:
        return head + "the disk is full (or the project reached its size limit)" + unsaved;
    case SQLITE_IOERR:
        return head + "input/output error (" + error.what() + ")" + unsaved;
    case SQLITE_READONLY:
        return head + "the file or its folder is read-only" + unsaved;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return head + "the file is damaged (" + std::string(error.what()) + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return head + "another program is using the file" + unsaved;
    case SQLITE_CANTOPEN:
        return head + "cannot open the file or its journal (" + error.what() + ")" + unsaved;
    default:
        return head + error.what() + unsaved;
    }
}

Status runGuarded(const ProjectStore::Impl& d, const std::string& action, bool writing,
    const std::function<Status()>& body)
{
    std::lock_guard<std::mutex> guard(d.mutex);
    try {
        return body();
    } catch (const SqliteError& e) {
        return Status::failure(describeStoreFailure(d.path, action, e, writing));
    } catch (const std::exception& e) {
        return Status::failure("cannot " + action + " in project " + d.path + ": " + e.what());
    }
}

std::vector<uint8_t> floatsToBlob(const std::vector<float>& values)
{
    std::vector<uint8_t> bytes(values.size() * 4);
    for (size_t i = 0; i < values.size(); ++i) {
        uint32_t bits;
        std::memcpy(&bits, &values[i], 4);
        for (int b = 0; b < 4; ++b)
            bytes[i * 4 + b] = static_cast<uint8_t>(bits >> (8 * b));
    }
    return bytes;
}

std::vector<float> blobToFloats(const void* data, size_t size)
{
    auto* bytes = static_cast<const uint8_t*>(data);
    std::vector<float> values(size / 4);
    for (size_t i = 0; i < values.size(); ++i) {
        uint32_t bits = 0;
        for (int b = 0; b < 4; ++b)
            bits |= static_cast<uint32_t>(bytes[i * 4 + b]) << (8 * b);
        std::memcpy(&values[i], &bits, 4);
    }
    return values;
}

void ProjectStore::Impl::logEvent(const std::string& kind, const std::string& detailJson)
{
    SqliteStatement& event
        = db->cached("INSERT INTO events (time_utc_ms, kind, detail) VALUES (?, ?, ?)");
    event.bind(1, currentUtcMs()).bind(2, kind).bind(3, detailJson).run();
}

// ---- mapping <-> tables -------------------------------------------------------------------

static ColumnRole roleFromName(const std::string& name)
{
    if (auto role = columnRoleFromKey(name))
        return *role;
    throw std::runtime_error("unknown column role '" + name + "'");
}

static void writeDatasetRow(SqliteDatabase& db, const DatasetReference& data,
    const ColumnMapping& mapping, int64_t rowCount)
{
    SqliteStatement insert(db.handle(),
        "INSERT INTO dataset (id, path, size_bytes, content_hash, hash_algorithm, row_count, "
        "id_column, group_column, protected_value, truth_column, anomaly_value, group_as_feature, "
        "min_max_scaling, created_utc_ms) VALUES (1, ?, ?, ?, 'fnv1a-64', ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    insert.bind(1, data.path).bind(2, data.sizeBytes).bind(3, data.contentHash).bind(4, rowCount);
    insert.bind(5, mapping.idColumn).bind(6, mapping.groupColumn).bind(7, mapping.protectedValue);
    insert.bind(8, mapping.truthColumn).bind(9, mapping.anomalyValue);
    insert.bind(10, int64_t(mapping.groupAsFeature)).bind(11, int64_t(mapping.minMaxScaling));
    insert.bind(12, currentUtcMs()).run();
    SqliteStatement role(db.handle(), "INSERT INTO column_roles (column_name, role) VALUES (?, ?)");
    for (const auto& [column, columnRole] : mapping.roles)
        role.bind(1, column).bind(2, std::string(columnRoleKey(columnRole))).run();
}

static void writeRows(SqliteDatabase& db, const Dataset& dataset, int64_t rowCount)
{
    SqliteStatement insert(
        db.handle(), "INSERT INTO rows (row_index, row_id, group_name) VALUES (?, ?, ?)");
    for (int64_t row = 0; row < rowCount; ++row) {
        insert.bind(1, row);
        insert.bind(2, dataset.ids.empty() ? std::to_string(row + 1) : dataset.ids[row]);
        int group = dataset.hasGroups() ? dataset.groups[row] : kNoGroup;
        if (group >= 0 && group < static_cast<int>(dataset.groupNames.size()))
            insert.bind(3, dataset.groupNames[group]);
        else
            insert.bindNull(3);
        insert.run();
    }
}

static void readDatasetRow(ProjectStore::Impl& d)
{
    SqliteStatement query(d.db->handle(),
        "SELECT path, size_bytes, content_hash, row_count, id_column, group_column, "
        "protected_value, truth_column, anomaly_value, group_as_feature, min_max_scaling "
        "FROM dataset WHERE id = 1");
    if (!query.step())
        throw std::runtime_error("the project has no data set record (the file is incomplete)");
    d.data = DatasetReference {query.text(0), query.integer(1), query.text(2)};
    d.rowCount = query.integer(3);
    d.mapping.idColumn = query.text(4);
    d.mapping.groupColumn = query.text(5);
    d.mapping.protectedValue = query.text(6);
    d.mapping.truthColumn = query.text(7);
    d.mapping.anomalyValue = query.text(8);
    d.mapping.groupAsFeature = query.integer(9) != 0;
    d.mapping.minMaxScaling = query.integer(10) != 0;
    SqliteStatement roles(d.db->handle(), "SELECT column_name, role FROM column_roles");
    while (roles.step())
        d.mapping.roles[roles.text(0)] = roleFromName(roles.text(1));
}

// ---- opening ------------------------------------------------------------------------------

// Checked before SQLite touches the file, so that a file of another kind is never modified.
static Status checkSqliteHeader(const std::string& path)
{
    struct stat info { };
    if (::stat(path.c_str(), &info) != 0)
        return Status::failure("cannot open project " + path + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        return Status::failure("cannot open project " + path + ": it is a folder, not a file");
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return Status::failure("cannot open project " + path + ": " + std::strerror(errno));
    char header[16] = {};
    size_t got = std::fread(header, 1, sizeof header, file);
    std::fclose(file);
    if (got < sizeof header || std::memcmp(header, "SQLite format 3", 16) != 0)
        return Status::failure(path
            + " is not a FairReview project (it is not a SQLite database "
              "file); nothing was changed");
    return Status::success();
}

static Status checkProjectIdentity(SqliteDatabase& db, const std::string& path, int& version)
{
    int64_t applicationId = db.queryInteger("PRAGMA application_id");
    version = static_cast<int>(db.queryInteger("PRAGMA user_version"));
    if (applicationId != kProjectApplicationId)
        return Status::failure(path
            + " is a SQLite database but not a FairReview project; nothing "
              "was changed");
    if (version > currentProjectSchemaVersion())
        return Status::failure(path + " was written by a newer FairReview (project schema version "
            + std::to_string(version) + "; this FairReview reads up to version "
            + std::to_string(currentProjectSchemaVersion())
            + "); nothing was changed: open it with a newer FairReview");
    if (db.isReadOnly())
        return Status::failure("cannot open project " + path
            + " for writing: the file is "
              "read-only (read-only location?)");
    return Status::success();
}

static void configureConnection(SqliteDatabase& db)
{
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA foreign_keys = ON");
    std::string mode = db.queryText("PRAGMA journal_mode = WAL");
    if (mode != "wal")
        throw SqliteError(SQLITE_CANTOPEN, "the file system does not support a WAL journal");
    // FULL: the WAL is synced at every commit, so a label is on disk when recordLabels returns.
    db.exec("PRAGMA synchronous = FULL");
}

static Result<std::unique_ptr<ProjectStore::Impl>> openLocked(
    const std::string& path, std::unique_ptr<ProjectLock> lock)
{
    auto d = std::make_unique<ProjectStore::Impl>();
    d->path = path;
    d->lock = std::move(lock);
    try {
        d->db = std::make_unique<SqliteDatabase>(path, false);
        int version = 0;
        Status identity = checkProjectIdentity(*d->db, path, version);
        if (!identity.ok())
            return identity;
        configureConnection(*d->db);
        if (version < currentProjectSchemaVersion())
            migrateProjectSchema(*d->db, version);
        d->schemaVersion = currentProjectSchemaVersion();
        readDatasetRow(*d);
    } catch (const SqliteError& e) {
        return Status::failure(describeStoreFailure(path, "open project", e, false));
    } catch (const std::exception& e) {
        return Status::failure("cannot open project " + path + ": " + e.what());
    }
    return d;
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string& path)
{
    Status header = checkSqliteHeader(path);
    if (!header.ok())
        return header;
    auto lock = ProjectLock::acquire(path);
    if (!lock.ok())
        return lock.status();
    auto impl = openLocked(path, lock.take());
    if (!impl.ok())
        return impl.status();
    return std::unique_ptr<ProjectStore>(new ProjectStore(impl.take()));
}

// ---- creating -----------------------------------------------------------------------------

static void removeDatabaseFiles(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        ::unlink((path + suffix).c_str());
}

static void syncPath(const std::string& path, int flags)
{
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("cannot sync " + path + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (rc != 0)
        throw std::runtime_error("cannot sync " + path + ": " + std::strerror(error));
}

static std::string folderOf(const std::string& path)
{
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

static void buildProjectFile(const std::string& file, const DatasetReference& data,
    const ColumnMapping& mapping, const Dataset& dataset, int64_t rowCount)
{
    SqliteDatabase db(file, true);
    // The file is private until it is complete, so the bulk load may skip the journal; WAL is
    // switched on before it is published.
    db.exec("PRAGMA journal_mode = OFF");
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA foreign_keys = ON");
    migrateProjectSchema(db, 0);
    SqliteTransaction transaction(db);
    writeDatasetRow(db, data, mapping, rowCount);
    writeRows(db, dataset, rowCount);
    JsonWriter detail(false);
    detail.beginObject().field("data", data.path).field("content_hash", data.contentHash);
    detail.field("rows", rowCount).endObject();
    SqliteStatement event(db.handle(),
        "INSERT INTO events (time_utc_ms, kind, detail) VALUES (?, 'project-created', ?)");
    event.bind(1, currentUtcMs()).bind(2, detail.str()).run();
    transaction.commit();
    if (db.queryText("PRAGMA journal_mode = WAL") != "wal")
        throw SqliteError(SQLITE_CANTOPEN, "the file system does not support a WAL journal");
}

static Status checkDatasetShape(const Dataset& dataset, int64_t& rowCount)
{
    rowCount = dataset.rowCount() > 0 ? dataset.rowCount() : int64_t(dataset.ids.size());
    if (!dataset.ids.empty() && int64_t(dataset.ids.size()) != rowCount)
        return Status::failure("the data set has " + std::to_string(rowCount) + " rows but "
            + std::to_string(dataset.ids.size()) + " row ids");
    if (dataset.hasGroups() && int64_t(dataset.groups.size()) != rowCount)
        return Status::failure("the data set has " + std::to_string(rowCount) + " rows but "
            + std::to_string(dataset.groups.size()) + " group entries");
    return Status::success();
}

static Status publishProjectFile(const std::string& building, const std::string& path)
{
    syncPath(building, O_RDONLY);
    // link() refuses to replace an existing file, unlike rename().
    if (::link(building.c_str(), path.c_str()) != 0) {
        int error = errno;
        return Status::failure("cannot create project " + path + ": " + std::strerror(error));
    }
    ::unlink(building.c_str());
    syncPath(folderOf(path), O_RDONLY | O_DIRECTORY);
    return Status::success();
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::create(const std::string& path,
    const DatasetReference& data, const ColumnMapping& mapping, const Dataset& dataset)
{
    struct stat info { };
    if (::lstat(path.c_str(), &info) == 0)
        return Status::failure(
            path + " already exists: open it, or choose another name for the new project");
    int64_t rowCount = 0;
    Status shape = checkDatasetShape(dataset, rowCount);
    if (!shape.ok())
        return Status::failure("cannot create project " + path + ": " + shape.error());
    auto lock = ProjectLock::acquire(path);
    if (!lock.ok())
        return lock.status();
    const std::string building = path + ".creating";
    removeDatabaseFiles(building); // left by a creation that was killed; we hold the lock
    try {
        buildProjectFile(building, data, mapping, dataset, rowCount);
        Status published = publishProjectFile(building, path);
        if (!published.ok()) {
            removeDatabaseFiles(building);
            return published;
        }
    } catch (const SqliteError& e) {
        removeDatabaseFiles(building);
        return Status::failure(describeStoreFailure(path, "create project", e, true));
    } catch (const std::exception& e) {
        removeDatabaseFiles(building);
        return Status::failure("cannot create project " + path + ": " + e.what());
    }
    auto impl = openLocked(path, lock.take());
    if (!impl.ok())
        return impl.status();
    return std::unique_ptr<ProjectStore>(new ProjectStore(impl.take()));
}

// ---- plumbing -----------------------------------------------------------------------------

ProjectStore::ProjectStore(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{ }

ProjectStore::~ProjectStore() = default;

const std::string& ProjectStore::path() const
{
    return d->path;
}
const DatasetReference& ProjectStore::datasetReference() const
{
    return d->data;
}
const ColumnMapping& ProjectStore::columnMapping() const
{
    return d->mapping;
}
int64_t ProjectStore::rowCount() const
{
    return d->rowCount;
}
int ProjectStore::schemaVersion() const
{
    return d->schemaVersion;
}

Result<std::string> ProjectStore::integrityCheck() const
{
    return queryGuarded<std::string>(*d, "check the file", [&]() -> Result<std::string> {
        SqliteStatement check(d->db->handle(), "PRAGMA integrity_check");
        std::string report;
        while (check.step())
            report += (report.empty() ? "" : "\n") + check.text(0);
        // integrity_check does not look at foreign keys; a broken reference is damage too.
        SqliteStatement keys(d->db->handle(), "PRAGMA foreign_key_check");
        while (keys.step())
            report += "\nforeign key violation: " + keys.text(0) + " row "
                + std::to_string(keys.integer(1)) + " refers to a missing " + keys.text(2);
        return report;
    });
}

Status ProjectStore::limitFileSizeForTesting(int64_t pages)
{
    return runGuarded(*d, "limit the file size", false, [&] {
        d->db->exec("PRAGMA max_page_count = " + std::to_string(pages));
        return Status::success();
    });
}

} // namespace fr
