// The active loop with a simulated analyst who reveals the ground truth (protocol P1 of
// ALGORITHMS.md §6), driven through the same ReviewSession the window uses: what `simulate` and
// `bench` measure.
#pragma once

#include "active/review_session.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fr {

struct SimulationOptions {
    int64_t budget = -1; // labels to spend; -1: the number of anomalies
    // Called once a batch's labels are durable (the crash test's acknowledgement).
    std::function<void(const std::vector<LabelRecord>&)> onLabelled;
    std::function<void(const std::string&)> onStatus; // a line now and then, for slow runs
};

struct GroupTally {
    std::string group;
    int64_t rows = 0, anomalies = 0, labelsSpent = 0, found = 0;
    // What the session estimated without the truth at the end (fair_allocation.h), to set
    // against anomalies: the estimate and its ~95% interval.
    double estimatedAnomalies = 0, estimatedLow = 0, estimatedHigh = 0;
};

struct SimulationResult {
    int64_t budget = 0;
    int64_t anomalies = 0;
    int batchSize = 0;
    // Anomalies found after each label, labels of a resumed project included (size = labels).
    std::vector<int64_t> foundAfter;
    // The same for the label-free ranking the session started from, read top-down to the budget
    // or the number of anomalies, whichever is larger: the prior the active loop must never fall
    // behind (ALGORITHMS.md §8).
    std::vector<int64_t> priorFoundAfter;
    std::vector<int64_t> roundCurve; // found after each batch
    std::vector<double> roundMs; // each retrain
    double pretrainSeconds = 0.0;
    std::vector<GroupTally> groups;

    int64_t found() const { return foundAfter.empty() ? 0 : foundAfter.back(); }
};

// The anomalies found after the first k labels (the last count when fewer were spent).
int64_t foundAt(const std::vector<int64_t>& foundAfter, int64_t k);

// Pre-trains (unless the session was resumed with a model) and labels from the truth until the
// budget is spent, retraining after every batch but the last. Failure names the step that failed.
Result<SimulationResult> runSimulation(
    ReviewSession& session, bool resumed, const SimulationOptions& options);

} // namespace fr
