// "Why is this row unusual?": the features of one row farthest from their typical value, for the
// queue's "most deviant features" column and the detail panel.
#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

struct FeatureDeviation {
    std::string feature; // FeatureInfo::name
    int64_t column = 0; // matrix column
    double rawValue = 0.0; // the row's value in the user's units
    double typicalValue = 0.0; // the column's mean raw value
    // (raw - mean) / std of the raw values: the z-score for z-scored columns, the distance in
    // standard deviations for min-max and image columns; 0 for a constant column.
    double deviation = 0.0;
};

// The n features with the largest |deviation|, largest first (ties: lower column first). Empty
// when the row does not exist.
std::vector<FeatureDeviation> topDeviations(const Dataset& dataset, int64_t row, int n);

} // namespace fr
