// The labels and their audit context (label_ledger.h).
#include "active/label_ledger.h"

#include "store/label_export.h"
#include "util/utc_clock.h"

#include <algorithm>

namespace fr {

namespace {

const std::string kHeadStrategy = "head-probability";
const std::string kManualStrategy = "manual";

} // namespace

std::vector<GroupLabelTally> tallyByGroup(const Dataset& data, const ActiveLabels& labels)
{
    if (!data.hasGroups())
        return {};
    std::vector<GroupLabelTally> tallies(data.groupNames.size());
    for (size_t i = 0; i < labels.rows.size(); ++i) {
        const int g = data.groups[static_cast<size_t>(labels.rows[i])];
        if (g < 0)
            continue;
        ++tallies[static_cast<size_t>(g)].labelsSpent;
        tallies[static_cast<size_t>(g)].found += labels.values[i] == 1;
    }
    return tallies;
}

int labelRound(int roundsDone, int trainingRound)
{
    return trainingRound > 0 ? trainingRound + 1 : roundsDone + 1;
}

Ranker rankerOfStrategy(const std::string& strategy)
{
    return strategy.find(kHeadStrategy) != std::string::npos ? Ranker::Head : Ranker::Prior;
}

LabelLedger::LabelLedger(std::shared_ptr<const Dataset> data, LabelRules rules)
    : mData(std::move(data))
    , mRules(std::move(rules))
    , mLabelOfRow(static_cast<size_t>(mData->rowCount()), -1)
{ }

Status LabelLedger::restore(std::vector<LabelRecord> saved)
{
    const int64_t n = mData->rowCount();
    std::vector<int8_t> labelOfRow(static_cast<size_t>(n), -1);
    for (const LabelRecord& l : saved) {
        if (l.row < 0 || l.row >= n)
            return Status::failure("the project's label " + std::to_string(l.id) + " names row "
                + std::to_string(l.row) + ", but the data set has " + std::to_string(n) + " rows");
        if (!l.undone)
            labelOfRow[static_cast<size_t>(l.row)] = static_cast<int8_t>(l.label);
    }
    mLabels = std::move(saved);
    mLabelOfRow = std::move(labelOfRow);
    return Status::success();
}

std::string LabelLedger::rowId(int64_t row) const
{
    return mData->ids.size() == static_cast<size_t>(mData->rowCount())
        ? mData->ids[static_cast<size_t>(row)]
        : std::to_string(row + 1);
}

// What a label records as the reason its row was there: the ranker that placed it in the shown
// snapshot, after the batch rule ("fair/") or "manual/" for a label made outside the queue.
// rankerOfStrategy reads the ranker back.
std::string LabelLedger::strategyName(
    const RankingSnapshot* shown, int64_t row, LabelOrigin origin) const
{
    if (!shown)
        return kManualStrategy;
    const std::string ranker = shown->rankerOfRow[static_cast<size_t>(row)] == Ranker::Head
        ? kHeadStrategy
        : usesIsolationPrior(mRules.model) ? "label-free-prior"
                                           : "cold-start-score";
    if (origin == LabelOrigin::Manual)
        return kManualStrategy + "/" + ranker;
    return mRules.strategy == QueryStrategy::Fair ? "fair/" + ranker : ranker;
}

Result<std::vector<LabelRecord>> LabelLedger::prepare(const std::vector<LabelInput>& labels,
    const RankingSnapshot* shown, int round, LabelOrigin origin) const
{
    using R = Result<std::vector<LabelRecord>>;
    const int64_t n = mData->rowCount();
    const int64_t now = currentUtcMs();
    std::vector<LabelRecord> records;
    for (const LabelInput& in : labels) {
        if (in.row < 0 || in.row >= n)
            return R::failure("row " + std::to_string(in.row) + " does not exist (the data set has "
                + std::to_string(n) + " rows)");
        const std::string id = rowId(in.row);
        const int8_t existing = mLabelOfRow[static_cast<size_t>(in.row)];
        if (existing >= 0) {
            auto last = std::find_if(mLabels.rbegin(), mLabels.rend(),
                [&](const LabelRecord& l) { return l.row == in.row && !l.undone; });
            return R::failure("row '" + id + "' is already labelled "
                + labelName(static_cast<LabelValue>(existing)) + " (label "
                + std::to_string(last != mLabels.rend() ? last->id : 0) + "); undo it first");
        }
        for (const LabelRecord& r : records)
            if (r.row == in.row)
                return R::failure("row '" + id + "' appears twice in the batch");
        LabelRecord r;
        r.row = in.row;
        r.rowId = id;
        r.label = in.label;
        r.note = in.note;
        r.analyst = in.analyst.empty() ? mRules.analyst : in.analyst;
        r.timeUtcMs = now;
        r.round = round;
        r.strategy = strategyName(shown, in.row, origin);
        r.groupVisible = in.groupVisible;
        r.reviewMs = in.reviewMs;
        if (shown) {
            r.modelVersion = shown->modelVersion;
            r.score = shown->score[static_cast<size_t>(in.row)];
            r.rank = shown->rankOfRow[static_cast<size_t>(in.row)];
        }
        records.push_back(std::move(r));
    }
    return records;
}

void LabelLedger::commit(const std::vector<LabelRecord>& stored)
{
    for (const LabelRecord& r : stored) {
        mLabelOfRow[static_cast<size_t>(r.row)] = static_cast<int8_t>(r.label);
        mLabels.push_back(r);
    }
}

Result<LabelRecord> LabelLedger::prepareUndo() const
{
    auto last = std::find_if(
        mLabels.rbegin(), mLabels.rend(), [](const LabelRecord& l) { return !l.undone; });
    if (last == mLabels.rend())
        return Result<LabelRecord>::failure("there is no label to undo");
    LabelRecord undone = *last;
    undone.undone = true;
    return undone;
}

void LabelLedger::commitUndo(const LabelRecord& undone)
{
    for (LabelRecord& l : mLabels)
        if (l.row == undone.row && !l.undone) { // a row has one active label at most
            l.undone = true;
            mLabelOfRow[static_cast<size_t>(l.row)] = -1;
            return;
        }
}

ActiveLabels LabelLedger::active() const
{
    ActiveLabels active;
    for (const LabelRecord& l : mLabels)
        if (!l.undone) {
            active.rows.push_back(l.row);
            active.values.push_back(static_cast<int8_t>(l.label));
        }
    return active;
}

std::vector<RankerOutcome> LabelLedger::rankerOutcomes() const
{
    std::vector<RankerOutcome> outcomes;
    for (const LabelRecord& l : mLabels)
        if (!l.undone)
            outcomes.push_back({rankerOfStrategy(l.strategy), l.label == LabelValue::Anomaly});
    return outcomes;
}

bool LabelLedger::bothClassesLabelled() const
{
    bool anomalies = false, normals = false;
    for (const LabelRecord& l : mLabels)
        if (!l.undone)
            (l.label == LabelValue::Anomaly ? anomalies : normals) = true;
    return anomalies && normals;
}

std::vector<GroupLabelTally> LabelLedger::groupTallies() const
{
    return tallyByGroup(*mData, active());
}

} // namespace fr
