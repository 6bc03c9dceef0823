// The values that the worker threads hand back to the GUI thread through queued signals:
// immutable, shared, registered as metatypes (ARCHITECTURE.md, Threads).
#pragma once

#include "review_snapshot.h"

#include "active/review_session.h"
#include "data/dataset.h"
#include "metrics/proxy_check.h"
#include "store/project_store.h"
#include "store/records.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace fr::ui {

// A project opened (or created) with its data set loaded and its session restored.
struct OpenOutcome {
    bool ok = false;
    QString error;
    std::shared_ptr<ReviewSession> session;
    std::shared_ptr<ProjectStore> store;
    std::shared_ptr<const Dataset> dataset;
    std::vector<LabelRecord> labels; // undone ones included
    ReviewSnapshotPtr snapshot; // null when the model still has to be pre-trained
    QString warning; // e.g. the data file changed since the project was made
    std::vector<NamedGroupProxy> proxies; // features that give the group away (proxy_check.h)
    std::vector<SecondReviewRecord> secondReviews; // oldest first
};

struct TrainOutcome {
    bool ok = false;
    bool cancelled = false;
    bool pretrain = false;
    int64_t rolledBackTo = 0; // a rollback to that model version (not a training) when > 0
    QString error;
    ReviewSnapshotPtr snapshot; // the new state; null on failure or cancel
};

using OpenOutcomePtr = std::shared_ptr<const OpenOutcome>;
using TrainOutcomePtr = std::shared_ptr<const TrainOutcome>;
using LabelRecords = std::vector<LabelRecord>;

// Registers every type that crosses threads in a queued signal; call once before connecting.
void registerUiMetaTypes();

} // namespace fr::ui

Q_DECLARE_METATYPE(fr::ui::ReviewSnapshotPtr)
Q_DECLARE_METATYPE(fr::ui::MetricsSnapshotPtr)
Q_DECLARE_METATYPE(fr::ui::OpenOutcomePtr)
Q_DECLARE_METATYPE(fr::ui::TrainOutcomePtr)
Q_DECLARE_METATYPE(fr::ui::LabelRecords)
Q_DECLARE_METATYPE(fr::LabelRecord)
Q_DECLARE_METATYPE(fr::SecondReviewRecord)
