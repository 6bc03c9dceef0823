#include "review_snapshot.h"

namespace fr::ui {

void registerUiMetaTypes()
{
    qRegisterMetaType<ReviewSnapshotPtr>();
    qRegisterMetaType<MetricsSnapshotPtr>();
}

} // namespace fr::ui
