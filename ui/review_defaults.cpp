#include "review_defaults.h"

#include <algorithm>

namespace fr::ui {

int64_t defaultMetricsK(const Dataset& dataset)
{
    const int64_t anomalies = std::count(dataset.truth.begin(), dataset.truth.end(), int8_t(1));
    if (dataset.hasTruth() && anomalies > 0)
        return anomalies;
    return std::max<int64_t>(1, dataset.rowCount() / 100);
}

} // namespace fr::ui
