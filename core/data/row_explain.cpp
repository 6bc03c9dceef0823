#include "data/row_explain.h"

#include <algorithm>
#include <cmath>

namespace fr {

namespace {

FeatureDeviation deviationAt(const Dataset& dataset, int64_t row, int64_t column)
{
    const FeatureInfo& info = dataset.features[column];
    FeatureDeviation d;
    d.feature = info.name;
    d.column = column;
    d.rawValue = dataset.matrix.at(row, column) * info.scale + info.offset;
    d.typicalValue = info.mean;
    d.deviation = info.stdDev > 0 ? (d.rawValue - info.mean) / info.stdDev : 0.0;
    return d;
}

bool moreDeviant(const FeatureDeviation& a, const FeatureDeviation& b)
{
    double da = std::abs(a.deviation), db = std::abs(b.deviation);
    return da != db ? da > db : a.column < b.column;
}

} // namespace

std::vector<FeatureDeviation> topDeviations(const Dataset& dataset, int64_t row, int n)
{
    const FeatureMatrix& m = dataset.matrix;
    if (row < 0 || row >= m.rows || n <= 0
        || static_cast<int64_t>(dataset.features.size()) != m.cols)
        return {};
    std::vector<FeatureDeviation> all;
    all.reserve(static_cast<size_t>(m.cols));
    for (int64_t column = 0; column < m.cols; ++column)
        all.push_back(deviationAt(dataset, row, column));
    auto keep = std::min<size_t>(static_cast<size_t>(n), all.size());
    std::partial_sort(all.begin(), all.begin() + keep, all.end(), moreDeviant);
    all.resize(keep);
    return all;
}

} // namespace fr
