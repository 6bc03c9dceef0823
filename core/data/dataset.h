// The preprocessed data set every model, metric and view works on: a dense float32 matrix
// (ALGORITHMS.md §1) plus, per row, its id, sensitive group and optional ground truth.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fr {

// Row-major rows x cols float32 values; the one copy of the feature data.
struct FeatureMatrix {
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<float> values;

    float at(int64_t row, int64_t col) const { return values[row * cols + col]; }
    const float* row(int64_t r) const { return values.data() + r * cols; }
};

// What one feature column means, so that views can show a row in the user's own terms.
struct FeatureInfo {
    std::string name; // e.g. "age", "sex=Male", "age (missing)", "pixel 12,3"
    std::string sourceColumn; // the CSV column (or "image") it came from
    double mean = 0.0; // of the raw values, before scaling (for "typical value" views)
    double scale = 1.0; // raw = value * scale + offset
    double offset = 0.0;
    double stdDev = 0.0; // of the raw values (0 for a constant column): "how unusual" views
};

constexpr int kNoGroup = -1;
constexpr int8_t kUnknownTruth = -1;

struct Dataset {
    std::string source; // file path, or a description of a built-in set-up
    std::vector<std::string> ids;
    std::vector<FeatureInfo> features; // one per matrix column
    FeatureMatrix matrix;

    // Sensitive group per row as an index into groupNames; empty when the data has no group.
    std::vector<int> groups;
    std::vector<std::string> groupNames;
    int protectedGroup = kNoGroup; // index into groupNames, or kNoGroup

    // Ground truth per row: 1 anomaly, 0 normal; empty when the data has none.
    std::vector<int8_t> truth;
    // The class a built-in set-up drew each row from (Fashion-MNIST's 0-9), which the
    // semi-supervised protocol's --anomaly-classes selects by (semi_supervised_split.h); empty
    // when the data does not say.
    std::vector<int> sourceClass;

    // > 0 for image data, whose features are the pixels in row-major order.
    int imageWidth = 0;
    int imageHeight = 0;

    int64_t rowCount() const { return matrix.rows; }
    bool hasGroups() const { return !groups.empty(); }
    bool hasTruth() const { return !truth.empty(); }
    bool isImage() const { return imageWidth > 0 && imageHeight > 0; }
};

} // namespace fr
