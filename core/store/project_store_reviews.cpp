// ProjectStore's second reviews (PROJECT_FILE.md, "Second review"): stored apart from the labels,
// one per first label, each with its chained `second-review` event in the same transaction.
#include "store/project_store.h"

#include "store/audit_chain.h"
#include "store/project_store_impl.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"
#include "util/utc_clock.h"

namespace fr {

// Why `review` cannot be stored against the label it names, or "" when it can; takes the row
// from that label (and the time from the clock when 0).
static std::string checkReviewedLabel(SqliteDatabase& db, SecondReviewRecord& review)
{
    const std::string which = "label " + std::to_string(review.labelId);
    SqliteStatement label(
        db.handle(), "SELECT row_index, analyst, undone, row_id FROM labels WHERE id = ?");
    label.bind(1, review.labelId);
    if (!label.step())
        return which + " does not exist";
    const std::string rowId = label.text(3);
    if (label.integer(2) != 0)
        return which + " (row id '" + rowId + "') is undone: there is nothing to review";
    if (review.analyst.empty())
        return "the second analyst has no name";
    if (label.text(1) == review.analyst)
        return which + " (row id '" + rowId + "') was made by " + review.analyst
            + ": a second review needs another analyst";
    review.row = label.integer(0); // the label's row, whatever the caller thought
    SqliteStatement existing(db.handle(), "SELECT analyst FROM second_reviews WHERE label_id = ?");
    existing.bind(1, review.labelId);
    if (existing.step())
        return which + " (row id '" + rowId + "') has a second review already, by "
            + existing.text(0);
    if (review.timeUtcMs == 0)
        review.timeUtcMs = currentUtcMs();
    return std::string();
}

Status ProjectStore::recordSecondReview(SecondReviewRecord& review)
{
    return runGuarded(*d, "record a second review", true, [&] {
        SecondReviewRecord pending = review;
        SqliteTransaction transaction(*d->db);
        const std::string refused = checkReviewedLabel(*d->db, pending);
        if (!refused.empty())
            return Status::failure(
                "cannot record a second review in project " + d->path + ": " + refused);
        SqliteStatement insert(d->db->handle(),
            "INSERT INTO second_reviews (label_id, row_index, label, analyst, time_utc_ms, "
            "group_visible, review_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, pending.labelId).bind(2, pending.row).bind(3, int64_t(pending.label));
        insert.bind(4, pending.analyst).bind(5, pending.timeUtcMs);
        insert.bind(6, int64_t(pending.groupVisible));
        if (pending.reviewMs >= 0)
            insert.bind(7, pending.reviewMs);
        else
            insert.bindNull(7); // not measured
        insert.run();
        pending.id = d->db->lastInsertId();
        appendChainedEvent(
            *d->db, "second-review", secondReviewEventDetail(pending), pending.labelId, nullptr);
        transaction.commit();
        review = pending; // the id only once the commit is on disk
        return Status::success();
    });
}

Result<std::vector<SecondReviewRecord>> ProjectStore::secondReviews() const
{
    using Reviews = std::vector<SecondReviewRecord>;
    return queryGuarded<Reviews>(*d, "read the second reviews", [&]() -> Result<Reviews> {
        SqliteStatement query(d->db->handle(),
            std::string("SELECT ") + kSecondReviewColumns + " FROM second_reviews ORDER BY id");
        Reviews reviews;
        while (query.step())
            reviews.push_back(readSecondReviewColumns(query, 0));
        return reviews;
    });
}

Result<std::vector<std::string>> ProjectStore::rowGroups() const
{
    using Groups = std::vector<std::string>;
    return queryGuarded<Groups>(*d, "read the rows' groups", [&]() -> Result<Groups> {
        SqliteStatement query(
            d->db->handle(), "SELECT coalesce(group_name, '') FROM rows ORDER BY row_index");
        Groups groups;
        groups.reserve(static_cast<size_t>(d->rowCount));
        while (query.step())
            groups.push_back(query.text(0));
        return groups;
    });
}

} // namespace fr
