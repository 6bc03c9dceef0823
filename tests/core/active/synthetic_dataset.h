// A small seeded data set for the model and session tests: normal rows lie near a 2-D plane in
// R^4 (x = [a, b, a + b, a - b] + noise), anomalies are spread uniformly over the box, so any
// working autoencoder must score them higher. Every third row is in the protected group.
#pragma once

#include "data/dataset.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace fr::test {

inline std::shared_ptr<Dataset> syntheticDataset(int rows, int anomalies, uint64_t seed = 7)
{
    auto data = std::make_shared<Dataset>();
    data->source = "synthetic";
    const int cols = 4;
    data->matrix.rows = rows;
    data->matrix.cols = cols;
    data->matrix.values.resize(static_cast<size_t>(rows) * cols);
    data->groupNames = {"majority", "minority"};
    data->protectedGroup = 1;
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> box(-3.0f, 3.0f);
    for (int r = 0; r < rows; ++r) {
        float* x = data->matrix.values.data() + static_cast<size_t>(r) * cols;
        // Anomalies spread evenly through the file so that any slice holds some.
        const bool anomaly
            = anomalies > 0 && r % (rows / anomalies) == 0 && r / (rows / anomalies) < anomalies;
        if (anomaly) {
            for (int c = 0; c < cols; ++c)
                x[c] = box(rng);
        } else {
            float a = normal(rng), b = normal(rng);
            x[0] = a;
            x[1] = b;
            x[2] = a + b + 0.05f * normal(rng);
            x[3] = a - b + 0.05f * normal(rng);
        }
        data->ids.push_back("r" + std::to_string(r + 1));
        data->groups.push_back(r % 3 == 0 ? 1 : 0);
        data->truth.push_back(anomaly ? 1 : 0);
    }
    for (int c = 0; c < cols; ++c)
        data->features.push_back({"f" + std::to_string(c), "f" + std::to_string(c)});
    return data;
}

// The first `count` rows labelled by their truth, as Detector::update takes them.
struct TruthLabels {
    std::vector<int64_t> rows;
    std::vector<int8_t> labels;
};

inline TruthLabels firstRowsByTruth(const Dataset& data, int64_t count)
{
    TruthLabels out;
    for (int64_t r = 0; r < count && r < data.rowCount(); ++r) {
        out.rows.push_back(r);
        out.labels.push_back(data.truth[static_cast<size_t>(r)]);
    }
    return out;
}

} // namespace fr::test
