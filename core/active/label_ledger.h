// The analyst's labels and the rules that give each one its audit context: the round it belongs
// to, and the model version, score, rank and ranker of the ranking snapshot the analyst was shown.
// The review session keeps one; the CLI's `label` and `undo` build one from the project file, so
// that the window and the CLI record the same context for the same label (ARCHITECTURE.md).
// Not thread-safe: the session guards its ledger with its state mutex.
#pragma once

#include "active/arm_selection.h"
#include "active/query_strategy.h"
#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "models/model_options.h"
#include "store/records.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fr {

struct LabelInput {
    int64_t row = 0;
    LabelValue label = LabelValue::Normal;
    std::string note;
    // What the analyst saw, recorded with the label: whether the row's group was shown (blind
    // review hides it) and the milliseconds from the row shown to the label given (-1: not
    // measured, as in the CLI and simulate).
    bool groupVisible = true;
    int64_t reviewMs = -1;
    // Who gives this label; empty: the session's analyst (LabelRules). The window passes the name
    // the analyst set, which may change while a project is open.
    std::string analyst;
};

// Where a label was made: on a row of the queue the session offers (the window, `simulate`), or
// outside any queue (the CLI's `label`), which its strategy says with a "manual/" prefix.
enum class LabelOrigin { Queue, Manual };

// What every label of a session records beside its row.
struct LabelRules {
    ModelKind model = ModelKind::Active; // names the label-free ranker
    QueryStrategy strategy = QueryStrategy::Top; // the batch rule, "fair/" when Fair
    std::string analyst;
};

// The active (not undone) labels as parallel vectors, oldest first: what a training learns from.
struct ActiveLabels {
    std::vector<int64_t> rows;
    std::vector<int8_t> values; // 1 anomaly, 0 normal
};

// Labels spent and anomalies found on one sensitive group's rows.
struct GroupLabelTally {
    int64_t labelsSpent = 0;
    int64_t found = 0;
};

// One tally per group of `data` (empty without groups), over `labels`.
std::vector<GroupLabelTally> tallyByGroup(const Dataset& data, const ActiveLabels& labels);

// The round a label made now belongs to (1-based): the next after the rounds done, or after the
// one a running retrain closes (trainingRound, 0 when none runs).
int labelRound(int roundsDone, int trainingRound);

// The ranker a stored strategy names; how the product's ranking credits a label (arm_selection.h).
Ranker rankerOfStrategy(const std::string& strategy);

class LabelLedger {
public:
    LabelLedger(std::shared_ptr<const Dataset> data, LabelRules rules);

    // A reopened project's labels, oldest first, undone ones included. Refuses a row that is not
    // in the data set, and then keeps what it had.
    Status restore(std::vector<LabelRecord> saved);

    // The records for a batch with their context from `shown` (null before any model), not yet
    // kept: the caller makes them durable first, then commit()s what the journal stored. Rows out
    // of range, already labelled, or twice in the batch are an error.
    Result<std::vector<LabelRecord>> prepare(const std::vector<LabelInput>& labels,
        const RankingSnapshot* shown, int round, LabelOrigin origin = LabelOrigin::Queue) const;
    void commit(const std::vector<LabelRecord>& stored);

    // The most recent label not undone, marked undone but not yet kept (journal, then
    // commitUndo). Error when there is none.
    Result<LabelRecord> prepareUndo() const;
    void commitUndo(const LabelRecord& undone);

    const std::vector<LabelRecord>& all() const { return mLabels; } // oldest first
    const std::vector<int8_t>& labelOfRow() const { return mLabelOfRow; } // -1 or the LabelValue
    ActiveLabels active() const;
    // The active labels by the ranker that placed their rows, for the head's share of the queue.
    std::vector<RankerOutcome> rankerOutcomes() const;
    bool bothClassesLabelled() const;
    std::vector<GroupLabelTally> groupTallies() const;

private:
    std::string rowId(int64_t row) const;
    std::string strategyName(const RankingSnapshot* shown, int64_t row, LabelOrigin origin) const;

    std::shared_ptr<const Dataset> mData;
    LabelRules mRules;
    std::vector<LabelRecord> mLabels;
    std::vector<int8_t> mLabelOfRow;
};

} // namespace fr
