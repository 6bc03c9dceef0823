// Defaults the views need before the analyst chooses otherwise.
#pragma once

#include "data/dataset.h"

#include <cstdint>

namespace fr::ui {

// The K of "recall at K" and of the histogram threshold: the number of true anomalies when the
// data has ground truth (the FADIG protocol, ALGORITHMS.md §6 P2), else 1% of the rows.
int64_t defaultMetricsK(const Dataset& dataset);

} // namespace fr::ui
