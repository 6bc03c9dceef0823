// How a row's features read in the queue and the detail panel, in the user's own terms.
#pragma once

#include "data/dataset.h"

#include <QString>

namespace fr::ui {

// One-hot columns are named "<column>=<category>" after their source column.
bool isOneHotFeature(const FeatureInfo& info);
double rawFeatureValue(const Dataset& data, int64_t row, size_t feature);
// "checks +3.1σ, age −2.0σ": the row's most unusual values, at most `count`, only those at least
// one standard deviation away; a categorical column appears through its row's own category.
// hiddenColumn's features are left out (blind review when the group is a model input).
QString deviationSummary(
    const Dataset& data, int64_t row, int count, const std::string& hiddenColumn = {});

} // namespace fr::ui
