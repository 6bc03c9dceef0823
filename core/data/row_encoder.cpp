// RowEncoder (row_encoder.h): the FeatureEncoder's plan rebuilt from FeatureInfo, applied per row.
#include "data/row_encoder.h"

#include "data/cell_parser.h"
#include "data/data_error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace fr {

namespace {

// The names feature_encoder.cpp gives a numeric column's indicator and a text column's missing
// category.
std::string indicatorName(const std::string& source)
{
    return source + " (missing)";
}
std::string missingLevelName(const std::string& source)
{
    return source + "=(missing)";
}

bool isLevelOf(const FeatureInfo& f, const std::string& source)
{
    return f.sourceColumn == source && f.name.size() > source.size()
        && f.name.compare(0, source.size() + 1, source + "=") == 0;
}

// One numeric column (and its indicator) starting at features[i]; returns the next index.
size_t planNumeric(const std::vector<FeatureInfo>& features, size_t i, SourceColumnPlan& plan)
{
    const FeatureInfo& f = features[i];
    plan.column = static_cast<int64_t>(i);
    plan.offset = f.offset;
    plan.scale = f.scale;
    plan.imputed = static_cast<float>((f.mean - f.offset) / f.scale);
    ++i;
    if (i < features.size() && features[i].name == indicatorName(plan.name))
        plan.missingColumn = static_cast<int64_t>(i++);
    return i;
}

// One text column's levels starting at features[i] (the missing category last); returns the
// next index.
size_t planCategorical(const std::vector<FeatureInfo>& features, size_t i, SourceColumnPlan& plan)
{
    plan.categorical = true;
    plan.column = static_cast<int64_t>(i);
    for (; i < features.size() && isLevelOf(features[i], plan.name); ++i) {
        const bool last = i + 1 == features.size() || !isLevelOf(features[i + 1], plan.name);
        if (last && features[i].name == missingLevelName(plan.name))
            plan.missingColumn = static_cast<int64_t>(i);
        else
            plan.levels.emplace_back(
                features[i].name.substr(plan.name.size() + 1), static_cast<int64_t>(i));
    }
    return i;
}

} // namespace

Result<RowEncoder> RowEncoder::fromFeatures(const std::vector<FeatureInfo>& features)
{
    RowEncoder encoder;
    encoder.mWidth = static_cast<int64_t>(features.size());
    for (size_t i = 0; i < features.size();) {
        SourceColumnPlan plan;
        plan.name = features[i].sourceColumn;
        if (features[i].name == plan.name)
            i = planNumeric(features, i, plan);
        else if (isLevelOf(features[i], plan.name))
            i = planCategorical(features, i, plan);
        else
            return Result<RowEncoder>::failure("feature '" + features[i].name
                + "' does not come from a CSV column (image data cannot be scored from a CSV)");
        std::unordered_map<std::string, int64_t> levels(plan.levels.begin(), plan.levels.end());
        encoder.mLevelColumn.push_back(std::move(levels));
        encoder.mPlan.push_back(std::move(plan));
    }
    return encoder;
}

Status RowEncoder::bind(const std::vector<std::string>& header, const std::string& fileName)
{
    mFileName = fileName;
    mHeaderIndex.clear();
    for (const SourceColumnPlan& plan : mPlan) {
        auto found = std::find(header.begin(), header.end(), plan.name);
        if (found == header.end())
            return Status::failure(fileError(fileName,
                "no column '" + plan.name + "', which the project's model reads (the file has "
                    + std::to_string(header.size()) + " columns)"));
        mHeaderIndex.push_back(static_cast<size_t>(found - header.begin()));
    }
    return Status::success();
}

Status RowEncoder::encodeNumber(
    const SourceColumnPlan& plan, std::string_view cell, int64_t line, float* out) const
{
    double value = 0.0;
    switch (parseCell(cell, value)) {
    case CellKind::Number:
        out[plan.column] = static_cast<float>(
            (static_cast<long double>(value) - plan.offset) / static_cast<long double>(plan.scale));
        return Status::success();
    case CellKind::Missing:
        out[plan.column] = static_cast<float>(plan.imputed);
        if (plan.missingColumn >= 0)
            out[plan.missingColumn] = 1.0f;
        return Status::success();
    case CellKind::NotFinite:
        return Status::failure(cellError(
            mFileName, line, plan.name, "'" + std::string(cell) + "' is not a finite number"));
    case CellKind::Text:
        break;
    }
    return Status::failure(cellError(mFileName, line, plan.name,
        "'" + std::string(cell) + "' is not a number (the column is numeric in the project)"));
}

Status RowEncoder::encode(const std::string_view* cells, int64_t line, float* out) const
{
    std::memset(out, 0, static_cast<size_t>(mWidth) * sizeof(float));
    for (size_t p = 0; p < mPlan.size(); ++p) {
        const SourceColumnPlan& plan = mPlan[p];
        const std::string_view cell = cells[mHeaderIndex[p]];
        if (!plan.categorical) {
            if (Status ok = encodeNumber(plan, cell, line, out); !ok.ok())
                return ok;
            continue;
        }
        if (isMissingCell(cell)) {
            if (plan.missingColumn >= 0)
                out[plan.missingColumn] = 1.0f;
            continue;
        }
        auto level = mLevelColumn[p].find(std::string(cell));
        if (level != mLevelColumn[p].end())
            out[level->second] = 1.0f;
    }
    return Status::success();
}

} // namespace fr
