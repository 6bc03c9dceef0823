// A project's preprocessing (ALGORITHMS.md §1) applied to the rows of another file with the same
// columns, one row at a time: the plan is read back from the data set's FeatureInfo (which
// records every matrix column's source, offset and scale), so that `fairreview-cli score` and the
// exported model.json use exactly what the project's matrix was built with.
#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fr {

// What one source column becomes. Numeric: matrix column `column` = (raw - offset) / scale, a
// missing value `imputed` (the scaled mean) plus a 1 in missingColumn where the project had
// missing values there (-1: none). Categorical: a 1 in the column of its level, or in
// missingColumn for a missing value; a level the project never saw leaves every column 0.
struct SourceColumnPlan {
    std::string name;
    bool categorical = false;
    int64_t column = -1;
    double offset = 0.0;
    double scale = 1.0;
    double imputed = 0.0;
    int64_t missingColumn = -1;
    std::vector<std::pair<std::string, int64_t>> levels; // value, matrix column
};

class RowEncoder {
public:
    // features: the project's Dataset::features, one per matrix column in order.
    static Result<RowEncoder> fromFeatures(const std::vector<FeatureInfo>& features);

    // Finds every source column in header (a file's column names); fails naming the first one
    // that is missing. fileName names the file in this and later errors.
    Status bind(const std::vector<std::string>& header, const std::string& fileName);
    int64_t width() const { return mWidth; }
    const std::vector<SourceColumnPlan>& plan() const { return mPlan; }

    // cells: one row's cells in header order; writes width() floats to out. Fails for text in a
    // numeric column or a non-finite number, naming the file, line and column.
    Status encode(const std::string_view* cells, int64_t line, float* out) const;

private:
    Status encodeNumber(
        const SourceColumnPlan& plan, std::string_view cell, int64_t line, float* out) const;

    std::vector<SourceColumnPlan> mPlan;
    std::vector<std::unordered_map<std::string, int64_t>> mLevelColumn; // per plan entry
    std::vector<size_t> mHeaderIndex; // per plan entry, once bound
    std::string mFileName;
    int64_t mWidth = 0;
};

} // namespace fr
