// What the views show after a training or a reopen: immutable values that the worker thread builds
// and hands to the GUI thread as one shared pointer (ARCHITECTURE.md, Threads).
#pragma once

#include "active/session_snapshots.h"
#include "store/records.h"

#include <QMetaType>

#include <memory>
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
};

using ReviewSnapshotPtr = std::shared_ptr<const ReviewSnapshot>;
using MetricsSnapshotPtr = std::shared_ptr<const MetricsSnapshot>;

} // namespace fr::ui
