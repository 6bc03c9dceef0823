// Tests for "why this row": per-feature shares of the reconstruction error (hand computation,
// one-hot levels summed), the key's split against the session's own ranking, and the group-swap
// rank on a hand-made ranking.
#include "active/review_session.h"
#include "active/row_explanation.h"
#include "metrics/ranking.h"
#include "models/detector.h"
#include "models/group_calibration.h"
#include "synthetic_dataset.h"

#include <QtTest>
#include <cmath>
#include <numeric>

using namespace fr;

namespace {

SessionOptions quickOptions(ModelKind kind)
{
    SessionOptions o;
    o.model.kind = kind;
    o.model.device = DeviceChoice::Cpu;
    o.model.seed = 5;
    o.model.pretrainSteps = 150;
    o.model.roundSteps = 0;
    o.model.intraOpThreads = 2;
    o.projectLatent = false;
    return o;
}

// The synthetic set plus a two-level categorical column "colour" (one-hot, two matrix columns).
std::shared_ptr<Dataset> dataWithCategory()
{
    auto data = test::syntheticDataset(600, 30);
    const int64_t rows = data->matrix.rows, cols = data->matrix.cols;
    std::vector<float> values;
    for (int64_t r = 0; r < rows; ++r) {
        values.insert(values.end(), data->matrix.row(r), data->matrix.row(r) + cols);
        const bool red = r % 4 == 0;
        values.push_back(red ? 1.0f : 0.0f);
        values.push_back(red ? 0.0f : 1.0f);
    }
    data->matrix.values = std::move(values);
    data->matrix.cols = cols + 2;
    data->features.push_back({"colour=red", "colour", 0.25, 1.0, 0.0, 0.43});
    data->features.push_back({"colour=blue", "colour", 0.75, 1.0, 0.0, 0.43});
    return data;
}

std::unique_ptr<ReviewSession> pretrained(std::shared_ptr<Dataset> data, ModelKind kind)
{
    auto s = ReviewSession::create(data, quickOptions(kind));
    if (!s.ok()) {
        qWarning("%s", s.error().c_str());
        return nullptr;
    }
    std::unique_ptr<ReviewSession> session = s.take();
    CancelToken cancel;
    const Status trained = session->pretrain(cancel);
    if (!trained.ok()) {
        qWarning("%s", trained.error().c_str());
        return nullptr;
    }
    return session;
}

std::unique_ptr<RowExplainer> explainerOf(
    const ReviewSession& session, std::shared_ptr<Dataset> data, const std::string& groupInput)
{
    auto checkpoint = session.saveCheckpoint();
    if (!checkpoint.ok())
        return nullptr;
    auto e = RowExplainer::create(data, session.options().model, checkpoint.value(),
        session.ranking()->modelVersion, groupInput);
    if (!e.ok())
        qWarning("%s", e.error().c_str());
    return e.ok() ? e.take() : nullptr;
}

// A ranking snapshot over given keys, as ranking_builder.cpp makes one for the label-free key.
RankingSnapshot rankingOver(const std::vector<float>& keys, int64_t version)
{
    RankingSnapshot r;
    r.modelVersion = version;
    r.score = r.prior = keys;
    r.probability.assign(keys.size(), std::nanf(""));
    r.order = rankOrder(keys);
    r.rankOfRow = rankOfRow(r.order);
    r.rankerOfRow.assign(keys.size(), Ranker::Prior);
    return r;
}

} // namespace

class TestRowExplanation : public QObject {
    Q_OBJECT
private slots:
    void sharesSumOneHotLevelsAndIndicatorsIntoTheirColumn()
    {
        const std::vector<FeatureInfo> features = {{"age", "age"}, {"sex=F", "sex"},
            {"sex=M", "sex"}, {"income", "income"}, {"income (missing)", "income"}};
        const auto shares = errorBySourceColumn(features, {1.0, 2.0, 3.0, 4.0, 0.0});
        QCOMPARE(shares.size(), size_t(3));
        QCOMPARE(shares[0].feature, std::string("age"));
        QCOMPARE(shares[1].feature, std::string("sex"));
        QCOMPARE(shares[1].error, 5.0);
        QCOMPARE(shares[0].share, 0.1);
        QCOMPARE(shares[1].share, 0.5);
        QCOMPARE(shares[2].share, 0.4);
        QCOMPARE(errorBySourceColumn(features, {0, 0, 0, 0, 0})[0].share, 0.0);
    }

    void rankWithKeyPlacesTheRowAmongTheOthers()
    {
        const std::vector<float> keys {0.5f, 0.9f, 0.1f, 0.9f};
        QCOMPARE(rankWithKey(keys, 2, 0.9f), int64_t(2)); // behind row 1's tie, before row 3's
        QCOMPARE(rankWithKey(keys, 2, 1.0f), int64_t(1));
        QCOMPARE(rankWithKey(keys, 2, 0.0f), int64_t(4));
        QCOMPARE(rankWithKey(keys, 0, 0.5f), int64_t(3)); // its own key: its own rank
    }

    void calibratedScoreMatchesTheCalibrationByHand()
    {
        const std::vector<float> raw {1, 2, 3, 4, 5, 6};
        const std::vector<int> groups {0, 0, 0, 1, 1, 1};
        const std::vector<float> calibrated = models::calibrateScoresByGroup(raw, groups);
        for (int64_t r = 0; r < 6; ++r)
            QCOMPARE(
                float(calibratedScoreInGroup(raw, groups, r, raw[r], groups[r])), calibrated[r]);
        // Row 0 (error 1) in group 1 {4, 5, 6}: within (0 + 0.5) / 4, overall (0 + 0.5) / 6.
        QCOMPARE(calibratedScoreInGroup(raw, groups, 0, 1.0, 1),
            double(float(0.55 * 0.125 + 0.45 * 0.5 / 6.0)));
        // Row 5 (error 6) in group 0 {1, 2, 3}: within 3.5 / 4, overall 5.5 / 6.
        QCOMPARE(calibratedScoreInGroup(raw, groups, 5, 6.0, 0),
            double(float(0.55 * 0.875 + 0.45 * 5.5 / 6.0)));
    }

    void featureSharesAndPriorSplitFollowTheModel()
    {
        auto data = dataWithCategory();
        auto session = pretrained(data, ModelKind::Active);
        QVERIFY(session);
        auto explainer = explainerOf(*session, data, "");
        QVERIFY(explainer);
        auto ranking = session->ranking();
        const int64_t row = ranking->order[0];
        auto e = explainer->explain(row, *ranking, {});
        QVERIFY2(e.ok(), e.error().c_str());
        const RowExplanation& x = e.value();
        QVERIFY(x.hasReconstruction);
        QCOMPARE(x.rank, int64_t(1));
        // The per-column errors add up to the score the ranking holds for the row.
        QVERIFY(std::abs(x.reconstructionError - ranking->score[row])
            <= 1e-4 * std::max(1.0, double(ranking->score[row])));
        QCOMPARE(x.features.size(), size_t(5)); // f0..f3 and colour
        double sum = 0.0;
        for (const FeatureErrorShare& f : x.features)
            sum += f.share;
        QVERIFY(std::abs(sum - 1.0) < 1e-9);
        for (size_t i = 1; i < x.features.size(); ++i)
            QVERIFY(x.features[i - 1].share >= x.features[i].share);
        const auto colour = std::find_if(x.features.begin(), x.features.end(),
            [](const FeatureErrorShare& f) { return f.feature == "colour"; });
        QVERIFY(colour != x.features.end());
        QVERIFY(std::abs(colour->share - (x.columnShare[4] + x.columnShare[5])) < 1e-9);
        // No labels yet: the key is the label-free prior, its parts the weighted s~.
        QVERIFY(!x.keyIsHeadLogit);
        // The product's prior weighs the forest alone (w0 = (0, 1), ALGORITHMS.md §8).
        QCOMPARE(x.scoreTerms.size(), size_t(1));
        QCOMPARE(x.scoreTerms[0].first, std::string("Isolation Forest"));
        QVERIFY(std::abs(x.scoreTerms[0].second - ranking->prior[row]) < 1e-4);
        QVERIFY(std::abs(x.key - ranking->prior[row]) < 1e-4);
        QCOMPARE(x.swapBasis, GroupSwapBasis::NoEffect); // the group is not an input
        QVERIFY(x.swaps.empty());
    }

    void headSplitAddsUpToTheHeadsLogit()
    {
        auto data = dataWithCategory();
        auto session = pretrained(data, ModelKind::Active);
        QVERIFY(session);
        std::vector<LabelInput> labels;
        for (int64_t i = 0; i < 40; ++i) {
            const int64_t row = session->ranking()->order[i];
            labels.push_back({row, data->truth[row] ? LabelValue::Anomaly : LabelValue::Normal});
        }
        QVERIFY(session->submitLabels(labels).ok());
        CancelToken cancel;
        QVERIFY(session->retrain(cancel).ok());
        auto ranking = session->ranking();
        auto explainer = explainerOf(*session, data, "");
        QVERIFY(explainer);
        int64_t headRow = -1;
        for (int64_t r : ranking->order)
            if (ranking->rankerOfRow[r] == Ranker::Head) {
                headRow = r;
                break;
            }
        QVERIFY2(headRow >= 0, "no row placed by the head");
        auto e = explainer->explain(headRow, *ranking, {});
        QVERIFY2(e.ok(), e.error().c_str());
        const RowExplanation& x = e.value();
        QVERIFY(x.keyIsHeadLogit);
        double logit = x.latentTerm + x.rowTerm + x.bias;
        for (const auto& term : x.scoreTerms)
            logit += term.second;
        QVERIFY(std::abs(logit - x.key) < 1e-6);
        const double p = 1.0 / (1.0 + std::exp(-logit));
        QVERIFY2(std::abs(p - ranking->probability[headRow]) < 1e-4,
            qPrintable(QString("%1 vs %2").arg(p).arg(ranking->probability[headRow])));
        // A stale ranking is refused rather than explained with the wrong model.
        RankingSnapshot older = *ranking;
        older.modelVersion = 1;
        QVERIFY(!explainer->explain(headRow, older, {}).ok());
    }

    // The published UaiNet's rounds train the DAE on noise from torch's global generator, which
    // building the explainer's copy seeds: the copy must leave it as it found it.
    void explainingDoesNotChangeTheNextRetrain()
    {
        std::vector<float> scores[2];
        for (int withExplainer = 0; withExplainer < 2; ++withExplainer) {
            auto data = test::syntheticDataset(600, 30);
            SessionOptions options = quickOptions(ModelKind::UaiNet);
            options.model.roundSteps = 20;
            auto created = ReviewSession::create(data, options);
            QVERIFY(created.ok());
            auto session = created.take();
            CancelToken cancel;
            QVERIFY(session->pretrain(cancel).ok());
            std::vector<LabelInput> labels;
            for (int64_t i = 0; i < 10; ++i) {
                const int64_t row = session->ranking()->order[i];
                labels.push_back(
                    {row, data->truth[row] ? LabelValue::Anomaly : LabelValue::Normal});
            }
            QVERIFY(session->submitLabels(labels).ok());
            if (withExplainer) {
                auto explainer = explainerOf(*session, data, "");
                QVERIFY(explainer);
                QVERIFY(explainer->explain(0, *session->ranking(), {}).ok());
            }
            QVERIFY(session->retrain(cancel).ok());
            scores[withExplainer] = session->ranking()->score;
        }
        QCOMPARE(scores[1], scores[0]);
    }

    // The hand-made model: the plain autoencoder's errors, calibrated by hand as the fair
    // detector does; the swap's rank is counted by hand against that calibrated ranking.
    void groupSwapRankThroughTheCalibration()
    {
        auto data = test::syntheticDataset(600, 30);
        // The fair detector's network is the plain autoencoder's (§2.3): trained as `ae`, its
        // checkpoint is a fair detector whose raw errors are the ones scored here.
        auto plain = models::Detector::create(data, quickOptions(ModelKind::Ae).model);
        QVERIFY2(plain.ok(), plain.error().c_str());
        CancelToken cancel;
        QVERIFY(plain.value()->pretrain(cancel).ok());
        auto scored = plain.value()->scoreAll(false);
        QVERIFY(scored.ok());
        const std::vector<float> raw = scored.value().score;
        auto checkpoint = plain.value()->saveCheckpoint();
        QVERIFY(checkpoint.ok());
        auto created = RowExplainer::create(
            data, quickOptions(ModelKind::Fair).model, checkpoint.value(), 1, "");
        QVERIFY2(created.ok(), created.error().c_str());
        const std::vector<float> fair = models::calibrateScoresByGroup(raw, data->groups);
        const RankingSnapshot ranking = rankingOver(fair, 1);
        // The minority row with the highest error, and the majority row with the lowest.
        for (int wanted : {1, 0}) {
            int64_t row = -1;
            for (int64_t r = 0; r < data->rowCount(); ++r)
                if (data->groups[r] == wanted
                    && (row < 0 || (wanted == 1 ? raw[r] > raw[row] : raw[r] < raw[row])))
                    row = r;
            auto e = created.value()->explain(row, ranking, {});
            QVERIFY2(e.ok(), e.error().c_str());
            QCOMPARE(e.value().swapBasis, GroupSwapBasis::Calibration);
            QCOMPARE(e.value().swaps.size(), size_t(1));
            const GroupSwapRank& swap = e.value().swaps[0];
            QCOMPARE(swap.group, 1 - wanted);
            std::vector<int> moved = data->groups;
            moved[row] = 1 - wanted;
            const float expected = models::calibrateScoresByGroup(raw, moved)[row];
            QVERIFY(std::abs(swap.key - expected) < 1e-6);
            int64_t ahead = 0;
            for (int64_t r = 0; r < data->rowCount(); ++r)
                if (r != row && (fair[r] > expected || (fair[r] == expected && r < row)))
                    ++ahead;
            QCOMPARE(swap.rank, ahead + 1);
            QCOMPARE(e.value().rank, ranking.rankOfRow[row]);
        }
    }

    void groupSwapThroughTheGroupColumnWhenItIsAnInput()
    {
        auto data = test::syntheticDataset(600, 30);
        data->groupNames = {"0", "1"};
        const int64_t rows = data->matrix.rows, cols = data->matrix.cols;
        std::vector<float> values;
        for (int64_t r = 0; r < rows; ++r) {
            values.insert(values.end(), data->matrix.row(r), data->matrix.row(r) + cols);
            values.push_back(static_cast<float>(data->groups[r]));
        }
        data->matrix.values = std::move(values);
        data->matrix.cols = cols + 1;
        data->features.push_back({"grp", "grp", 0.33, 1.0, 0.0, 0.47});
        auto session = pretrained(data, ModelKind::UaiNet); // the DAE, ranked by its error
        QVERIFY(session);
        auto explainer = explainerOf(*session, data, "grp");
        QVERIFY(explainer);
        auto ranking = session->ranking();
        const int64_t row = ranking->order[3];
        auto e = explainer->explain(row, *ranking, {});
        QVERIFY2(e.ok(), e.error().c_str());
        QCOMPARE(e.value().swapBasis, GroupSwapBasis::GroupInput);
        QCOMPARE(e.value().swaps.size(), size_t(1));
        const GroupSwapRank& swap = e.value().swaps[0];
        QCOMPARE(swap.group, 1 - data->groups[row]);
        // The DAE ranks by its error: the swapped row's error placed among the others' scores.
        QCOMPARE(swap.rank, rankWithKey(ranking->score, row, float(swap.key)));
        QVERIFY(swap.key != e.value().key); // the input changed, so did the error
    }
};

QTEST_GUILESS_MAIN(TestRowExplanation)
#include "tst_row_explanation.moc"
