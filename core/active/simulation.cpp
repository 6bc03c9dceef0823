// The simulated review (simulation.h).
#include "active/simulation.h"

#include <algorithm>
#include <chrono>

namespace fr {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The label-free ranking read top-down for budget labels.
std::vector<int64_t> priorCurve(const RankingSnapshot& ranking, const Dataset& data, int64_t budget)
{
    std::vector<int64_t> curve;
    int64_t found = 0;
    for (int64_t i = 0; i < budget && i < static_cast<int64_t>(ranking.order.size()); ++i) {
        found += data.truth[static_cast<size_t>(ranking.order[static_cast<size_t>(i)])] == 1;
        curve.push_back(found);
    }
    return curve;
}

// Rows and true anomalies per group from the data, labels from the session's ledger, and what the
// session estimated without the truth.
std::vector<GroupTally> groupTallies(const ReviewSession& session)
{
    const Dataset& data = session.dataset();
    std::vector<GroupTally> groups(data.groupNames.size());
    if (!data.hasGroups())
        return groups;
    for (size_t g = 0; g < groups.size(); ++g)
        groups[g].group = data.groupNames[g];
    for (size_t r = 0; r < data.groups.size(); ++r) {
        if (data.groups[r] < 0)
            continue;
        ++groups[data.groups[r]].rows;
        groups[data.groups[r]].anomalies += data.truth[r] == 1;
    }
    const std::vector<GroupLabelTally> labelled = session.groupTallies();
    for (size_t g = 0; g < labelled.size() && g < groups.size(); ++g) {
        groups[g].labelsSpent = labelled[g].labelsSpent;
        groups[g].found = labelled[g].found;
    }
    const std::vector<GroupAnomalyEstimate> estimates = session.groupEstimates();
    for (size_t g = 0; g < estimates.size() && g < groups.size(); ++g) {
        groups[g].estimatedAnomalies = estimates[g].estimatedAnomalies;
        groups[g].estimatedLow = estimates[g].low;
        groups[g].estimatedHigh = estimates[g].high;
    }
    return groups;
}

// The simulated analyst: one batch from the queue, labelled from the truth.
std::vector<LabelInput> labelFromTruth(const Dataset& data, const std::vector<BatchItem>& items)
{
    std::vector<LabelInput> labels;
    for (const BatchItem& item : items) {
        const bool anomaly = data.truth[static_cast<size_t>(item.row)] == 1;
        labels.push_back({item.row, anomaly ? LabelValue::Anomaly : LabelValue::Normal, {}});
    }
    return labels;
}

// One simulated run's state between the named steps of runSimulation.
class SimulatedReview {
public:
    SimulatedReview(ReviewSession& session, const SimulationOptions& options)
        : mSession(session)
        , mData(session.dataset())
        , mOptions(options)
    {
        mResult.anomalies = std::count(mData.truth.begin(), mData.truth.end(), 1);
        mResult.budget = std::min<int64_t>(
            options.budget >= 0 ? options.budget : mResult.anomalies, mData.rowCount());
        mResult.batchSize = session.defaultBatchSize();
    }

    // Pre-trains unless a resumed model is there, then reads the label-free ranking's curve.
    Status start(bool resumed)
    {
        const auto pretrainStart = Clock::now();
        if (!resumed) {
            Status pretrained = mSession.pretrain(mNever);
            if (!pretrained.ok())
                return pretrained.withContext("before the first round: ");
        }
        mResult.pretrainSeconds = secondsSince(pretrainStart);
        mResult.priorFoundAfter
            = priorCurve(*mSession.ranking(), mData, std::max(mResult.budget, mResult.anomalies));
        for (const LabelRecord& l : mSession.labels()) // a resumed project's labels count
            if (!l.undone)
                countLabel(l.label == LabelValue::Anomaly);
        return Status::success();
    }

    bool budgetLeft() const { return spent() < mResult.budget; }

    // The next batch from the queue, labelled and submitted; false when the queue is empty.
    Result<bool> labelBatch()
    {
        std::vector<BatchItem> items = mSession.nextBatch(
            static_cast<int>(std::min<int64_t>(mResult.batchSize, mResult.budget - spent())));
        if (items.empty())
            return false;
        const std::vector<LabelInput> labels = labelFromTruth(mData, items);
        auto submitted = mSession.submitLabels(labels);
        if (!submitted.ok())
            return submitted.status();
        for (const LabelInput& l : labels)
            countLabel(l.label == LabelValue::Anomaly);
        if (mOptions.onLabelled)
            mOptions.onLabelled(submitted.value());
        mResult.roundCurve.push_back(mFound);
        return true;
    }

    // The round update after a batch, timed.
    Status retrain()
    {
        const auto roundStart = Clock::now();
        Status retrained = mSession.retrain(mNever);
        if (!retrained.ok())
            return retrained.withContext(
                "round " + std::to_string(mResult.roundCurve.size()) + ": ");
        mResult.roundMs.push_back(1000.0 * secondsSince(roundStart));
        reportProgress();
        return Status::success();
    }

    SimulationResult finish()
    {
        mResult.groups = groupTallies(mSession);
        return std::move(mResult);
    }

private:
    int64_t spent() const { return static_cast<int64_t>(mResult.foundAfter.size()); }

    void countLabel(bool anomaly)
    {
        mFound += anomaly;
        mResult.foundAfter.push_back(mFound);
    }

    void reportProgress()
    {
        if (!mOptions.onStatus || Clock::now() - mLastStatus < std::chrono::seconds(2))
            return;
        mLastStatus = Clock::now();
        mOptions.onStatus("round " + std::to_string(mResult.roundCurve.size()) + ", "
            + std::to_string(mFound) + " found in " + std::to_string(spent()) + " labels ("
            + std::to_string(static_cast<int>(mResult.roundMs.back())) + " ms per round)");
    }

    ReviewSession& mSession;
    const Dataset& mData;
    const SimulationOptions& mOptions;
    SimulationResult mResult;
    CancelToken mNever;
    int64_t mFound = 0;
    Clock::time_point mLastStatus = Clock::now();
};

} // namespace

int64_t foundAt(const std::vector<int64_t>& foundAfter, int64_t k)
{
    if (foundAfter.empty() || k <= 0)
        return 0;
    return foundAfter[static_cast<size_t>(std::min<int64_t>(k, foundAfter.size()) - 1)];
}

Result<SimulationResult> runSimulation(
    ReviewSession& session, bool resumed, const SimulationOptions& options)
{
    using R = Result<SimulationResult>;
    if (!session.dataset().hasTruth())
        return R::failure("the data set has no ground truth to simulate the analyst with");
    SimulatedReview review(session, options);
    if (Status started = review.start(resumed); !started.ok())
        return started;
    while (review.budgetLeft()) {
        auto labelled = review.labelBatch();
        if (!labelled.ok())
            return labelled.status();
        if (!labelled.value())
            break; // every row is labelled
        if (!review.budgetLeft())
            break; // the last labels change nothing that is counted: no retrain after them
        if (Status retrained = review.retrain(); !retrained.ok())
            return retrained;
    }
    return review.finish();
}

} // namespace fr
