// Hand-built data sets and snapshots for the view tests: no model, no file, deterministic.
#pragma once

#include "active/session_snapshots.h"
#include "data/dataset.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <string>

namespace fr::test {

// `rows` rows, two numeric features and a one-hot column, groups "White"/"Black" (every third row
// Black, protected), truth: every tenth row an anomaly.
inline std::shared_ptr<Dataset> makeDataset(int64_t rows, bool withIds = true)
{
    auto data = std::make_shared<Dataset>();
    data->source = "synthetic";
    data->features = {{"age", "age", 30.0, 10.0, 30.0}, {"checks", "checks", 1.5, 1.0, 1.5},
        {"sex=Male", "sex", 0.8, 1.0, 0.0}, {"sex=Female", "sex", 0.2, 1.0, 0.0}};
    data->matrix.rows = rows;
    data->matrix.cols = 4;
    data->matrix.values.resize(static_cast<size_t>(rows * 4));
    data->groups.resize(static_cast<size_t>(rows));
    data->truth.resize(static_cast<size_t>(rows));
    if (withIds)
        data->ids.resize(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
        float* v = data->matrix.values.data() + r * 4;
        v[0] = std::sin(0.1f * r);
        v[1] = std::cos(0.07f * r);
        v[2] = (r % 5) ? 1.0f : 0.0f;
        v[3] = 1.0f - v[2];
        data->groups[static_cast<size_t>(r)] = r % 3 == 0 ? 1 : 0;
        data->truth[static_cast<size_t>(r)] = r % 10 == 0 ? 1 : 0;
        if (withIds)
            data->ids[static_cast<size_t>(r)] = "r" + std::to_string(r + 1);
    }
    data->groupNames = {"White", "Black"};
    data->protectedGroup = 1;
    return data;
}

// Scores that fall with the row index, except that every tenth row scores high: order is defined.
inline std::shared_ptr<RankingSnapshot> makeRanking(
    int64_t rows, int64_t version = 1, bool head = false)
{
    auto ranking = std::make_shared<RankingSnapshot>();
    ranking->modelVersion = version;
    ranking->reason = head ? RankReason::HeadProbability : RankReason::BaseScore;
    ranking->score.resize(static_cast<size_t>(rows));
    ranking->probability.assign(static_cast<size_t>(rows), head ? 0.0f : NAN);
    ranking->latentX.resize(static_cast<size_t>(rows));
    ranking->latentY.resize(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
        const auto i = static_cast<size_t>(r);
        ranking->score[i] = (r % 10 == 0 ? 10.0f : 1.0f) + 1.0f / float(r + 1 + version);
        if (head)
            ranking->probability[i] = 1.0f / (1.0f + std::exp(-(ranking->score[i] - 5.0f)));
        ranking->latentX[i] = std::cos(0.01f * r) * (1.0f + 0.001f * (r % 97));
        ranking->latentY[i] = std::sin(0.01f * r) * (1.0f + 0.002f * (r % 89));
    }
    ranking->order.resize(static_cast<size_t>(rows));
    std::iota(ranking->order.begin(), ranking->order.end(), int64_t(0));
    const std::vector<float>& key = head ? ranking->probability : ranking->score;
    std::stable_sort(ranking->order.begin(), ranking->order.end(),
        [&](int64_t a, int64_t b) { return key[size_t(a)] > key[size_t(b)]; });
    ranking->rankOfRow.resize(static_cast<size_t>(rows));
    for (size_t i = 0; i < ranking->order.size(); ++i)
        ranking->rankOfRow[static_cast<size_t>(ranking->order[i])] = static_cast<int64_t>(i) + 1;
    return ranking;
}

} // namespace fr::test
