// Where a review session writes what happens to it, so that nothing is lost: the project file
// implements this (ProjectStore); a session without one keeps everything in memory only.
#pragma once

#include "store/records.h"
#include "util/result.h"

#include <vector>

namespace fr {

// One stored model version with the scores it gave every row: what a rollback restores.
struct StoredModelVersion {
    ModelVersionRecord model; // with its checkpoint bytes
    std::vector<float> score; // that model's scores per row (to check reproduction)
    std::vector<float> probability; // empty while it had no head
};

// Everything a session needs to carry on where it stopped.
struct SavedSession {
    std::vector<LabelRecord> labels; // oldest first, undone ones included
    std::vector<RoundRecord> rounds;
    ModelVersionRecord model; // the current version (the latest, or the one rolled back to)
    std::vector<float> score; // that model's scores per row (to check reproduction)
    std::vector<float> probability;
    bool hasModel = false;
    int64_t latestVersion = 0; // the highest stored version: the next one is numbered after it
};

class SessionJournal {
public:
    virtual ~SessionJournal() = default;
    // Durable when it returns OK; assigns LabelRecord::id. All or nothing.
    virtual Status recordLabels(std::vector<LabelRecord>& labels) = 0;
    virtual Status recordUndo(const LabelRecord& label) = 0;
    // A new model version with the scores it gave every row (probability may be empty).
    virtual Status recordModelVersion(const ModelVersionRecord& model,
        const std::vector<float>& score, const std::vector<float>& probability)
        = 0;
    virtual Status recordRound(const RoundRecord& round) = 0;
    // An earlier, stored model version made current again (an audit event); later labels and
    // retrains start from it.
    virtual Status recordRollback(int64_t fromVersion, int64_t toVersion) = 0;
};

} // namespace fr
