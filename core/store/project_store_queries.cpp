// ProjectStore's reads: restoring a session, history figures, the data-file check and the export.
#include "store/project_store.h"

#include "store/audit_chain.h"
#include "store/original_columns.h"
#include "store/project_store_impl.h"
#include "store/sqlite_statement.h"
#include "util/json_writer.h"

namespace fr {

static std::vector<LabelRecord> readLabels(SqliteDatabase& db)
{
    SqliteStatement query(
        db.handle(), std::string("SELECT ") + kLabelColumns + " FROM labels ORDER BY id");
    std::vector<LabelRecord> labels;
    while (query.step())
        labels.push_back(readLabelColumns(query, 0));
    return labels;
}

static std::vector<RoundRecord> readRounds(SqliteDatabase& db)
{
    std::vector<RoundRecord> rounds;
    SqliteStatement query(
        db.handle(), "SELECT round, model_version, labels_spent, found FROM rounds ORDER BY round");
    while (query.step()) {
        RoundRecord r;
        r.round = static_cast<int>(query.integer(0));
        r.modelVersion = query.isNull(1) ? 0 : query.integer(1);
        r.labelsSpent = query.integer(2);
        r.found = query.integer(3);
        rounds.push_back(std::move(r));
    }
    SqliteStatement groups(db.handle(),
        "SELECT group_name, labels_spent, found, recall_at_k FROM round_groups WHERE round = ? "
        "ORDER BY position");
    for (auto& r : rounds) {
        groups.bind(1, int64_t(r.round));
        while (groups.step())
            r.groups.push_back(
                {groups.text(0), groups.integer(1), groups.integer(2), groups.real(3)});
        groups.reset();
    }
    return rounds;
}

static const char* kModelColumns = "version, kind, hyper_parameters, device, seed, metrics, "
                                   "labels_used, created_utc_ms";

static ModelVersionRecord readModelColumns(const SqliteStatement& query)
{
    ModelVersionRecord m;
    m.version = query.integer(0);
    m.kind = query.text(1);
    m.hyperParameters = query.text(2);
    m.device = query.text(3);
    m.seed = static_cast<uint64_t>(query.integer(4));
    m.metrics = query.text(5);
    m.labelsUsed = query.integer(6);
    m.createdUtcMs = query.integer(7);
    return m;
}

// One version with its checkpoint and scores; throws when the file lacks them.
static StoredModelVersion readStoredModel(SqliteDatabase& db, int64_t version)
{
    SqliteStatement model(db.handle(),
        std::string("SELECT ") + kModelColumns
            + ", checkpoint FROM model_versions WHERE version = ?");
    model.bind(1, version);
    if (!model.step())
        throw std::runtime_error("the project has no model version " + std::to_string(version));
    StoredModelVersion stored;
    stored.model = readModelColumns(model);
    stored.model.checkpoint = model.blob(8);
    SqliteStatement scores(
        db.handle(), "SELECT score, probability FROM scores WHERE model_version = ?");
    scores.bind(1, version);
    if (!scores.step())
        throw std::runtime_error(
            "model version " + std::to_string(version) + " has no scores (the file is incomplete)");
    size_t bytes = 0;
    const void* data = scores.blobData(0, bytes);
    stored.score = blobToFloats(data, bytes);
    if (!scores.isNull(1)) {
        data = scores.blobData(1, bytes);
        stored.probability = blobToFloats(data, bytes);
    }
    return stored;
}

static void readCurrentModel(SqliteDatabase& db, SavedSession& saved)
{
    SqliteStatement current(db.handle(),
        "SELECT (SELECT version FROM current_model WHERE id = 1), max(version) "
        "FROM model_versions");
    if (!current.step() || current.isNull(1))
        return; // no model yet
    if (current.isNull(0))
        throw std::runtime_error("the project has model versions but none is current (the file "
                                 "is incomplete)");
    saved.latestVersion = current.integer(1);
    StoredModelVersion stored = readStoredModel(db, current.integer(0));
    saved.model = std::move(stored.model);
    saved.score = std::move(stored.score);
    saved.probability = std::move(stored.probability);
    saved.hasModel = true;
}

Result<SavedSession> ProjectStore::loadSession() const
{
    return queryGuarded<SavedSession>(*d, "read the session", [&]() -> Result<SavedSession> {
        SavedSession saved;
        // One read transaction: labels, rounds and model are a consistent snapshot.
        d->db->exec("BEGIN");
        try {
            saved.labels = readLabels(*d->db);
            saved.rounds = readRounds(*d->db);
            readCurrentModel(*d->db, saved);
        } catch (...) {
            d->db->exec("ROLLBACK");
            throw;
        }
        d->db->exec("COMMIT");
        return saved;
    });
}

Result<StoredModelVersion> ProjectStore::loadModelVersion(int64_t version) const
{
    return queryGuarded<StoredModelVersion>(
        *d, "read model version " + std::to_string(version), [&]() -> Result<StoredModelVersion> {
            d->db->exec("BEGIN"); // the version and its scores as one snapshot
            try {
                StoredModelVersion stored = readStoredModel(*d->db, version);
                d->db->exec("COMMIT");
                return stored;
            } catch (...) {
                d->db->exec("ROLLBACK");
                throw;
            }
        });
}

Result<DataFileCheck> ProjectStore::verifyDataFile() const
{
    DataFileCheck check;
    auto onDisk = describeReferencedData(d->data.path);
    if (!onDisk.ok()) {
        check.state = DataFileCheck::State::Missing;
        check.message = "the project's data file cannot be read (" + onDisk.error()
            + "); the labels in the project are safe, but its rows cannot be shown until the "
              "file is back";
        return check;
    }
    check.onDisk = onDisk.take();
    if (check.onDisk.sizeBytes == d->data.sizeBytes
        && check.onDisk.contentHash == d->data.contentHash)
        return check;
    check.state = DataFileCheck::State::Changed;
    check.message = "the data file " + d->data.path + " has changed since the project was made ("
        + std::to_string(d->data.sizeBytes) + " bytes, " + d->data.contentHash + " then; "
        + std::to_string(check.onDisk.sizeBytes) + " bytes, " + check.onDisk.contentHash
        + " now): rows may no longer match the labels. Nothing in the project was changed.";
    return check;
}

Result<int64_t> ProjectStore::findRow(const std::string& rowId) const
{
    return queryGuarded<int64_t>(*d, "find a row", [&]() -> Result<int64_t> {
        SqliteStatement query(d->db->handle(), "SELECT row_index FROM rows WHERE row_id = ?");
        query.bind(1, rowId);
        if (!query.step())
            return Result<int64_t>::failure(
                "project " + d->path + " has no row with id '" + rowId + "'");
        int64_t row = query.integer(0);
        if (query.step())
            return Result<int64_t>::failure("project " + d->path + " has several rows with id '"
                + rowId + "': the id column is not unique");
        return row;
    });
}

Result<std::vector<std::string>> ProjectStore::rowIds() const
{
    using Ids = std::vector<std::string>;
    return queryGuarded<Ids>(*d, "read the row ids", [&]() -> Result<Ids> {
        SqliteStatement query(d->db->handle(), "SELECT row_id FROM rows ORDER BY row_index");
        Ids ids;
        ids.reserve(static_cast<size_t>(d->rowCount));
        while (query.step())
            ids.push_back(query.text(0));
        return ids;
    });
}

Result<std::vector<ModelVersionRecord>> ProjectStore::modelVersions() const
{
    using Models = std::vector<ModelVersionRecord>;
    return queryGuarded<Models>(*d, "list model versions", [&]() -> Result<Models> {
        SqliteStatement query(d->db->handle(),
            std::string("SELECT ") + kModelColumns + " FROM model_versions ORDER BY version");
        Models models;
        while (query.step())
            models.push_back(readModelColumns(query));
        return models;
    });
}

Result<std::vector<GroupLabelCount>> ProjectStore::labelCountsByGroup() const
{
    using Counts = std::vector<GroupLabelCount>;
    return queryGuarded<Counts>(*d, "count labels", [&]() -> Result<Counts> {
        SqliteStatement query(d->db->handle(),
            "SELECT coalesce(r.group_name, ''), "
            "sum(l.undone = 0 AND l.label = 1), sum(l.undone = 0 AND l.label = 0), sum(l.undone) "
            "FROM labels l JOIN rows r ON r.row_index = l.row_index "
            "GROUP BY coalesce(r.group_name, '') ORDER BY 1");
        Counts counts;
        while (query.step())
            counts.push_back({query.text(0), query.integer(1), query.integer(2), query.integer(3)});
        return counts;
    });
}

Result<AuditChainHead> ProjectStore::auditChainHead() const
{
    return queryGuarded<AuditChainHead>(*d, "read the audit chain head",
        [&]() -> Result<AuditChainHead> { return readAuditChainHead(*d->db); });
}

Result<AuditChainReport> ProjectStore::verifyAuditChain() const
{
    return queryGuarded<AuditChainReport>(
        *d, "verify the audit chain", [&]() -> Result<AuditChainReport> {
            // One read transaction: the chain and the labels are one snapshot.
            d->db->exec("BEGIN");
            try {
                AuditChainReport report = fr::verifyAuditChain(*d->db);
                d->db->exec("COMMIT");
                return report;
            } catch (...) {
                d->db->exec("ROLLBACK");
                throw;
            }
        });
}

Result<int64_t> ProjectStore::eventCount(const std::string& kind) const
{
    return queryGuarded<int64_t>(*d, "count events", [&]() -> Result<int64_t> {
        SqliteStatement query(d->db->handle(), "SELECT count(*) FROM events WHERE kind = ?");
        query.bind(1, kind);
        query.step();
        return query.integer(0);
    });
}

static std::vector<ExportedLabel> readActiveLabels(SqliteDatabase& db)
{
    SqliteStatement query(db.handle(),
        "SELECT l.row_index, l.row_id, l.label, l.analyst, l.time_utc_ms, l.model_version, "
        "l.score, l.rank, coalesce(r.group_name, ''), l.note, l.group_visible, l.review_ms "
        "FROM labels l "
        "JOIN rows r ON r.row_index = l.row_index WHERE l.undone = 0 ORDER BY l.id");
    std::vector<ExportedLabel> labels;
    while (query.step()) {
        ExportedLabel l;
        l.row = query.integer(0);
        l.rowId = query.text(1);
        l.label = query.integer(2) ? LabelValue::Anomaly : LabelValue::Normal;
        l.analyst = query.text(3);
        l.timeUtcMs = query.integer(4);
        l.modelVersion = query.isNull(5) ? 0 : query.integer(5);
        l.score = query.real(6);
        l.rank = query.integer(7);
        l.group = query.text(8);
        l.note = query.text(9);
        l.groupVisible = query.integer(10) != 0;
        l.reviewMs = query.isNull(11) ? -1 : query.integer(11);
        labels.push_back(std::move(l));
    }
    return labels;
}

Result<int64_t> ProjectStore::exportLabels(
    const std::string& outPath, ExportFormat format, bool includeOriginalColumns) const
{
    using Labels = std::vector<ExportedLabel>;
    auto labels = queryGuarded<Labels>(
        *d, "read the labels", [&]() -> Result<Labels> { return readActiveLabels(*d->db); });
    if (!labels.ok())
        return labels.status();
    auto head = auditChainHead();
    if (!head.ok())
        return head.status();
    OriginalColumns original;
    if (includeOriginalColumns) {
        auto check = verifyDataFile();
        if (check.ok() && check.value().state != DataFileCheck::State::Unchanged)
            return Result<int64_t>::failure(
                "cannot export the original columns: " + check.value().message);
        std::map<int64_t, std::string> rowIds;
        for (const auto& l : labels.value())
            rowIds[l.row] = l.rowId;
        auto read = readOriginalColumns(d->data.path, rowIds, d->mapping.idColumn);
        if (!read.ok())
            return Result<int64_t>::failure("cannot export the original columns: " + read.error());
        original = read.take();
    }
    Status written = writeLabelExport(outPath, format, labels.value(),
        includeOriginalColumns ? &original : nullptr, head.value().hash);
    if (!written.ok())
        return written;
    return int64_t(labels.value().size());
}

} // namespace fr
