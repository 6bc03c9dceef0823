// What the analyst has done with a row, as the queue and the plots show it. Skipped is a view
// state only: the project file keeps anomaly and normal labels, never skips.
#pragma once

#include <cstdint>

namespace fr::ui {

enum class RowStatus : int8_t { Unlabelled, Normal, Anomaly, Skipped };

inline bool isLabelled(RowStatus status)
{
    return status == RowStatus::Normal || status == RowStatus::Anomaly;
}

} // namespace fr::ui
