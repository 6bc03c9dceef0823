// The tamper-evident audit chain of a project file: every `label`, `undo` and `second-review`
// event in `events` carries chain_hash = SHA-256 over the event's fields (a label event also over
// its labels row) and the previous chained event's hash. The exact bytes are in
// docs/PROJECT_FILE.md, "The audit chain", so that anyone can verify a file without FairReview.
// Private to core/store apart from the report types, which ProjectStore hands out.
#pragma once

#include "store/records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

class SqliteDatabase;
class SqliteStatement;

// The hash the first chained event follows: 64 zeros.
extern const std::string kAuditChainGenesis;

struct AuditChainHead {
    int64_t eventId = 0; // 0 while no event is chained
    std::string hash = kAuditChainGenesis;
    int64_t events = 0; // chained events in the file
};

struct AuditChainProblem {
    int64_t eventId = 0; // 0 for a label without a label event
    int64_t labelId = 0;
    std::string message; // names the event and what differs
};

struct AuditChainReport {
    AuditChainHead head; // as stored
    std::vector<AuditChainProblem> problems; // in event order, then labels without events
    bool intact() const { return problems.empty(); }
};

// One `label` or `undo` row of `events`, as the chain reads it.
struct ChainedEvent {
    int64_t eventId = 0; // not hashed: the chain itself fixes the order
    std::string kind;
    int64_t timeUtcMs = 0;
    std::string detail;
    int64_t labelId = 0;
};

// The bytes hashed for `event` after `previousHash`; `label` is the labels row of a label event
// (null for an undo). PROJECT_FILE.md documents them.
std::string auditEventBytes(
    const std::string& previousHash, const ChainedEvent& event, const LabelRecord* label);
std::string auditEventHash(
    const std::string& previousHash, const ChainedEvent& event, const LabelRecord* label);

// The `label` event's detail JSON for label `id` (written once; the verifier compares it).
std::string labelEventDetail(const LabelRecord& label, int64_t id);

// The `second-review` event's detail JSON: every column of its second_reviews row, so that the
// chain fixes the review (the verifier compares the row with it).
std::string secondReviewEventDetail(const SecondReviewRecord& review);
extern const char* const kSecondReviewColumns;
SecondReviewRecord readSecondReviewColumns(const SqliteStatement& query, int first);

// The labels columns every reader of a labels row selects, in this order, and the record they
// make (readLabelColumns reads them starting at column `first`).
extern const char* const kLabelColumns;
LabelRecord readLabelColumns(const SqliteStatement& query, int first);

// Inside the caller's transaction: appends a chained event after the current head.
void appendChainedEvent(SqliteDatabase& db, const std::string& kind, const std::string& detail,
    int64_t labelId, const LabelRecord* label);
// Schema migration 3: chains the events a version-2 file already holds, oldest first.
void chainExistingEvents(SqliteDatabase& db);
AuditChainHead readAuditChainHead(SqliteDatabase& db);
AuditChainReport verifyAuditChain(SqliteDatabase& db);

} // namespace fr
