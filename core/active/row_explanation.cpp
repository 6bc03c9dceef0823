// Row explanation (row_explanation.h): the model's own parts on the row (models/row_attribution.h)
// and the ranking rules of ranking_builder.cpp, applied to the row with its group swapped.
#include "active/row_explanation.h"

#include "active/arm_selection.h"
#include "metrics/ranking.h"
#include "models/detector.h"
#include "models/group_calibration.h"
#include "models/row_attribution.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace fr {

std::vector<FeatureErrorShare> errorBySourceColumn(
    const std::vector<FeatureInfo>& features, const std::vector<double>& columnError)
{
    std::vector<FeatureErrorShare> out;
    double total = 0.0;
    const size_t count = std::min(features.size(), columnError.size());
    for (size_t c = 0; c < count; ++c) {
        const std::string& source = features[c].sourceColumn;
        auto it = std::find_if(out.begin(), out.end(),
            [&](const FeatureErrorShare& f) { return f.feature == source; });
        if (it == out.end())
            it = out.insert(out.end(), FeatureErrorShare {source, 0.0, 0.0});
        it->error += columnError[c];
        total += columnError[c];
    }
    for (FeatureErrorShare& f : out)
        f.share = total > 0.0 ? f.error / total : 0.0;
    return out;
}

int64_t rankWithKey(const std::vector<float>& keys, int64_t row, float key)
{
    int64_t ahead = 0;
    for (int64_t other = 0; other < static_cast<int64_t>(keys.size()); ++other) {
        const float k = keys[static_cast<size_t>(other)];
        if (other != row && (k > key || (k == key && other < row)))
            ++ahead;
    }
    return ahead + 1;
}

namespace {

// (rows below + half the ties + 1/2) / (rows + 1): the mid-rank percentile the row would have
// among rows it is added to (group_calibration.h's midRankPercentiles, with the row counted in).
struct PercentileCount {
    double below = 0.0, ties = 0.0, rows = 0.0;
    double percentile() const { return (below + 0.5 * ties + 0.5) / (rows + 1.0); }
    void add(float value, double raw)
    {
        rows += 1.0;
        if (value < raw)
            below += 1.0;
        else if (value == raw)
            ties += 1.0;
    }
};

} // namespace

double calibratedScoreInGroup(const std::vector<float>& rawErrors, const std::vector<int>& groups,
    int64_t row, double raw, int group)
{
    const float r = static_cast<float>(raw);
    PercentileCount overall, within;
    for (size_t other = 0; other < rawErrors.size(); ++other) {
        if (static_cast<int64_t>(other) == row)
            continue;
        overall.add(rawErrors[other], r);
        if (group >= 0 && other < groups.size() && groups[other] == group)
            within.add(rawErrors[other], r);
    }
    const double o = overall.percentile();
    const double w = group >= 0 ? within.percentile() : o;
    // The same float rounding as calibrateScoresByGroup.
    return static_cast<float>(
        models::kWithinGroupShare * w + (1.0 - models::kWithinGroupShare) * o);
}

struct RowExplainer::Impl {
    std::shared_ptr<const Dataset> data;
    ModelOptions options;
    int64_t version = 0;
    std::unique_ptr<models::Detector> detector;
    models::ScoreStandardisation standardisation;
    std::vector<float> prior, logit; // every row's ranking keys under this version
    std::vector<int64_t> priorOrder, headOrder;
    std::vector<float> rawErrors; // the fair detectors only: what the calibration ranks
    std::vector<int64_t> groupColumns; // matrix columns of the group when it is a model input
    std::vector<std::vector<float>> groupEncoding; // per group: those columns' values; empty: none

    void encodeGroups(const std::string& column)
    {
        for (size_t c = 0; c < data->features.size(); ++c)
            if (!column.empty() && data->features[c].sourceColumn == column)
                groupColumns.push_back(static_cast<int64_t>(c));
        if (groupColumns.empty())
            return;
        for (const std::string& name : data->groupNames) {
            std::vector<float> values;
            for (int64_t c : groupColumns) {
                const FeatureInfo& f = data->features[static_cast<size_t>(c)];
                std::optional<double> raw;
                if (f.name == column + "=" + name)
                    raw = 1.0;
                else if (f.name.rfind(column + "=", 0) == 0 || f.name == column + " (missing)")
                    raw = 0.0;
                else if (f.name == column) {
                    char* end = nullptr;
                    const double v = std::strtod(name.c_str(), &end);
                    if (end != name.c_str() && *end == '\0')
                        raw = v;
                }
                if (!raw)
                    break;
                values.push_back(static_cast<float>((*raw - f.offset) / f.scale));
            }
            if (values.size() != groupColumns.size())
                values.clear(); // a group value this column cannot hold as a number
            groupEncoding.push_back(std::move(values));
        }
    }

    Status score(int64_t newVersion)
    {
        auto output = detector->scoreAll(false);
        if (!output.ok())
            return output.status();
        auto s = models::scoreStandardisation(*detector);
        if (!s.ok())
            return s.status();
        standardisation = s.take();
        prior = output.value().prior;
        logit = output.value().logit;
        priorOrder = rankOrder(prior);
        headOrder = logit.empty() ? std::vector<int64_t> {} : rankOrder(logit);
        rawErrors.clear();
        if (standardisation.calibratesByGroup) {
            auto raw = models::reconstructionErrors(*detector, data->matrix);
            if (!raw.ok())
                return raw.status();
            rawErrors = raw.take();
        }
        version = newVersion;
        return Status::success();
    }

    GroupSwapBasis basis() const
    {
        if (!data->hasGroups())
            return GroupSwapBasis::NoGroups;
        const bool input = !groupColumns.empty(), calibrated = standardisation.calibratesByGroup;
        if (input && calibrated)
            return GroupSwapBasis::InputAndCalibration;
        if (input)
            return GroupSwapBasis::GroupInput;
        return calibrated ? GroupSwapBasis::Calibration : GroupSwapBasis::NoEffect;
    }

    // The head's share of the queue's positions for this ranking (ranking_builder.cpp's rule).
    double headShareOf(const RankingSnapshot& ranking) const
    {
        if (logit.empty())
            return 0.0;
        if (usesIsolationPrior(options.kind))
            return ranking.headShare;
        return ranking.reason == RankReason::HeadProbability ? 1.0 : 0.0;
    }

    static std::vector<int64_t> moved(
        const std::vector<int64_t>& order, int64_t row, int64_t newRank)
    {
        std::vector<int64_t> out;
        out.reserve(order.size());
        for (int64_t r : order)
            if (r != row)
                out.push_back(r);
        out.insert(out.begin() + std::min<int64_t>(newRank - 1, out.size()), row);
        return out;
    }

    int64_t rankOf(int64_t row, float priorKey, float logitKey, const RankingSnapshot& ranking,
        const std::vector<int8_t>& labelOfRow) const
    {
        const double share = headShareOf(ranking);
        const int64_t byPrior = rankWithKey(prior, row, priorKey);
        if (share <= 0.0)
            return byPrior;
        const int64_t byHead = rankWithKey(logit, row, logitKey);
        if (share >= 1.0)
            return byHead;
        const MergedRanking merged = mergeRankings(
            moved(priorOrder, row, byPrior), moved(headOrder, row, byHead), labelOfRow, share);
        const auto at = std::find(merged.order.begin(), merged.order.end(), row);
        return static_cast<int64_t>(at - merged.order.begin()) + 1;
    }

    // The row's ranking keys from its model parts and its (calibrated) score.
    std::pair<double, double> keys(const models::RowEvaluation& e, double score) const
    {
        const double p = standardisation.prior(score, e.forestScore);
        if (!e.headTrained)
            return {p, p};
        double l = e.latentTerm + e.rowTerm + e.bias;
        const double s[2] = {standardisation.standardisedScore(score),
            standardisation.standardisedForest(e.forestScore)};
        for (size_t j = 0; j < e.scoreWeights.size() && j < 2; ++j)
            l += e.scoreWeights[j] * s[j];
        return {p, l};
    }
};

RowExplainer::RowExplainer()
    : d(std::make_unique<Impl>())
{ }

RowExplainer::~RowExplainer() = default;

Result<std::unique_ptr<RowExplainer>> RowExplainer::create(std::shared_ptr<const Dataset> dataset,
    const ModelOptions& options, const std::vector<uint8_t>& checkpoint, int64_t modelVersion,
    const std::string& groupInputColumn)
{
    using Out = Result<std::unique_ptr<RowExplainer>>;
    if (!dataset)
        return Out::failure("there is no data set to explain");
    std::unique_ptr<RowExplainer> explainer(new RowExplainer());
    Impl& d = *explainer->d;
    d.data = dataset;
    d.options = options;
    auto detector = models::createDetectorCopy(dataset, options);
    if (!detector.ok())
        return detector.status().withContext("explaining the row: ");
    d.detector = detector.take();
    const Status restored = d.detector->restoreCheckpoint(checkpoint);
    if (!restored.ok())
        return restored.withContext("explaining the row: ");
    const Status scored = d.score(modelVersion);
    if (!scored.ok())
        return scored;
    d.encodeGroups(groupInputColumn);
    return Out(std::move(explainer));
}

int64_t RowExplainer::modelVersion() const
{
    return d->version;
}

Status RowExplainer::useVersion(const std::vector<uint8_t>& checkpoint, int64_t modelVersion)
{
    d->version = -1;
    const Status restored = d->detector->restoreCheckpoint(checkpoint);
    if (!restored.ok())
        return restored.withContext("explaining the row: ");
    return d->score(modelVersion);
}

Result<RowExplanation> RowExplainer::explain(
    int64_t row, const RankingSnapshot& ranking, const std::vector<int8_t>& labelOfRow) const
{
    using Out = Result<RowExplanation>;
    const Dataset& data = *d->data;
    if (row < 0 || row >= data.rowCount() || ranking.rankOfRow.size() != size_t(data.rowCount()))
        return Out::failure("row " + std::to_string(row + 1) + " is not in the data set");
    if (ranking.modelVersion != d->version)
        return Out::failure("the ranking is of model version "
            + std::to_string(ranking.modelVersion) + ", the explanation of version "
            + std::to_string(d->version));
    const int64_t width = data.matrix.cols;
    const std::vector<float> own(data.matrix.row(row), data.matrix.row(row) + width);
    const int ownGroup = data.hasGroups() ? data.groups[static_cast<size_t>(row)] : kNoGroup;

    RowExplanation out;
    out.row = row;
    out.modelVersion = d->version;
    out.rank = ranking.rankOfRow[static_cast<size_t>(row)];
    out.swapBasis = d->basis();
    // The rows to run: the row itself, then one per other group whose encoding differs.
    std::vector<float> rows = own;
    std::vector<int> swapGroups;
    if (out.swapBasis != GroupSwapBasis::NoGroups && out.swapBasis != GroupSwapBasis::NoEffect)
        for (int g = 0; g < static_cast<int>(data.groupNames.size()); ++g) {
            if (g == ownGroup)
                continue;
            const bool input = !d->groupColumns.empty();
            if (input && d->groupEncoding[static_cast<size_t>(g)].empty())
                continue;
            swapGroups.push_back(g);
            std::vector<float> swapped = own;
            for (size_t i = 0; input && i < d->groupColumns.size(); ++i)
                swapped[static_cast<size_t>(d->groupColumns[i])]
                    = d->groupEncoding[static_cast<size_t>(g)][i];
            rows.insert(rows.end(), swapped.begin(), swapped.end());
        }
    auto evaluated = models::evaluateRows(*d->detector, rows, width);
    if (!evaluated.ok())
        return evaluated.status();
    const std::vector<models::RowEvaluation>& e = evaluated.value();

    out.hasReconstruction = e[0].hasReconstruction;
    out.reconstructionError = e[0].reconstructionError;
    out.features = errorBySourceColumn(data.features, e[0].columnError);
    std::stable_sort(out.features.begin(), out.features.end(),
        [](const FeatureErrorShare& a, const FeatureErrorShare& b) { return a.share > b.share; });
    // The same total as the features' shares, so that a feature's share is its columns' sum.
    double total = 0.0;
    for (double c : e[0].columnError)
        total += c;
    for (double c : e[0].columnError)
        out.columnShare.push_back(total > 0.0 ? c / total : 0.0);

    // The key the ranker that placed the row uses (the head's logit, or the prior).
    const double score = ranking.score[static_cast<size_t>(row)];
    const auto [priorKey, logitKey] = d->keys(e[0], score);
    out.keyIsHeadLogit = e[0].headTrained && !ranking.rankerOfRow.empty()
        && ranking.rankerOfRow[static_cast<size_t>(row)] == Ranker::Head;
    out.key = out.keyIsHeadLogit ? logitKey : priorKey;
    const models::ScoreStandardisation& st = d->standardisation;
    const std::string scoreName = st.calibratesByGroup ? "reconstruction error, calibrated by group"
                                                       : "reconstruction error";
    if (!st.hasForest && !out.keyIsHeadLogit) {
        out.scoreTerms = {{scoreName, score}};
    } else {
        const std::vector<double> w = out.keyIsHeadLogit
            ? e[0].scoreWeights
            : std::vector<double>(st.priorWeights.begin(), st.priorWeights.end());
        const double s[2] = {st.standardisedScore(score), st.standardisedForest(e[0].forestScore)};
        const char* names[2] = {scoreName.c_str(), "Isolation Forest"};
        for (size_t j = 0; j < w.size() && j < 2; ++j)
            if (w[j] != 0.0) // the prior's weight 0 on the error (§8): not a part of the key
                out.scoreTerms.emplace_back(names[j], w[j] * s[j]);
    }
    if (out.keyIsHeadLogit) {
        out.latentTerm = e[0].latentTerm;
        out.rowTerm = e[0].rowTerm;
        out.bias = e[0].bias;
    }

    for (size_t i = 0; i < swapGroups.size(); ++i) {
        const models::RowEvaluation& s = e[i + 1];
        const int g = swapGroups[i];
        const double raw = d->groupColumns.empty() ? d->rawErrors[static_cast<size_t>(row)]
                                                   : s.reconstructionError;
        const double swappedScore = st.calibratesByGroup
            ? calibratedScoreInGroup(d->rawErrors, data.groups, row, raw, g)
            : static_cast<double>(static_cast<float>(raw));
        const auto [p, l] = d->keys(s, swappedScore);
        GroupSwapRank r;
        r.group = g;
        r.groupName = data.groupNames[static_cast<size_t>(g)];
        r.key = out.keyIsHeadLogit ? l : p;
        r.rank = d->rankOf(row, static_cast<float>(p), static_cast<float>(l), ranking, labelOfRow);
        out.swaps.push_back(std::move(r));
    }
    return out;
}

} // namespace fr
