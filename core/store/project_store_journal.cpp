// ProjectStore's writes: the SessionJournal members. Each is one transaction with its audit event.
#include "store/project_store.h"

#include "store/audit_chain.h"
#include "store/project_store_impl.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"
#include "util/json_writer.h"
#include "util/utc_clock.h"

namespace fr {

static void bindModelVersion(SqliteStatement& statement, int index, int64_t version)
{
    if (version > 0)
        statement.bind(index, version);
    else
        statement.bindNull(index); // before any model existed
}

static std::string rowIdOf(SqliteDatabase& db, int64_t row)
{
    SqliteStatement& query = db.cached("SELECT row_id FROM rows WHERE row_index = ?");
    query.bind(1, row);
    std::string id = query.step() ? query.text(0) : std::string();
    query.reset(); // a cached statement must not hold its read cursor open
    return id;
}

static bool hasModelVersion(SqliteDatabase& db, int64_t version)
{
    SqliteStatement& query = db.cached("SELECT 1 FROM model_versions WHERE version = ?");
    query.bind(1, version);
    bool found = query.step();
    query.reset();
    return found;
}

// Checks a label against the project and completes it (row id, time) before anything is written.
static Status prepareLabel(SqliteDatabase& db, int64_t rowCount, LabelRecord& label)
{
    const std::string which = "label for row " + std::to_string(label.row);
    if (label.row < 0 || label.row >= rowCount)
        return Status::failure(
            which + ": the data set has rows 0.." + std::to_string(rowCount - 1));
    std::string storedId = rowIdOf(db, label.row);
    if (label.rowId.empty())
        label.rowId = storedId;
    else if (label.rowId != storedId)
        return Status::failure(which + " names id '" + label.rowId + "' but that row's id is '"
            + storedId + "' (a different data file?)");
    if (label.modelVersion > 0 && !hasModelVersion(db, label.modelVersion))
        return Status::failure(which + " refers to model version "
            + std::to_string(label.modelVersion) + ", which the project does not have");
    if (label.timeUtcMs == 0)
        label.timeUtcMs = currentUtcMs();
    return Status::success();
}

// The new label's row with its id, as the chain hashes it (bound parameters, audit_chain.h).
static void insertLabel(SqliteDatabase& db, LabelRecord& l)
{
    SqliteStatement& insert = db.cached(
        "INSERT INTO labels (row_index, row_id, label, note, analyst, time_utc_ms, model_version, "
        "score, rank, strategy, round, undone, group_visible, review_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, l.row).bind(2, l.rowId).bind(3, int64_t(l.label)).bind(4, l.note);
    insert.bind(5, l.analyst).bind(6, l.timeUtcMs);
    bindModelVersion(insert, 7, l.modelVersion);
    insert.bind(8, l.score).bind(9, l.rank).bind(10, l.strategy);
    insert.bind(11, int64_t(l.round)).bind(12, int64_t(l.undone));
    insert.bind(13, int64_t(l.groupVisible));
    if (l.reviewMs >= 0)
        insert.bind(14, l.reviewMs);
    else
        insert.bindNull(14); // not measured
    insert.run();
    l.id = db.lastInsertId();
}

Status ProjectStore::recordLabels(std::vector<LabelRecord>& labels)
{
    return runGuarded(*d, "record labels", true, [&] {
        std::vector<LabelRecord> pending = labels;
        SqliteTransaction transaction(*d->db);
        for (auto& label : pending) {
            Status valid = prepareLabel(*d->db, d->rowCount, label);
            if (!valid.ok())
                return Status::failure("cannot record labels in project " + d->path + ": "
                    + valid.error() + "; none of the batch was saved");
        }
        for (auto& l : pending) {
            insertLabel(*d->db, l);
            appendChainedEvent(*d->db, "label", labelEventDetail(l, l.id), l.id, &l);
        }
        transaction.commit();
        labels = std::move(pending); // ids only once the commit is on disk
        return Status::success();
    });
}

Status ProjectStore::recordUndo(const LabelRecord& label)
{
    return runGuarded(*d, "undo a label", true, [&] {
        SqliteTransaction transaction(*d->db);
        SqliteStatement update(
            d->db->handle(), "UPDATE labels SET undone = 1 WHERE id = ? AND undone = 0");
        update.bind(1, label.id).run();
        if (d->db->changes() != 1) {
            SqliteStatement exists(d->db->handle(), "SELECT undone FROM labels WHERE id = ?");
            exists.bind(1, label.id);
            std::string why = exists.step() ? " is already undone" : " does not exist";
            return Status::failure("cannot undo label " + std::to_string(label.id) + " in project "
                + d->path + ": that label" + why);
        }
        JsonWriter detail(false);
        detail.beginObject().field("label_id", label.id).field("row", label.row);
        detail.field("id", label.rowId).endObject();
        appendChainedEvent(*d->db, "undo", detail.str(), label.id, nullptr);
        transaction.commit();
        return Status::success();
    });
}

static Status checkScores(
    const std::vector<float>& score, const std::vector<float>& probability, int64_t rowCount)
{
    if (int64_t(score.size()) != rowCount)
        return Status::failure("the model scored " + std::to_string(score.size())
            + " rows but the data set has " + std::to_string(rowCount));
    if (!probability.empty() && probability.size() != score.size())
        return Status::failure("the model gave " + std::to_string(probability.size())
            + " probabilities for " + std::to_string(score.size()) + " scores");
    return Status::success();
}

static void insertModelVersion(SqliteDatabase& db, const ModelVersionRecord& m)
{
    SqliteStatement insert(db.handle(),
        "INSERT INTO model_versions (version, kind, hyper_parameters, device, seed, metrics, "
        "created_utc_ms, checkpoint, labels_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, m.version).bind(2, m.kind).bind(3, m.hyperParameters).bind(4, m.device);
    insert.bind(5, static_cast<int64_t>(m.seed)); // same 64 bits; read back as uint64_t
    insert.bind(6, m.metrics).bind(7, m.createdUtcMs);
    insert.bindBlob(8, m.checkpoint.data(), m.checkpoint.size()).bind(9, m.labelsUsed);
    insert.run();
}

// The one place that says which version is current: a new version, or a rollback.
static void makeCurrent(SqliteDatabase& db, int64_t version)
{
    SqliteStatement upsert(db.handle(),
        "INSERT INTO current_model (id, version) VALUES (1, ?) "
        "ON CONFLICT(id) DO UPDATE SET version = excluded.version");
    upsert.bind(1, version).run();
}

static void insertScores(SqliteDatabase& db, int64_t version, const std::vector<float>& score,
    const std::vector<float>& probability)
{
    SqliteStatement insert(db.handle(),
        "INSERT INTO scores (model_version, row_count, score, probability) VALUES (?, ?, ?, ?)");
    auto scoreBytes = floatsToBlob(score);
    insert.bind(1, version).bind(2, int64_t(score.size()));
    insert.bindBlob(3, scoreBytes.data(), scoreBytes.size());
    if (probability.empty()) {
        insert.bindNull(4);
    } else {
        auto probabilityBytes = floatsToBlob(probability);
        insert.bindBlob(4, probabilityBytes.data(), probabilityBytes.size());
    }
    insert.run();
}

Status ProjectStore::recordModelVersion(const ModelVersionRecord& model,
    const std::vector<float>& score, const std::vector<float>& probability)
{
    return runGuarded(*d, "record model version " + std::to_string(model.version), true, [&] {
        Status shape = checkScores(score, probability, d->rowCount);
        if (!shape.ok())
            return Status::failure("cannot record model version " + std::to_string(model.version)
                + " in project " + d->path + ": " + shape.error());
        SqliteTransaction transaction(*d->db);
        if (hasModelVersion(*d->db, model.version))
            return Status::failure("cannot record model version " + std::to_string(model.version)
                + " in project " + d->path + ": that version is already stored");
        insertModelVersion(*d->db, model);
        insertScores(*d->db, model.version, score, probability);
        makeCurrent(*d->db, model.version);
        JsonWriter detail(false);
        detail.beginObject().field("version", model.version).field("kind", model.kind);
        detail.field("device", model.device).field("labels_used", model.labelsUsed);
        detail.field("checkpoint_bytes", int64_t(model.checkpoint.size())).endObject();
        d->logEvent("model-version", detail.str());
        transaction.commit();
        return Status::success();
    });
}

Status ProjectStore::recordRollback(int64_t fromVersion, int64_t toVersion)
{
    return runGuarded(*d, "roll back to model version " + std::to_string(toVersion), true, [&] {
        SqliteTransaction transaction(*d->db);
        if (!hasModelVersion(*d->db, toVersion))
            return Status::failure("cannot roll back to model version " + std::to_string(toVersion)
                + " in project " + d->path + ": the project does not have that version");
        makeCurrent(*d->db, toVersion);
        JsonWriter detail(false);
        detail.beginObject().field("version", toVersion).field("from_version", fromVersion);
        detail.endObject();
        d->logEvent("rollback", detail.str());
        transaction.commit();
        return Status::success();
    });
}

static bool replaceRoundHeader(SqliteDatabase& db, const RoundRecord& r)
{
    SqliteStatement exists(db.handle(), "SELECT 1 FROM rounds WHERE round = ?");
    exists.bind(1, int64_t(r.round));
    bool replacing = exists.step();
    if (replacing) {
        // Derived figures, not labels: a redone round's figures supersede the old ones (the
        // event log keeps that it happened).
        SqliteStatement drop(db.handle(), "DELETE FROM round_groups WHERE round = ?");
        drop.bind(1, int64_t(r.round)).run();
    }
    SqliteStatement upsert(db.handle(),
        "INSERT INTO rounds (round, model_version, labels_spent, found) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(round) DO UPDATE SET model_version = excluded.model_version, "
        "labels_spent = excluded.labels_spent, found = excluded.found");
    upsert.bind(1, int64_t(r.round));
    bindModelVersion(upsert, 2, r.modelVersion);
    upsert.bind(3, r.labelsSpent).bind(4, r.found).run();
    return replacing;
}

Status ProjectStore::recordRound(const RoundRecord& round)
{
    return runGuarded(*d, "record round " + std::to_string(round.round), true, [&] {
        SqliteTransaction transaction(*d->db);
        if (round.modelVersion > 0 && !hasModelVersion(*d->db, round.modelVersion))
            return Status::failure("cannot record round " + std::to_string(round.round)
                + " in project " + d->path + ": it refers to model version "
                + std::to_string(round.modelVersion) + ", which the project does not have");
        bool replaced = replaceRoundHeader(*d->db, round);
        SqliteStatement group(d->db->handle(),
            "INSERT INTO round_groups (round, position, group_name, labels_spent, found, "
            "recall_at_k) VALUES (?, ?, ?, ?, ?, ?)");
        for (size_t i = 0; i < round.groups.size(); ++i) {
            const auto& g = round.groups[i];
            group.bind(1, int64_t(round.round)).bind(2, int64_t(i)).bind(3, g.group);
            group.bind(4, g.labelsSpent).bind(5, g.found).bind(6, g.recallAtK).run();
        }
        JsonWriter detail(false);
        detail.beginObject().field("round", round.round).field("model_version", round.modelVersion);
        detail.field("labels_spent", round.labelsSpent).field("found", round.found).endObject();
        d->logEvent(replaced ? "round-replaced" : "round", detail.str());
        transaction.commit();
        return Status::success();
    });
}

} // namespace fr
