// The semi-supervised protocol's split (semi_supervised_split.h).
#include "data/semi_supervised_split.h"

#include "data/seeded_sampling.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace fr {

namespace {

// Shuffles rows with the seeded generator (seeded_sampling.h: the same seed, the same split on
// every standard library).
std::vector<int64_t> shuffled(const std::vector<int64_t>& rows, std::mt19937_64& rng)
{
    std::vector<int64_t> out;
    out.reserve(rows.size());
    for (int64_t i : sampleWithoutReplacement(
             static_cast<int64_t>(rows.size()), static_cast<int64_t>(rows.size()), rng))
        out.push_back(rows[static_cast<size_t>(i)]);
    return out;
}

} // namespace

Result<SemiSupervisedSplit> splitSemiSupervised(const std::vector<int8_t>& truth,
    const std::vector<int>& sourceClass, const SemiSupervisedOptions& options)
{
    using R = Result<SemiSupervisedSplit>;
    if (truth.empty())
        return R::failure("the semi-supervised protocol needs the ground truth (--truth)");
    if (!(options.testShare > 0.0 && options.testShare < 1.0))
        return R::failure("the test share must lie strictly between 0 and 1");
    if (!(options.labelledAnomalyRatio >= 0.0))
        return R::failure("--labelled-anomalies expects a non-negative ratio to the normals");
    if (!options.anomalyClasses.empty() && sourceClass.size() != truth.size())
        return R::failure("--anomaly-classes needs a class per row, which this data does not "
                          "have (Fashion-MNIST's set-ups do)");
    std::vector<int64_t> normals, anomalies;
    for (size_t r = 0; r < truth.size(); ++r)
        (truth[r] == 1 ? anomalies : normals).push_back(static_cast<int64_t>(r));
    std::mt19937_64 rng(options.seed);
    normals = shuffled(normals, rng);
    anomalies = shuffled(anomalies, rng);
    auto testCount = [&](size_t n) {
        return static_cast<size_t>(std::llround(static_cast<double>(n) * options.testShare));
    };
    SemiSupervisedSplit split;
    const size_t testNormals = testCount(normals.size()),
                 testAnomalies = testCount(anomalies.size());
    split.test.assign(normals.begin(), normals.begin() + static_cast<std::ptrdiff_t>(testNormals));
    split.test.insert(split.test.end(), anomalies.begin(),
        anomalies.begin() + static_cast<std::ptrdiff_t>(testAnomalies));
    split.trainNormals.assign(
        normals.begin() + static_cast<std::ptrdiff_t>(testNormals), normals.end());
    std::vector<int64_t> eligible;
    int64_t trainAnomalies = 0;
    for (size_t i = testAnomalies; i < anomalies.size(); ++i, ++trainAnomalies) {
        const int64_t row = anomalies[i];
        const bool chosen = options.anomalyClasses.empty()
            || std::find(options.anomalyClasses.begin(), options.anomalyClasses.end(),
                   sourceClass[static_cast<size_t>(row)])
                != options.anomalyClasses.end();
        if (chosen)
            eligible.push_back(row);
    }
    const auto wanted = static_cast<size_t>(std::llround(
        static_cast<double>(split.trainNormals.size()) * options.labelledAnomalyRatio));
    if (wanted > eligible.size())
        return R::failure("the ratio " + std::to_string(options.labelledAnomalyRatio) + " asks for "
            + std::to_string(wanted) + " collected anomalies but the training part holds "
            + std::to_string(eligible.size())
            + " of the chosen classes: lower --labelled-anomalies");
    split.labelledAnomalies.assign(
        eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(wanted));
    split.unusedAnomalies = trainAnomalies - static_cast<int64_t>(wanted);
    std::sort(split.trainNormals.begin(), split.trainNormals.end());
    std::sort(split.labelledAnomalies.begin(), split.labelledAnomalies.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

std::vector<float> trainingWeights(const SemiSupervisedSplit& split, int64_t rows)
{
    std::vector<float> weights(static_cast<size_t>(rows), 0.0f);
    for (int64_t r : split.trainNormals)
        weights[static_cast<size_t>(r)] = 1.0f;
    return weights;
}

} // namespace fr
