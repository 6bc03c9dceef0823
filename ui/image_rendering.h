// Pictures of image rows (Fashion-MNIST and the like) for the queue and the detail panel.
#pragma once

#include "data/dataset.h"

#include <QImage>

#include <vector>

namespace fr::ui {

// The row's raw pixels as a greyscale image, stretched to the full grey range.
QImage rowImage(const Dataset& dataset, int64_t row);
// The data set's mean image (FeatureInfo::mean per pixel): what a typical row looks like.
QImage typicalImage(const Dataset& dataset);
// Each pixel's share of the row's reconstruction error (RowExplanation::columnShare) on the
// palette's sequential ramp, scaled to the largest share: where the model failed to rebuild it.
QImage errorHeatMap(const Dataset& dataset, const std::vector<double>& pixelShare);

} // namespace fr::ui
