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

std::vector<GroupTally> groupTallies(const Dataset& data, const std::vector<LabelRecord>& labels)
{
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
    for (const LabelRecord& l : labels) {
        const int g = data.groups[static_cast<size_t>(l.row)];
        if (l.undone || g < 0)
            continue;
        ++groups[g].labelsSpent;
        groups[g].found += l.label == LabelValue::Anomaly;
    }
    return groups;
}

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
    const Dataset& data = session.dataset();
    if (!data.hasTruth())
        return R::failure("the data set has no ground truth to simulate the analyst with");
    SimulationResult result;
    result.anomalies = std::count(data.truth.begin(), data.truth.end(), 1);
    result.budget = std::min<int64_t>(
        options.budget >= 0 ? options.budget : result.anomalies, data.rowCount());
    result.batchSize = session.defaultBatchSize();
    CancelToken never;
    const auto pretrainStart = Clock::now();
    if (!resumed) {
        Status pretrained = session.pretrain(never);
        if (!pretrained.ok())
            return pretrained.withContext("before the first round: ");
    }
    result.pretrainSeconds = secondsSince(pretrainStart);
    result.priorFoundAfter
        = priorCurve(*session.ranking(), data, std::max(result.budget, result.anomalies));

    int64_t found = 0;
    for (const LabelRecord& l : session.labels()) // a resumed project's labels count
        if (!l.undone) {
            found += l.label == LabelValue::Anomaly;
            result.foundAfter.push_back(found);
        }
    auto lastStatus = Clock::now();
    while (static_cast<int64_t>(result.foundAfter.size()) < result.budget) {
        const int64_t spent = static_cast<int64_t>(result.foundAfter.size());
        std::vector<BatchItem> items = session.nextBatch(
            static_cast<int>(std::min<int64_t>(result.batchSize, result.budget - spent)));
        if (items.empty())
            break;
        std::vector<LabelInput> labels;
        for (const BatchItem& item : items) {
            const bool anomaly = data.truth[static_cast<size_t>(item.row)] == 1;
            labels.push_back({item.row, anomaly ? LabelValue::Anomaly : LabelValue::Normal, {}});
            found += anomaly;
            result.foundAfter.push_back(found);
        }
        auto submitted = session.submitLabels(labels);
        if (!submitted.ok())
            return R::failure(submitted.error());
        if (options.onLabelled)
            options.onLabelled(submitted.value());
        result.roundCurve.push_back(found);
        if (static_cast<int64_t>(result.foundAfter.size()) >= result.budget)
            break; // the last labels change nothing that is counted: no retrain after them
        const auto roundStart = Clock::now();
        Status retrained = session.retrain(never);
        if (!retrained.ok())
            return retrained.withContext(
                "round " + std::to_string(result.roundCurve.size()) + ": ");
        result.roundMs.push_back(1000.0 * secondsSince(roundStart));
        if (options.onStatus && Clock::now() - lastStatus > std::chrono::seconds(2)) {
            lastStatus = Clock::now();
            options.onStatus("round " + std::to_string(result.roundCurve.size()) + ", "
                + std::to_string(found) + " found in " + std::to_string(result.foundAfter.size())
                + " labels (" + std::to_string(static_cast<int>(result.roundMs.back()))
                + " ms per round)");
        }
    }
    result.groups = groupTallies(data, session.labels());
    const std::vector<GroupAnomalyEstimate> estimates = session.groupEstimates();
    for (size_t g = 0; g < estimates.size() && g < result.groups.size(); ++g) {
        result.groups[g].estimatedAnomalies = estimates[g].estimatedAnomalies;
        result.groups[g].estimatedLow = estimates[g].low;
        result.groups[g].estimatedHigh = estimates[g].high;
    }
    return result;
}

} // namespace fr
