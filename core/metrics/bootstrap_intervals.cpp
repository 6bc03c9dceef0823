// Percentile bootstrap intervals for per-group recall at a fixed global threshold, and Rec Diff.
#include "metrics/bootstrap_intervals.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace fr {

namespace {

// Unbiased integer in [0, bound) (Lemire's multiply-and-reject). std::uniform_int_distribution
// differs between standard libraries; this keeps a seed's interval the same everywhere.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound)
{
    unsigned __int128 product = static_cast<unsigned __int128>(rng()) * bound;
    uint64_t low = static_cast<uint64_t>(product);
    if (low < bound) {
        const uint64_t threshold = (0 - bound) % bound;
        while (low < threshold) {
            product = static_cast<unsigned __int128>(rng()) * bound;
            low = static_cast<uint64_t>(product);
        }
    }
    return static_cast<uint64_t>(product >> 64);
}

// One resample of a group's anomalies: how many of `anomalies` draws hit one of the `flagged`.
int64_t resampledFlagged(std::mt19937_64& rng, int64_t anomalies, int64_t flagged)
{
    int64_t hits = 0;
    for (int64_t i = 0; i < anomalies; ++i)
        hits
            += uniformBelow(rng, static_cast<uint64_t>(anomalies)) < static_cast<uint64_t>(flagged);
    return hits;
}

double quantileType7(const std::vector<double>& sorted, double p)
{
    const double position = p * static_cast<double>(sorted.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(position));
    if (below + 1 >= sorted.size())
        return sorted.back();
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

} // namespace

Interval percentileInterval(std::vector<double>& sample, double level)
{
    sample.erase(
        std::remove_if(sample.begin(), sample.end(), [](double v) { return std::isnan(v); }),
        sample.end());
    if (sample.empty())
        return {};
    std::sort(sample.begin(), sample.end());
    const double tail = (1.0 - level) / 2.0;
    return {quantileType7(sample, tail), quantileType7(sample, 1.0 - tail)};
}

Result<GroupRecallIntervals> bootstrapGroupRecall(
    const std::vector<GroupTopKFigures>& groups, const BootstrapOptions& options)
{
    if (options.replicates < 1)
        return Result<GroupRecallIntervals>::failure("bootstrap replicates is "
            + std::to_string(options.replicates) + ", expected at least 1");
    if (!(options.level > 0.0 && options.level < 1.0))
        return Result<GroupRecallIntervals>::failure("bootstrap level is "
            + std::to_string(options.level) + ", expected a coverage between 0 and 1, e.g. 0.95");
    std::mt19937_64 rng(options.seed);
    const size_t groupCount = groups.size();
    const size_t replicates = static_cast<size_t>(options.replicates);
    // recalls[g * replicates + b]: group g's recall in replicate b.
    std::vector<double> recalls(groupCount * replicates, std::numeric_limits<double>::quiet_NaN());
    std::vector<double> differences(replicates);
    std::vector<double> oneReplicate(groupCount);
    for (size_t b = 0; b < replicates; ++b) {
        for (size_t g = 0; g < groupCount; ++g) {
            const GroupTopKFigures& f = groups[g];
            oneReplicate[g] = f.anomalies > 0
                ? static_cast<double>(resampledFlagged(rng, f.anomalies, f.anomaliesFlagged))
                    / f.anomalies
                : std::numeric_limits<double>::quiet_NaN();
            recalls[g * replicates + b] = oneReplicate[g];
        }
        differences[b] = maxPairwiseDifference(oneReplicate);
    }
    GroupRecallIntervals intervals;
    for (size_t g = 0; g < groupCount; ++g) {
        std::vector<double> sample(
            recalls.begin() + g * replicates, recalls.begin() + (g + 1) * replicates);
        intervals.recall.push_back(percentileInterval(sample, options.level));
    }
    intervals.recallDifference = percentileInterval(differences, options.level);
    return intervals;
}

} // namespace fr
