// Turns the feature columns of a table into the dense float32 matrix of ALGORITHMS.md §1:
// numbers z-scored (or min-max), missing numbers imputed with the mean plus a 0/1 "was missing"
// column, text one-hot with missing as its own category. NaN and Inf never reach the matrix.
#pragma once

#include "data/column_profile.h"
#include "data/column_roles.h"
#include "data/csv_table.h"
#include "data/dataset.h"
#include "util/progress.h"
#include "util/result.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace fr {

// Beyond this many distinct values an inferred text column is most likely a name or a free text,
// not a category: one-hot encoding it would swamp the model, so the user must say so explicitly.
constexpr int64_t kMaxInferredCategories = 1000;
constexpr int64_t kMaxMatrixValues = int64_t(1) << 31;

class FeatureEncoder {
public:
    FeatureEncoder(const CsvTable& table, bool minMaxScaling);

    // profiles[i] belongs to features[i]. Checks declared types and finite values, lays out the
    // matrix columns and fills dataset.features.
    Status plan(const std::vector<FeatureColumn>& features,
        const std::vector<ColumnProfile>& profiles, Dataset& dataset);
    // One row-major pass that writes dataset.matrix.
    Status encode(Dataset& dataset, const ProgressCallback& progress) const;

private:
    struct ColumnPlan {
        int column = -1;
        bool categorical = false;
        int64_t offset = 0; // first matrix column
        long double center = 0.0L; // numeric: value = (x - center) / divisor
        long double divisor = 1.0L;
        float imputed = 0.0f; // the scaled mean, for missing numbers
        bool indicator = false; // a "was missing" column follows at offset + 1
        std::unordered_map<std::string_view, int> codes;
        int missingCode = -1;
    };

    Status checkColumn(const FeatureColumn& feature, const ColumnProfile& profile) const;
    void planNumeric(const ColumnProfile& profile, Dataset& dataset);
    void planCategorical(const ColumnProfile& profile, Dataset& dataset);
    void encodeRow(int64_t row, float* out) const;
    std::string name(int column) const { return mTable.columnNames()[column]; }

    const CsvTable& mTable;
    bool mMinMax;
    std::vector<ColumnPlan> mPlans;
};

} // namespace fr
