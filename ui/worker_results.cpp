#include "worker_results.h"

namespace fr::ui {

void registerUiMetaTypes()
{
    qRegisterMetaType<ReviewSnapshotPtr>();
    qRegisterMetaType<MetricsSnapshotPtr>();
    qRegisterMetaType<OpenOutcomePtr>();
    qRegisterMetaType<TrainOutcomePtr>();
    qRegisterMetaType<LabelRecords>();
    qRegisterMetaType<LabelRecord>();
    qRegisterMetaType<SecondReviewRecord>();
}

} // namespace fr::ui
