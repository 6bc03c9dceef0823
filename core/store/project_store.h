// The project file: one SQLite database that keeps a review for good (ARCHITECTURE.md, "SQLite
// project file"). It holds the data set reference and column mapping, one row per data row, every
// label with its audit context (undo is a flag plus an event, never a delete), every model version
// with its checkpoint and scores, the per-round figures, and an `events` audit log of every change.
//
// Guarantees: WAL journal with synchronous=FULL, so a write is durable when its call returns; every
// write is one transaction (all or nothing); foreign keys on; parameterised statements only; the
// project is locked against a second FairReview while open (<project>.lock, flock). Bad files (not
// a SQLite file, a newer schema, a read-only location, a full disk) give a sentence for the user
// and are never modified. All members may be called from any thread (one mutex serialises them).
#pragma once

#include "data/column_mapping.h"
#include "data/dataset.h"
#include "store/audit_chain.h"
#include "store/dataset_reference.h"
#include "store/label_export.h"
#include "store/records.h"
#include "store/session_journal.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr {

// Active (not undone) labels of one group, for the history view; group "" when the data has none.
struct GroupLabelCount {
    std::string group;
    int64_t anomalies = 0;
    int64_t normals = 0;
    int64_t undone = 0;
};

class ProjectStore : public SessionJournal {
public:
    // Writes a new project for `dataset` (one `rows` row per data row) and opens it. Refuses to
    // replace an existing file. The file appears under `path` only once it is complete.
    static Result<std::unique_ptr<ProjectStore>> create(const std::string& path,
        const DatasetReference& data, const ColumnMapping& mapping, const Dataset& dataset);
    // Opens an existing project, migrating an older schema in place (each step one transaction).
    static Result<std::unique_ptr<ProjectStore>> open(const std::string& path);
    ~ProjectStore() override;
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    const std::string& path() const;
    const DatasetReference& datasetReference() const;
    const ColumnMapping& columnMapping() const;
    int64_t rowCount() const;
    int schemaVersion() const;

    // SessionJournal. recordLabels assigns LabelRecord::id (and leaves every id 0 on failure).
    // Labels with modelVersion 0 were made before any model existed.
    Status recordLabels(std::vector<LabelRecord>& labels) override;
    Status recordUndo(const LabelRecord& label) override;
    // Scores are kept as one little-endian float32 BLOB per model version (4 bytes a row) rather
    // than one SQL row per data row: a million rows cost 4 MB and one write, not a million inserts.
    Status recordModelVersion(const ModelVersionRecord& model, const std::vector<float>& score,
        const std::vector<float>& probability) override;
    // A round recorded again (e.g. after a retrain was redone) replaces that round's figures.
    Status recordRound(const RoundRecord& round) override;
    // Makes a stored version current (table current_model) and logs a `rollback` event.
    Status recordRollback(int64_t fromVersion, int64_t toVersion) override;

    // Second review (project_store_reviews.cpp): another analyst's label of label `labelId`'s
    // row, stored apart from the labels (it trains nothing) with a chained `second-review` event.
    // Refused for a label that is undone, already reviewed, or made by the same analyst. Assigns
    // SecondReviewRecord::id and the label's row (and the time when 0).
    Status recordSecondReview(SecondReviewRecord& review);
    Result<std::vector<SecondReviewRecord>> secondReviews() const; // oldest first
    // Every row's sensitive group name, in row order ("" without one): enough for agreement per
    // group without reading the data file.
    Result<std::vector<std::string>> rowGroups() const;

    // Exactly what was stored: labels oldest first (undone included), rounds in order, the current
    // model version (the latest unless rolled back) with checkpoint and scores.
    Result<SavedSession> loadSession() const;
    // One stored model version with its checkpoint and scores (for a rollback).
    Result<StoredModelVersion> loadModelVersion(int64_t version) const;
    // Compares the data file on disk with the stored reference; reads the file, writes nothing.
    Result<DataFileCheck> verifyDataFile() const;

    Result<int64_t> findRow(const std::string& rowId) const; // row index of a data set id
    // Every row's data set id, in row order: enough to keep labels without reading the data file.
    Result<std::vector<std::string>> rowIds() const;
    Result<std::vector<ModelVersionRecord>> modelVersions() const; // oldest first, no checkpoints
    Result<std::vector<GroupLabelCount>> labelCountsByGroup() const;
    Result<int64_t> eventCount(const std::string& kind) const; // audit entries of one kind
    // The audit chain over label and undo events (audit_chain.h): its head, and a full check that
    // names every event or label that no longer matches its hash, first broken first.
    Result<AuditChainHead> auditChainHead() const;
    Result<AuditChainReport> verifyAuditChain() const;

    // The audited list (labels not undone, oldest first) with the audit chain's head, as CSV or
    // JSON; see label_export.h.
    // With original columns, the labelled rows' fields are read from the data file, which must
    // still match the stored hash. Returns the number of labels written.
    Result<int64_t> exportLabels(
        const std::string& outPath, ExportFormat format, bool includeOriginalColumns) const;

    // PRAGMA integrity_check and foreign_key_check: "ok", or the list of problems.
    Result<std::string> integrityCheck() const;
    // Caps the file at `pages` pages (PRAGMA max_page_count) for this connection, so that tests can
    // provoke the same SQLITE_FULL a full disk gives.
    Status limitFileSizeForTesting(int64_t pages);

    struct Impl; // opaque: defined in project_store_impl.h, private to core/store

private:
    explicit ProjectStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace fr
