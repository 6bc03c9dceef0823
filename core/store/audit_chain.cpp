// The audit chain over label and undo events (audit_chain.h, PROJECT_FILE.md "The audit chain").
#include "store/audit_chain.h"

#include "store/label_export.h"
#include "store/sqlite_database.h"
#include "store/sqlite_statement.h"
#include "util/json_writer.h"
#include "util/sha256.h"
#include "util/utc_clock.h"

#include <cstring>
#include <map>
#include <optional>
#include <set>

namespace fr {

const std::string kAuditChainGenesis(64, '0');

const char* const kLabelColumns
    = "id, row_index, row_id, label, note, analyst, time_utc_ms, model_version, score, rank, "
      "strategy, round, undone, group_visible, review_ms";

namespace {

const char* const kChainedKinds = "kind IN ('label', 'undo', 'second-review')";

// "name:length:value\n": unambiguous whatever bytes a value holds.
void appendField(std::string& out, const char* name, const std::string& value)
{
    out += name;
    out += ':' + std::to_string(value.size()) + ':';
    out += value;
    out += '\n';
}

// The REAL's IEEE 754 binary64 bits, big-endian, as 16 hex digits: exact, unlike any decimal.
std::string doubleBitsHex(double value)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    static const char* kDigits = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, bits >>= 4)
        hex[static_cast<size_t>(i)] = kDigits[bits & 0xf];
    return hex;
}

void appendLabelFields(std::string& out, const LabelRecord& l)
{
    appendField(out, "labels.row_index", std::to_string(l.row));
    appendField(out, "labels.row_id", l.rowId);
    appendField(out, "labels.label", std::to_string(int(l.label)));
    appendField(out, "labels.note", l.note);
    appendField(out, "labels.analyst", l.analyst);
    appendField(out, "labels.time_utc_ms", std::to_string(l.timeUtcMs));
    appendField(
        out, "labels.model_version", l.modelVersion > 0 ? std::to_string(l.modelVersion) : "");
    appendField(out, "labels.score", doubleBitsHex(l.score));
    appendField(out, "labels.rank", std::to_string(l.rank));
    appendField(out, "labels.strategy", l.strategy);
    appendField(out, "labels.round", std::to_string(l.round));
    appendField(out, "labels.group_visible", l.groupVisible ? "1" : "0");
    appendField(out, "labels.review_ms", l.reviewMs >= 0 ? std::to_string(l.reviewMs) : "");
}

std::optional<LabelRecord> readLabel(SqliteDatabase& db, int64_t id)
{
    SqliteStatement& query
        = db.cached(std::string("SELECT ") + kLabelColumns + " FROM labels WHERE id = ?");
    query.bind(1, id);
    std::optional<LabelRecord> label;
    if (query.step())
        label = readLabelColumns(query, 0);
    query.reset();
    return label;
}

struct StoredEvent {
    ChainedEvent event;
    std::optional<std::string> hash; // NULL: never chained
};

std::vector<StoredEvent> readChainedEvents(SqliteDatabase& db)
{
    SqliteStatement query(db.handle(),
        std::string("SELECT id, kind, time_utc_ms, detail, coalesce(label_id, 0), chain_hash FROM "
                    "events WHERE ")
            + kChainedKinds + " ORDER BY id");
    std::vector<StoredEvent> events;
    while (query.step()) {
        StoredEvent e;
        e.event
            = {query.integer(0), query.text(1), query.integer(2), query.text(3), query.integer(4)};
        if (!query.isNull(5))
            e.hash = query.text(5);
        events.push_back(std::move(e));
    }
    return events;
}

std::string eventName(const ChainedEvent& e)
{
    return "event " + std::to_string(e.eventId) + " (" + e.kind + " of label "
        + std::to_string(e.labelId) + ")";
}

// What a broken label event's fields say: the label fields its event recorded against the row.
std::string describeLabelMismatch(const ChainedEvent& e, const LabelRecord& label)
{
    const std::string now = labelEventDetail(label, e.labelId);
    if (now != e.detail)
        return ": the labels row no longer matches what the event recorded (event: " + e.detail
            + "; labels row now: " + now + ")";
    return ": its labels row (note, score, rank, strategy, round, time, group_visible or "
           "review_ms), the event's time, or the hash was changed after it was written";
}

std::optional<AuditChainProblem> checkEvent(
    SqliteDatabase& db, const StoredEvent& stored, const std::string& previousHash)
{
    const ChainedEvent& e = stored.event;
    auto problem = [&](const std::string& what) {
        return AuditChainProblem {e.eventId, e.labelId, eventName(e) + what};
    };
    if (!stored.hash)
        return problem(" has no chain hash: it was written outside FairReview");
    std::optional<LabelRecord> label;
    if (e.kind == "label") {
        label = readLabel(db, e.labelId);
        if (!label)
            return problem(": the labels table no longer holds that label");
    }
    const std::string expected = auditEventHash(previousHash, e, label ? &*label : nullptr);
    if (expected == *stored.hash)
        return std::nullopt;
    std::string what = ": stored hash " + *stored.hash + ", its fields give " + expected;
    return problem(what + (label ? describeLabelMismatch(e, *label) : std::string()));
}

// Every label has one label event, and is undone exactly when an undo event names it.
void checkLabelsAgainstEvents(SqliteDatabase& db, const std::vector<StoredEvent>& events,
    std::vector<AuditChainProblem>& problems)
{
    std::map<int64_t, int> labelEvents;
    std::set<int64_t> undone;
    for (const StoredEvent& s : events) {
        if (s.event.kind == "label")
            ++labelEvents[s.event.labelId];
        else if (s.event.kind == "undo")
            undone.insert(s.event.labelId);
    }
    SqliteStatement query(db.handle(), "SELECT id, row_id, undone FROM labels ORDER BY id");
    while (query.step()) {
        const int64_t id = query.integer(0);
        const std::string name
            = "label " + std::to_string(id) + " (row id '" + query.text(1) + "')";
        const int count = labelEvents.count(id) ? labelEvents[id] : 0;
        if (count != 1)
            problems.push_back({0, id,
                name + " has " + std::to_string(count)
                    + " label events instead of one: it was added outside FairReview"});
        if ((query.integer(2) != 0) != (undone.count(id) > 0))
            problems.push_back({0, id,
                name
                    + (query.integer(2) ? " is marked undone but no undo event records it"
                                        : " has an undo event but is not marked undone")});
    }
}

// Every second review has one second-review event whose detail is still its row, and every such
// event still has its review (the hash fixes the detail; this ties the row to it).
void checkReviewsAgainstEvents(SqliteDatabase& db, const std::vector<StoredEvent>& events,
    std::vector<AuditChainProblem>& problems)
{
    std::map<int64_t, std::vector<const ChainedEvent*>> eventsOfReview;
    SqliteStatement reviewIdOf(
        db.handle(), "SELECT CASE WHEN json_valid(?) THEN json_extract(?, '$.review_id') END");
    for (const StoredEvent& s : events) {
        if (s.event.kind != "second-review")
            continue;
        reviewIdOf.bind(1, s.event.detail).bind(2, s.event.detail);
        const int64_t id = reviewIdOf.step() && !reviewIdOf.isNull(0) ? reviewIdOf.integer(0) : 0;
        reviewIdOf.reset();
        eventsOfReview[id].push_back(&s.event);
    }
    SqliteStatement query(db.handle(),
        std::string("SELECT ") + kSecondReviewColumns + " FROM second_reviews ORDER BY id");
    std::set<int64_t> present;
    while (query.step()) {
        const SecondReviewRecord r = readSecondReviewColumns(query, 0);
        present.insert(r.id);
        const std::string name = "second review " + std::to_string(r.id) + " (of label "
            + std::to_string(r.labelId) + ")";
        const auto& found = eventsOfReview[r.id];
        if (found.size() != 1) {
            problems.push_back({0, r.labelId,
                name + " has " + std::to_string(found.size())
                    + " second-review events instead of one: it was added outside FairReview"});
            continue;
        }
        const std::string now = secondReviewEventDetail(r);
        if (now != found.front()->detail)
            problems.push_back({found.front()->eventId, r.labelId,
                name + " no longer matches what its event recorded (event: " + found.front()->detail
                    + "; second_reviews row now: " + now + ")"});
    }
    for (const auto& [id, list] : eventsOfReview)
        if (!present.count(id))
            for (const ChainedEvent* e : list)
                problems.push_back({e->eventId, e->labelId,
                    eventName(*e) + ": the second_reviews table no longer holds review "
                        + std::to_string(id)});
}

} // namespace

const char* const kSecondReviewColumns
    = "id, label_id, row_index, label, analyst, time_utc_ms, group_visible, review_ms";

SecondReviewRecord readSecondReviewColumns(const SqliteStatement& query, int first)
{
    SecondReviewRecord r;
    r.id = query.integer(first);
    r.labelId = query.integer(first + 1);
    r.row = query.integer(first + 2);
    r.label = query.integer(first + 3) ? LabelValue::Anomaly : LabelValue::Normal;
    r.analyst = query.text(first + 4);
    r.timeUtcMs = query.integer(first + 5);
    r.groupVisible = query.integer(first + 6) != 0;
    r.reviewMs = query.isNull(first + 7) ? -1 : query.integer(first + 7);
    return r;
}

std::string secondReviewEventDetail(const SecondReviewRecord& r)
{
    JsonWriter json(false);
    json.beginObject().field("review_id", r.id).field("label_id", r.labelId).field("row", r.row);
    json.field("label", labelName(r.label)).field("analyst", r.analyst);
    json.field("time_utc_ms", r.timeUtcMs).field("group_visible", r.groupVisible);
    json.key("review_ms");
    if (r.reviewMs >= 0)
        json.value(r.reviewMs);
    else
        json.null(); // not measured
    json.endObject();
    return json.str();
}

std::string auditEventBytes(
    const std::string& previousHash, const ChainedEvent& event, const LabelRecord* label)
{
    std::string bytes;
    appendField(bytes, "prev", previousHash);
    appendField(bytes, "kind", event.kind);
    appendField(bytes, "time_utc_ms", std::to_string(event.timeUtcMs));
    appendField(bytes, "detail", event.detail);
    appendField(bytes, "label_id", std::to_string(event.labelId));
    if (label)
        appendLabelFields(bytes, *label);
    return bytes;
}

std::string auditEventHash(
    const std::string& previousHash, const ChainedEvent& event, const LabelRecord* label)
{
    return sha256Hex(auditEventBytes(previousHash, event, label));
}

std::string labelEventDetail(const LabelRecord& l, int64_t id)
{
    JsonWriter json(false);
    json.beginObject().field("label_id", id).field("row", l.row).field("id", l.rowId);
    json.field("label", labelName(l.label));
    json.field("analyst", l.analyst).field("model_version", l.modelVersion).endObject();
    return json.str();
}

LabelRecord readLabelColumns(const SqliteStatement& query, int first)
{
    LabelRecord l;
    l.id = query.integer(first);
    l.row = query.integer(first + 1);
    l.rowId = query.text(first + 2);
    l.label = query.integer(first + 3) ? LabelValue::Anomaly : LabelValue::Normal;
    l.note = query.text(first + 4);
    l.analyst = query.text(first + 5);
    l.timeUtcMs = query.integer(first + 6);
    l.modelVersion = query.isNull(first + 7) ? 0 : query.integer(first + 7);
    l.score = query.real(first + 8);
    l.rank = query.integer(first + 9);
    l.strategy = query.text(first + 10);
    l.round = static_cast<int>(query.integer(first + 11));
    l.undone = query.integer(first + 12) != 0;
    l.groupVisible = query.integer(first + 13) != 0;
    l.reviewMs = query.isNull(first + 14) ? -1 : query.integer(first + 14);
    return l;
}

AuditChainHead readAuditChainHead(SqliteDatabase& db)
{
    AuditChainHead head;
    SqliteStatement& last = db.cached(std::string("SELECT id, coalesce(chain_hash, '') FROM events "
                                                  "WHERE ")
        + kChainedKinds + " ORDER BY id DESC LIMIT 1");
    if (last.step()) {
        head.eventId = last.integer(0);
        head.hash = last.text(1);
    }
    last.reset();
    head.events
        = db.queryInteger(std::string("SELECT count(*) FROM events WHERE ") + kChainedKinds);
    return head;
}

void appendChainedEvent(SqliteDatabase& db, const std::string& kind, const std::string& detail,
    int64_t labelId, const LabelRecord* label)
{
    SqliteStatement& previous = db.cached(std::string("SELECT chain_hash FROM events WHERE ")
        + kChainedKinds + " AND chain_hash IS NOT NULL ORDER BY id DESC LIMIT 1");
    const std::string previousHash = previous.step() ? previous.text(0) : kAuditChainGenesis;
    previous.reset();
    const ChainedEvent event {0, kind, currentUtcMs(), detail, labelId};
    SqliteStatement& insert = db.cached("INSERT INTO events (time_utc_ms, kind, detail, label_id, "
                                        "chain_hash) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, event.timeUtcMs).bind(2, kind).bind(3, detail).bind(4, labelId);
    insert.bind(5, auditEventHash(previousHash, event, label)).run();
}

void chainExistingEvents(SqliteDatabase& db)
{
    SqliteStatement update(db.handle(), "UPDATE events SET chain_hash = ? WHERE id = ?");
    std::string previousHash = kAuditChainGenesis;
    for (const StoredEvent& stored : readChainedEvents(db)) {
        const ChainedEvent& e = stored.event;
        std::optional<LabelRecord> label;
        if (e.kind == "label")
            label = readLabel(db, e.labelId);
        // A label event whose label is gone is chained without it; verify reports it.
        previousHash = auditEventHash(previousHash, e, label ? &*label : nullptr);
        update.bind(1, previousHash).bind(2, e.eventId).run();
    }
}

AuditChainReport verifyAuditChain(SqliteDatabase& db)
{
    AuditChainReport report;
    report.head = readAuditChainHead(db);
    const std::vector<StoredEvent> events = readChainedEvents(db);
    std::string previousHash = kAuditChainGenesis;
    for (const StoredEvent& stored : events) {
        if (auto problem = checkEvent(db, stored, previousHash))
            report.problems.push_back(std::move(*problem));
        // Each link is checked against the stored hash before it, so that one edited event is
        // reported once, not again in every event after it.
        previousHash = stored.hash.value_or(previousHash);
    }
    checkLabelsAgainstEvents(db, events, report.problems);
    checkReviewsAgainstEvents(db, events, report.problems);
    return report;
}

} // namespace fr
