#include "data/feature_encoder.h"

#include "data/cell_parser.h"
#include "data/data_error.h"
#include "util/huge_pages.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace fr {

namespace {

constexpr long double kZScoreEpsilon = 1e-8L; // ALGORITHMS.md §1: (x - mean) / (std + 1e-8)
constexpr int64_t kProgressStepRows = 100000;

double clampToDouble(long double value)
{
    return static_cast<double>(
        std::clamp(value, -static_cast<long double>(DBL_MAX), static_cast<long double>(DBL_MAX)));
}

// A 0/1 column (one-hot or missing indicator) with `ones` ones among `rows`.
FeatureInfo binaryFeature(std::string name, std::string source, int64_t ones, int64_t rows)
{
    double share = rows > 0 ? static_cast<double>(ones) / static_cast<double>(rows) : 0.0;
    return {std::move(name), std::move(source), share, 1.0, 0.0, std::sqrt(share * (1 - share))};
}

} // namespace

FeatureEncoder::FeatureEncoder(const CsvTable& table, bool minMaxScaling)
    : mTable(table)
    , mMinMax(minMaxScaling)
{ }

Status FeatureEncoder::checkColumn(const FeatureColumn& feature, const ColumnProfile& p) const
{
    if (feature.kind == FeatureKind::DeclaredNumeric && p.firstTextRow >= 0)
        return Status::failure(
            cellError(mTable.fileName(), mTable.lineOf(p.firstTextRow), name(p.column),
                "'" + std::string(mTable.cell(p.firstTextRow, p.column))
                    + "' is not a number (the column is set as a numeric feature)"));
    if (p.type == ColumnType::Numeric && p.firstNotFiniteRow >= 0)
        return Status::failure(
            cellError(mTable.fileName(), mTable.lineOf(p.firstNotFiniteRow), name(p.column),
                "'" + std::string(mTable.cell(p.firstNotFiniteRow, p.column))
                    + "' is not a finite number"));
    if (feature.kind == FeatureKind::Inferred && p.type == ColumnType::Text
        && static_cast<int64_t>(p.textCounts.size()) > kMaxInferredCategories)
        return Status::failure(fileError(mTable.fileName(),
            "column '" + name(p.column) + "' has " + std::to_string(p.textCounts.size())
                + " distinct text values; set its role to Id or Ignore, or to Categorical to "
                  "one-hot encode it anyway"));
    return Status::success();
}

void FeatureEncoder::planNumeric(const ColumnProfile& p, Dataset& dataset)
{
    ColumnPlan plan;
    plan.column = p.column;
    plan.offset = static_cast<int64_t>(dataset.features.size());
    long double mean = p.numbers > 0 ? p.mean : 0.0L;
    long double stdDev = p.numbers > 0 ? std::sqrt(p.sumSquares / p.numbers) : 0.0L;
    if (mMinMax) {
        plan.center = p.numbers > 0 ? p.min : 0.0L;
        long double range = static_cast<long double>(p.max) - p.min;
        plan.divisor = range > 0 ? range : 1.0L;
    } else {
        plan.center = mean;
        plan.divisor = stdDev + kZScoreEpsilon;
    }
    plan.imputed = static_cast<float>((mean - plan.center) / plan.divisor);
    plan.indicator = p.missing > 0;
    dataset.features.push_back({name(p.column), name(p.column), clampToDouble(mean),
        clampToDouble(plan.divisor), clampToDouble(plan.center), clampToDouble(stdDev)});
    if (plan.indicator)
        dataset.features.push_back(binaryFeature(
            name(p.column) + " (missing)", name(p.column), p.missing, mTable.rowCount()));
    mPlans.push_back(std::move(plan));
}

void FeatureEncoder::planCategorical(const ColumnProfile& p, Dataset& dataset)
{
    ColumnPlan plan;
    plan.column = p.column;
    plan.categorical = true;
    plan.offset = static_cast<int64_t>(dataset.features.size());
    std::vector<std::pair<std::string_view, int64_t>> categories(
        p.textCounts.begin(), p.textCounts.end());
    std::sort(categories.begin(), categories.end());
    for (const auto& [value, count] : categories) {
        plan.codes.emplace(value, static_cast<int>(plan.codes.size()));
        dataset.features.push_back(binaryFeature(
            name(p.column) + "=" + std::string(value), name(p.column), count, mTable.rowCount()));
    }
    if (p.missing > 0) {
        plan.missingCode = static_cast<int>(plan.codes.size());
        dataset.features.push_back(binaryFeature(
            name(p.column) + "=(missing)", name(p.column), p.missing, mTable.rowCount()));
    }
    mPlans.push_back(std::move(plan));
}

Status FeatureEncoder::plan(const std::vector<FeatureColumn>& features,
    const std::vector<ColumnProfile>& profiles, Dataset& dataset)
{
    mPlans.clear();
    dataset.features.clear();
    for (size_t i = 0; i < features.size(); ++i) {
        Status ok = checkColumn(features[i], profiles[i]);
        if (!ok.ok())
            return ok;
        if (profiles[i].type == ColumnType::Text)
            planCategorical(profiles[i], dataset);
        else
            planNumeric(profiles[i], dataset);
    }
    auto columns = static_cast<int64_t>(dataset.features.size());
    if (columns > 0 && mTable.rowCount() > kMaxMatrixValues / columns)
        return Status::failure(fileError(mTable.fileName(),
            "the feature matrix would hold " + std::to_string(mTable.rowCount()) + " x "
                + std::to_string(columns) + " values, too many; ignore some columns"));
    return Status::success();
}

void FeatureEncoder::encodeRow(int64_t row, float* out) const
{
    for (const ColumnPlan& plan : mPlans) {
        std::string_view cell = mTable.cell(row, plan.column);
        if (plan.categorical) {
            auto code = plan.codes.find(cell);
            int index = code == plan.codes.end() ? plan.missingCode : code->second;
            if (index >= 0)
                out[plan.offset + index] = 1.0f;
            continue;
        }
        double value = 0.0;
        if (parseCell(cell, value) == CellKind::Number) {
            out[plan.offset] = static_cast<float>((value - plan.center) / plan.divisor);
        } else { // missing: planning has ruled out text and infinities
            out[plan.offset] = plan.imputed;
            out[plan.offset + 1] = 1.0f;
        }
    }
}

Status FeatureEncoder::encode(Dataset& dataset, const ProgressCallback& progress) const
{
    FeatureMatrix& matrix = dataset.matrix;
    matrix.rows = mTable.rowCount();
    matrix.cols = static_cast<int64_t>(dataset.features.size());
    const auto cells = static_cast<size_t>(matrix.rows * matrix.cols);
    matrix.values.clear();
    matrix.values.reserve(cells);
    adviseHugePages(matrix.values.data(), cells * sizeof(float));
    matrix.values.assign(cells, 0.0f);
    for (int64_t row = 0; row < matrix.rows; ++row) {
        encodeRow(row, matrix.values.data() + row * matrix.cols);
        if (progress && (row + 1) % kProgressStepRows == 0)
            progress({"building matrix", row + 1, matrix.rows});
    }
    if (progress)
        progress({"building matrix", matrix.rows, matrix.rows});
    return Status::success();
}

} // namespace fr
