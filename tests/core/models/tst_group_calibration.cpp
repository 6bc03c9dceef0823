// Tests for the fair detector's group calibration (group_calibration.h): mid-rank percentiles
// with ties, a ranking whose groups are scored alike left in its order, a group scored higher
// across the board pulled back towards its share, rows without a group, and no groups at all.
#include "models/group_calibration.h"

#include <QtTest>
#include <algorithm>
#include <numeric>

using fr::models::calibrateScoresByGroup;
using fr::models::kWithinGroupShare;
using fr::models::midRankPercentiles;

namespace {

std::vector<size_t> rankingOf(const std::vector<float>& score)
{
    std::vector<size_t> order(score.size());
    std::iota(order.begin(), order.end(), size_t {0});
    std::stable_sort(
        order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
    return order;
}

int countInTop(const std::vector<float>& score, const std::vector<int>& group, int g, size_t k)
{
    const std::vector<size_t> order = rankingOf(score);
    int count = 0;
    for (size_t i = 0; i < k; ++i)
        count += group[order[i]] == g;
    return count;
}

} // namespace

class TestGroupCalibration : public QObject {
    Q_OBJECT

private slots:
    void percentilesShareTies()
    {
        const std::vector<double> p = midRankPercentiles({3.0f, 1.0f, 3.0f, 2.0f});
        // Sorted: 1 (rank 0), 2 (rank 1), 3 and 3 (ranks 2 and 3, mean 2.5); (rank + 0.5) / 4.
        QCOMPARE(p[1], 0.125);
        QCOMPARE(p[3], 0.375);
        QCOMPARE(p[0], 0.75);
        QCOMPARE(p[2], 0.75);
    }

    void groupsScoredAlikeKeepTheirOrder()
    {
        // Two groups with the same scores interleaved: within-group and overall percentiles agree
        // in order, so the calibrated ranking is the original one.
        std::vector<float> score;
        std::vector<int> group;
        for (int i = 0; i < 50; ++i) {
            score.push_back(float(i));
            group.push_back(i % 2);
        }
        QCOMPARE(rankingOf(calibrateScoresByGroup(score, group)), rankingOf(score));
    }

    void aGroupScoredHigherIsPulledBack()
    {
        // Group 1 (100 rows) scores 1000 above group 0 (900 rows): the raw top 100 is all group 1;
        // calibrated, group 1 keeps about its share of the top plus (1 - kWithinGroupShare) of the
        // raw excess, in either direction.
        std::vector<float> score;
        std::vector<int> group;
        for (int i = 0; i < 900; ++i) {
            score.push_back(float(i));
            group.push_back(0);
        }
        for (int i = 0; i < 100; ++i) {
            score.push_back(1000.0f + float(i));
            group.push_back(1);
        }
        QCOMPARE(countInTop(score, group, 1, 100), 100);
        const std::vector<float> calibrated = calibrateScoresByGroup(score, group);
        const int inTop = countInTop(calibrated, group, 1, 100);
        QVERIFY2(inTop >= 10 && inTop <= 60, qPrintable(QString::number(inTop)));
        // The same data with the groups' roles reversed: the low group's best row, last but 100
        // of the raw ranking, moves up to where its percentile within the group puts it.
        std::vector<float> reversed(score);
        for (size_t r = 900; r < reversed.size(); ++r)
            reversed[r] = -reversed[r];
        const std::vector<size_t> raw = rankingOf(reversed);
        const std::vector<size_t> pulled = rankingOf(calibrateScoresByGroup(reversed, group));
        auto firstOfGroup1 = [&](const std::vector<size_t>& order) {
            return std::find_if(order.begin(), order.end(), [&](size_t r) { return group[r] == 1; })
                - order.begin();
        };
        QCOMPARE(firstOfGroup1(raw), 900);
        QVERIFY2(firstOfGroup1(pulled) < 450, qPrintable(QString::number(firstOfGroup1(pulled))));
        // Within a group the order never changes.
        for (size_t r = 1; r < 900; ++r)
            QVERIFY(calibrated[r] > calibrated[r - 1]);
    }

    void rowsWithoutAGroupUseTheOverallPercentile()
    {
        const std::vector<float> score {1.0f, 2.0f, 3.0f, 4.0f};
        const std::vector<double> overall = midRankPercentiles(score);
        const std::vector<float> none = calibrateScoresByGroup(score, {});
        const std::vector<float> ungrouped = calibrateScoresByGroup(score, {-1, -1, -1, -1});
        for (size_t r = 0; r < score.size(); ++r) {
            QCOMPARE(none[r], float(overall[r]));
            QCOMPARE(ungrouped[r], float(overall[r]));
        }
        const std::vector<float> mixed = calibrateScoresByGroup(score, {0, -1, 0, -1});
        QCOMPARE(mixed[1], float(overall[1]));
        // Row 2 is the top of group 0 (percentile 0.75) and 0.625 overall.
        QCOMPARE(mixed[2], float(kWithinGroupShare * 0.75 + (1.0 - kWithinGroupShare) * 0.625));
    }
};

QTEST_APPLESS_MAIN(TestGroupCalibration)
#include "tst_group_calibration.moc"
