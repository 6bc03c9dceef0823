// Where a review session writes what happens to it, so that nothing is lost: the project file
// implements this (ProjectStore); a session without one keeps everything in memory only.
#pragma once

#include "store/records.h"
#include "util/result.h"

#include <vector>

namespace fr {

// Everything a session needs to carry on where it stopped.
struct SavedSession {
    std::vector<LabelRecord> labels; // oldest first, undone ones included
    std::vector<RoundRecord> rounds;
    ModelVersionRecord model; // the latest version, with its checkpoint bytes
    std::vector<float> score; // that model's scores per row (to check reproduction)
    std::vector<float> probability;
    bool hasModel = false;
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
};

} // namespace fr
