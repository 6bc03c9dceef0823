// What the views show after a training or a reopen: immutable values that the worker thread builds
// and hands to the GUI thread as one shared pointer (ARCHITECTURE.md, Threads).
#pragma once

#include "active/fair_allocation.h"
#include "active/session_snapshots.h"
#include "store/records.h"

#include <QMetaType>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fr::ui {

struct ReviewSnapshot {
    std::shared_ptr<const RankingSnapshot> ranking;
    MetricsSnapshot metrics; // at `metrics.k`
    std::vector<RoundRecord> history;
    std::vector<BatchItem> batch; // the next rows to review under this ranking
    ModelVersionRecord model; // without checkpoint bytes
    std::string device; // "cpu" / "cuda"
    // Per group: anomalies found and estimated with ~95% intervals (ReviewSession::groupEstimates,
    // no ground truth); empty without groups.
    std::vector<GroupAnomalyEstimate> estimates;
    // The head against the label-free prior at the target FPR (ReviewSession::headPriorBias):
    // from the analyst's labels, or why not (no head yet, no labelled normal); and, only when the
    // data set carries ground truth, from it.
    std::optional<HeadPriorBias> labelBias;
    std::string labelBiasMissing;
    std::optional<HeadPriorBias> truthBias;
};

using ReviewSnapshotPtr = std::shared_ptr<const ReviewSnapshot>;
using MetricsSnapshotPtr = std::shared_ptr<const MetricsSnapshot>;

} // namespace fr::ui
