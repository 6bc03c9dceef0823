#include "models/iad_weighting.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace fr::models::iad {

double median(std::vector<float> values)
{
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const size_t half = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + half, values.end());
    const double upper = values[half];
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + half);
    return (lower + upper) / 2.0;
}

namespace {

float stepWeight(double score, double centre)
{
    if (score < centre)
        return 1.0f;
    return score > centre ? 0.0f : 0.5f;
}

} // namespace

std::vector<float> weightsFromScores(const std::vector<float>& scores)
{
    std::vector<float> finite;
    finite.reserve(scores.size());
    for (float s : scores) {
        if (std::isfinite(s))
            finite.push_back(s);
    }
    std::vector<float> weights(scores.size(), 0.0f);
    if (finite.empty())
        return weights;
    const auto [lowest, highest] = std::minmax_element(finite.begin(), finite.end());
    const double m = median(finite);
    const double spread = std::min(m - double(*lowest), double(*highest) - m);
    const bool allEqual = *lowest == *highest;
    for (size_t i = 0; i < scores.size(); ++i) {
        if (!std::isfinite(scores[i]))
            continue;
        if (allEqual)
            weights[i] = 1.0f;
        else if (spread <= 0.0)
            weights[i] = stepWeight(scores[i], m);
        else
            weights[i] = float(1.0 / (1.0 + std::exp((4.0 / spread) * (double(scores[i]) - m))));
    }
    return weights;
}

void applyLabels(std::vector<float>& weights, const std::vector<int8_t>& labels)
{
    if (labels.empty())
        return;
    if (labels.size() != weights.size())
        throw std::invalid_argument("IAD: labels and weights differ in length");
    for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == 1)
            weights[i] = 0.0f;
        else if (labels[i] == 0)
            weights[i] = 1.0f;
    }
}

std::vector<bool> lowHalf(const std::vector<float>& scores)
{
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    auto key = [&scores](size_t i) {
        return std::isfinite(scores[i]) ? double(scores[i])
                                        : std::numeric_limits<double>::infinity();
    };
    std::stable_sort(
        order.begin(), order.end(), [&key](size_t a, size_t b) { return key(a) < key(b); });
    std::vector<bool> low(scores.size(), false);
    const size_t lowCount = (scores.size() + 1) / 2;
    for (size_t rank = 0; rank < lowCount; ++rank)
        low[order[rank]] = true;
    return low;
}

int64_t medianCrossings(const std::vector<float>& previous, const std::vector<float>& current)
{
    if (previous.size() != current.size())
        throw std::invalid_argument("IAD: rounds scored different numbers of rows");
    const std::vector<bool> before = lowHalf(previous);
    const std::vector<bool> after = lowHalf(current);
    int64_t crossings = 0;
    for (size_t i = 0; i < before.size(); ++i)
        crossings += before[i] != after[i] ? 1 : 0;
    return crossings;
}

} // namespace fr::models::iad
