#include "metrics/cohen_kappa.h"

#include <algorithm>
#include <limits>

namespace fr {

KappaResult cohenKappa(const std::vector<int8_t>& first, const std::vector<int8_t>& second)
{
    constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
    KappaResult r;
    r.pairs = static_cast<int64_t>(std::min(first.size(), second.size()));
    if (r.pairs == 0) {
        r.observed = r.expected = r.kappa = kUndefined;
        return r;
    }
    int64_t firstAnomalies = 0;
    int64_t secondAnomalies = 0;
    for (size_t i = 0; i < static_cast<size_t>(r.pairs); ++i) {
        const bool a = first[i] != 0;
        const bool b = second[i] != 0;
        firstAnomalies += a;
        secondAnomalies += b;
        r.agreements += a == b;
    }
    const double n = static_cast<double>(r.pairs);
    const double p1 = static_cast<double>(firstAnomalies) / n;
    const double p2 = static_cast<double>(secondAnomalies) / n;
    r.observed = static_cast<double>(r.agreements) / n;
    r.expected = p1 * p2 + (1.0 - p1) * (1.0 - p2);
    // p_e reaches 1 only when both raters put every item in the same single class; compare the
    // counts, not the rounded product, so that it is exact.
    const bool oneClass = (firstAnomalies == 0 && secondAnomalies == 0)
        || (firstAnomalies == r.pairs && secondAnomalies == r.pairs);
    if (oneClass) {
        r.expected = 1.0;
        r.kappa = kUndefined;
        return r;
    }
    r.kappa = (r.observed - r.expected) / (1.0 - r.expected);
    return r;
}

} // namespace fr
