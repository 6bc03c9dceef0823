// Tests for the group-aware query strategy: the per-group anomaly estimates and their intervals on
// hand-computed examples, the head's per-group calibration, and which rows a fair batch takes
// (diverted slots, ties, exhausted groups, kNoGroup rows, the plain top-k wherever there is nothing
// to level).
#include "active/fair_allocation.h"

#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

using Rows = std::vector<int64_t>;

namespace {
const double kZ95 = 1.959963984540054;
const float kNoHead = std::numeric_limits<float>::quiet_NaN();
const int8_t kUnlabelled = -1;

// Rows in ranking order (order = 0, 1, 2, ... unless a test permutes it).
struct Scenario {
    std::vector<int> groups;
    std::vector<int8_t> labels;
    std::vector<float> probability;

    Scenario& add(int group, int8_t label, float p, int count = 1)
    {
        groups.insert(groups.end(), count, group);
        labels.insert(labels.end(), count, label);
        probability.insert(probability.end(), count, p);
        return *this;
    }
    Scenario& found(int group, int count) { return add(group, 1, 0.9f, count); }
    Scenario& normals(int group, int count) { return add(group, 0, 0.1f, count); }
    Scenario& unlabelled(int group, float p, int count = 1)
    {
        return add(group, kUnlabelled, p, count);
    }
    Rows rowsOf(int group) const
    {
        Rows rows;
        for (size_t i = 0; i < groups.size(); ++i) {
            if (groups[i] == group && labels[i] == kUnlabelled)
                rows.push_back(int64_t(i));
        }
        return rows;
    }
    Rows identityOrder() const
    {
        Rows order(groups.size());
        std::iota(order.begin(), order.end(), 0);
        return order;
    }
};

Rows plainTopK(const Rows& order, const std::vector<int8_t>& labels, int k)
{
    Rows top;
    for (int64_t row : order) {
        if (int(top.size()) < k && labels[row] == kUnlabelled)
            top.push_back(row);
    }
    return top;
}

Rows firstOf(const Rows& rows, size_t count)
{
    return Rows(rows.begin(), rows.begin() + std::min(count, rows.size()));
}

Rows merged(Rows a, const Rows& b)
{
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    return a;
}

struct ExpectedEstimate {
    int64_t rows = 0, labelled = 0, found = 0;
    double fallback = 0, expected = 0, variance = 0, low = 0, high = 0;
    double share = 0, shareLow = 0, shareHigh = 0;
};

#define COMPARE_DOUBLE(actual, expected)                                                           \
    do {                                                                                           \
        const double a_ = (actual), e_ = (expected);                                               \
        if (std::isnan(e_))                                                                        \
            QVERIFY2(std::isnan(a_), qPrintable(QString("expected NaN, got %1").arg(a_)));         \
        else                                                                                       \
            QVERIFY2(std::abs(a_ - e_) <= 1e-9,                                                    \
                qPrintable(QString("%1: expected %2, got %3")                                      \
                               .arg(#actual)                                                       \
                               .arg(e_, 0, 'g', 17)                                                \
                               .arg(a_, 0, 'g', 17)));                                             \
    } while (false)
} // namespace

class TestFairAllocation : public QObject {
    Q_OBJECT
private slots:
    void estimates_data()
    {
        QTest::addColumn<Scenario>("scenario");
        QTest::addColumn<int>("group");
        QTest::addColumn<ExpectedEstimate>("expected");
        const double nan = std::nan("");
        const double hw1 = kZ95; // half-width of the interval at variance 1
        // 4 unlabelled rows at p = 0.5: expected 2, variance 4 * 0.25 = 1; nothing found, share 0.
        QTest::newRow("p = 0.5 on 4 unlabelled rows") << Scenario().unlabelled(
            0, 0.5f, 4) << 0 << ExpectedEstimate {4, 0, 0, 0.5, 2, 1, 2 - hw1, 2 + hw1, 0, 0, 0};
        // Plus 2 found: estimate 4 in [4 - 1.96, 4 + 1.96], share 2 / 4.
        QTest::newRow("2 found, 4 unlabelled at 0.5")
            << Scenario().found(0, 2).unlabelled(0, 0.5f, 4) << 0
            << ExpectedEstimate {
                   6, 2, 2, 0.75, 2, 1, 4 - hw1, 4 + hw1, 0.5, 2 / (4 + hw1), 2 / (4 - hw1)};
        // 1 found, one row at 0.5: 1.5 +- 0.98 is clamped to [found, found + unlabelled] = [1, 2].
        QTest::newRow("interval clamped to found .. found + unlabelled")
            << Scenario().found(0, 1).unlabelled(0, 0.5f) << 0
            << ExpectedEstimate {2, 1, 1, 2.0 / 3, 0.5, 0.25, 1, 2, 1 / 1.5, 0.5, 1};
        QTest::newRow("p = 0 and p = 1: no variance")
            << Scenario().found(0, 1).unlabelled(0, 1.0f, 2).unlabelled(0, 0.0f, 5) << 0
            << ExpectedEstimate {8, 1, 1, 2.0 / 3, 2, 0, 3, 3, 1.0 / 3, 1.0 / 3, 1.0 / 3};
        QTest::newRow("only labelled normals: estimate 0, shares NaN") << Scenario().normals(
            0, 3) << 0 << ExpectedEstimate {3, 3, 0, 0.2, 0, 0, 0, 0, nan, nan, nan};
        QTest::newRow("every row found: share 1") << Scenario().found(0, 3).normals(
            0, 1) << 0 << ExpectedEstimate {4, 4, 3, 4.0 / 6, 0, 0, 3, 3, 1, 1, 1};
        QTest::newRow("other groups' rows do not count")
            << Scenario().unlabelled(1, 0.9f, 3).unlabelled(0, 0.5f, 4).found(fr::kNoGroup, 2) << 0
            << ExpectedEstimate {4, 0, 0, 0.75, 2, 1, 2 - hw1, 2 + hw1, 0, 0, 0};
        // No head: each unlabelled row counts at the group's Beta(1,1) rate (1 + 1) / (2 + 2).
        QTest::newRow("NaN probabilities: the group's labelled rate")
            << Scenario().found(0, 1).normals(0, 1).unlabelled(0, kNoHead, 4) << 0
            << ExpectedEstimate {
                   6, 2, 1, 0.5, 2, 1, 3 - hw1, 3 + hw1, 1.0 / 3, 1 / (3 + hw1), 1 / (3 - hw1)};
        // Group 1 has no labels: the rate over every labelled row, (3 + 1) / (6 + 2) = 0.5.
        QTest::newRow("group without labels: the overall labelled rate")
            << Scenario().found(0, 2).normals(0, 3).found(fr::kNoGroup, 1).unlabelled(1, kNoHead, 4)
            << 1 << ExpectedEstimate {4, 0, 0, 0.5, 2, 1, 2 - hw1, 2 + hw1, 0, 0, 0};
        QTest::newRow("no labels anywhere: rate 1/2") << Scenario().unlabelled(
            0, kNoHead, 4) << 0 << ExpectedEstimate {4, 0, 0, 0.5, 2, 1, 2 - hw1, 2 + hw1, 0, 0, 0};
        // One NaN among real probabilities: only that row falls back, to (0 + 1) / (3 + 2).
        QTest::newRow("a NaN among probabilities: that row falls back")
            << Scenario().normals(0, 3).unlabelled(0, 0.5f, 3).unlabelled(0, kNoHead) << 0
            << ExpectedEstimate {7, 3, 0, 0.2, 1.7, 0.91, 0, 1.7 + kZ95 * std::sqrt(0.91), 0, 0, 0};
    }
    void estimates()
    {
        QFETCH(Scenario, scenario);
        QFETCH(int, group);
        QFETCH(ExpectedEstimate, expected);
        const auto estimates
            = fr::estimateGroupAnomalies(scenario.groups, 2, scenario.labels, scenario.probability);
        QCOMPARE(int(estimates.size()), 2);
        const fr::GroupAnomalyEstimate& e = estimates[group];
        QCOMPARE(e.group, group);
        QCOMPARE(qint64(e.rows), qint64(expected.rows));
        QCOMPARE(qint64(e.labelled), qint64(expected.labelled));
        QCOMPARE(qint64(e.found), qint64(expected.found));
        COMPARE_DOUBLE(e.fallbackProbability, expected.fallback);
        COMPARE_DOUBLE(e.expectedUnlabelled, expected.expected);
        COMPARE_DOUBLE(e.variance, expected.variance);
        COMPARE_DOUBLE(e.estimatedAnomalies, expected.found + expected.expected);
        COMPARE_DOUBLE(e.low, expected.low);
        COMPARE_DOUBLE(e.high, expected.high);
        COMPARE_DOUBLE(e.foundShare, expected.share);
        COMPARE_DOUBLE(e.foundShareLow, expected.shareLow);
        COMPARE_DOUBLE(e.foundShareHigh, expected.shareHigh);
    }
    // The head under-predicts group 1's labelled rows (p 0.25, half of them anomalies): its logits
    // shift by logit(0.5) - logit(0.25) = ln 3, and its unlabelled rows' p 0.1 becomes 0.25. Group
    // 0 is calibrated and keeps its p; a group with fewer than 10 labels is not shifted.
    void headCalibratedPerGroup()
    {
        Scenario s;
        s.add(0, 1, 0.5f, 10).add(0, 0, 0.5f, 10).add(1, 1, 0.25f, 10).add(1, 0, 0.25f, 10);
        s.unlabelled(0, 0.1f, 100).unlabelled(1, 0.1f, 100);
        s.add(2, 1, 0.25f, 4).add(2, 0, 0.25f, 4).unlabelled(2, 0.1f, 100);
        const auto e = fr::estimateGroupAnomalies(s.groups, 3, s.labels, s.probability);
        QVERIFY(std::abs(e[0].logitShift) < 1e-6);
        QVERIFY(std::abs(e[0].expectedUnlabelled - 10.0) < 1e-3);
        QVERIFY(std::abs(e[1].logitShift - std::log(3.0)) < 1e-6);
        QVERIFY(std::abs(e[1].expectedUnlabelled - 25.0) < 1e-3);
        QCOMPARE(e[2].logitShift, 0.0);
        QVERIFY(std::abs(e[2].expectedUnlabelled - 10.0) < 1e-3);
    }

    // The shift is fitted on the labelled rows at or below the group's median probability, the
    // ones nearest the unlabelled rows: here ten anomalies at 0.9 sit above ten rows at 0.25 of
    // which five are anomalies, so the shift makes 0.25 into 0.5 (log 3), as the lower half alone
    // says; the top ten (all hits at 0.9) do not pull it.
    void shiftFittedOnTheLowerHalf()
    {
        Scenario s;
        s.add(0, 1, 0.9f, 10).add(0, 1, 0.25f, 5).add(0, 0, 0.25f, 5).unlabelled(0, 0.25f, 40);
        const auto e = fr::estimateGroupAnomalies(s.groups, 1, s.labels, s.probability);
        QVERIFY(std::abs(e[0].logitShift - std::log(3.0)) < 1e-6);
        QVERIFY(std::abs(e[0].expectedUnlabelled - 20.0) < 1e-3);
    }

    void emptyProbabilityMeansNoHead()
    {
        Scenario s;
        s.found(0, 1).normals(0, 1).unlabelled(0, 0.9f, 4);
        const auto withNaN = fr::estimateGroupAnomalies(
            s.groups, 1, s.labels, std::vector<float>(s.labels.size(), kNoHead));
        const auto withEmpty = fr::estimateGroupAnomalies(s.groups, 1, s.labels, {});
        COMPARE_DOUBLE(withEmpty[0].expectedUnlabelled, 2.0);
        COMPARE_DOUBLE(withEmpty[0].expectedUnlabelled, withNaN[0].expectedUnlabelled);
        COMPARE_DOUBLE(withEmpty[0].variance, withNaN[0].variance);
    }
    void noGroups()
    {
        Scenario s;
        s.found(0, 2).unlabelled(0, 0.5f, 3);
        QVERIFY(fr::estimateGroupAnomalies(s.groups, 0, s.labels, s.probability).empty());
        const auto withoutGroupColumn = fr::estimateGroupAnomalies({}, 2, s.labels, s.probability);
        QCOMPARE(int(withoutGroupColumn.size()), 2);
        QCOMPARE(qint64(withoutGroupColumn[0].rows), qint64(0));
        QVERIFY(std::isnan(withoutGroupColumn[0].foundShare));
    }

    void fairBatch_data()
    {
        QTest::addColumn<Scenario>("scenario");
        QTest::addColumn<int>("groupCount");
        QTest::addColumn<int>("k");
        QTest::addColumn<Rows>("expected");
        {
            // Shares 10 / 15 and 2 / 7: every slot of 4 goes to group 1 (its share reaches 4 / 7).
            Scenario s;
            s.found(0, 10).found(1, 2).unlabelled(0, 0.5f, 10).unlabelled(1, 0.5f, 10);
            QTest::newRow("group 1 lags clearly: it takes the batch")
                << s << 2 << 4 << firstOf(s.rowsOf(1), 4);
        }
        {
            // Shares 0.5 and 0.4, each group-1 row adds 0.05: two slots catch it up; after that
            // the groups take turns, because a gap of 0.05 is beyond the 0.03 tolerance.
            Scenario s;
            s.found(0, 5).found(1, 4).unlabelled(0, 0.5f, 10).unlabelled(1, 0.5f, 12);
            QTest::newRow("group 1 lags by 0.1: diverted until level")
                << s << 2 << 6 << merged(firstOf(s.rowsOf(0), 2), firstOf(s.rowsOf(1), 4));
        }
        {
            // Both at 0.5; a row adds 0.005, far below the tolerance.
            Scenario s;
            s.found(0, 50).found(1, 50);
            for (int i = 0; i < 100; ++i)
                s.unlabelled(i % 2, 0.5f);
            QTest::newRow("balanced groups: plain top-k")
                << s << 2 << 4 << Rows {100, 101, 102, 103};
        }
        {
            // Shares 0.5 and 0.475 with wide intervals (10 rows at p = 0.5): within the noise.
            Scenario s;
            s.found(0, 5).found(1, 475).unlabelled(0, 0.5f, 10).unlabelled(1, 1.0f, 525);
            QTest::newRow("gap of 0.025 inside the uncertainty: top-k")
                << s << 2 << 1 << Rows {480};
        }
        {
            // The same shares with p = 1 everywhere, so no uncertainty: 0.025 is a real lag.
            Scenario s;
            s.found(0, 5).found(1, 475).unlabelled(0, 1.0f, 5).unlabelled(1, 1.0f, 525);
            QTest::newRow("gap of 0.025 with no uncertainty: diverted")
                << s << 2 << 1 << firstOf(s.rowsOf(1), 1);
        }
        {
            // Shares 0.5, 0.3 and 0.4 (estimates of 10 each, a row adds 0.05); group 1 ranks
            // lowest. Slots: 1, 1, then the tie at 0.4 goes to group 2 (ranked higher), 1, 2, 1.
            Scenario s;
            s.found(0, 5).found(1, 3).found(2, 4);
            s.unlabelled(0, 0.5f, 10).unlabelled(2, 0.5f, 12).unlabelled(1, 0.5f, 14);
            QTest::newRow("three groups: the lowest share first, ties to the better rank")
                << s << 3 << 6 << merged(firstOf(s.rowsOf(2), 2), firstOf(s.rowsOf(1), 4));
            QTest::newRow("three groups: the tie at 0.4 goes to the better-ranked group")
                << s << 3 << 3 << merged(firstOf(s.rowsOf(2), 1), firstOf(s.rowsOf(1), 2));
        }
        {
            // No head yet. Group 0: rate 6 / 12, 10 expected, share 5 / 15; group 1 has no labels
            // and gets the overall rate: 5 expected, share 0. Each group-1 row adds 0.1.
            Scenario s;
            s.found(0, 5).normals(0, 5).unlabelled(0, kNoHead, 20).unlabelled(1, kNoHead, 10);
            QTest::newRow("group with no labels yet (no head): diverted to")
                << s << 2 << 3 << firstOf(s.rowsOf(1), 3);
        }
        {
            // Group 1 is at 0 with 2 rows (estimate 1) against 0.8: both are taken; then it is
            // exhausted and the rest is the plain top of the ranking, kNoGroup rows included.
            Scenario s;
            s.unlabelled(fr::kNoGroup, 0.9f, 3).found(0, 8).unlabelled(0, 0.5f, 4);
            s.normals(1, 3).unlabelled(1, 0.5f, 2);
            QTest::newRow("lagging group exhausted within the batch")
                << s << 2 << 4 << merged(s.rowsOf(1), Rows {0, 1});
        }
        {
            // Group 0 is fully reviewed (share 1): never chosen, and not levelled up to. Groups 1
            // (0.5) and 2 (0.4) level as usual: two slots to 2, then the kNoGroup rows on top.
            Scenario s;
            s.unlabelled(fr::kNoGroup, 0.9f, 2).found(0, 3).normals(0, 2).found(1, 5).found(2, 4);
            s.unlabelled(1, 0.5f, 10).unlabelled(2, 0.5f, 12);
            QTest::newRow("exhausted group is neither chosen nor levelled up to")
                << s << 3 << 4 << merged(Rows {0, 1}, firstOf(s.rowsOf(2), 2));
        }
        {
            // Group 0 labelled and all normal: no share (NaN), nothing to level against.
            Scenario s;
            s.normals(0, 4).unlabelled(fr::kNoGroup, 0.9f, 2).found(1, 1).unlabelled(1, 0.2f, 5);
            QTest::newRow("a group with estimate 0 is left out") << s << 2 << 3 << Rows {4, 5, 7};
        }
        {
            // Group 1 lags; the kNoGroup rows between its rows are skipped by diverted slots.
            Scenario s;
            s.found(0, 5).found(1, 1).unlabelled(0, 0.5f, 10);
            for (int i = 0; i < 3; ++i)
                s.unlabelled(fr::kNoGroup, 0.5f).unlabelled(1, 0.5f);
            s.unlabelled(1, 0.5f, 10);
            QTest::newRow("kNoGroup rows are not diverted to")
                << s << 2 << 3 << firstOf(s.rowsOf(1), 3);
        }
        {
            Scenario s;
            s.found(0, 10).found(1, 2).unlabelled(0, 0.5f, 10).unlabelled(1, 0.5f, 10);
            QTest::newRow("groupCount 1: plain top-k") << s << 1 << 4 << firstOf(s.rowsOf(0), 4);
            QTest::newRow("groupCount 0: plain top-k") << s << 0 << 4 << firstOf(s.rowsOf(0), 4);
            QTest::newRow("k = 0: empty") << s << 2 << 0 << Rows {};
            QTest::newRow("k larger than the unlabelled rows: all of them")
                << s << 2 << 50 << merged(s.rowsOf(0), s.rowsOf(1));
        }
        {
            Scenario s;
            s.found(0, 3).normals(1, 3);
            QTest::newRow("nothing unlabelled: empty") << s << 2 << 5 << Rows {};
        }
    }
    void fairBatch()
    {
        QFETCH(Scenario, scenario);
        QFETCH(int, groupCount);
        QFETCH(int, k);
        QFETCH(Rows, expected);
        const Rows batch = fr::fairBatch(scenario.identityOrder(), scenario.groups, groupCount,
            scenario.labels, scenario.probability, k);
        QCOMPARE(batch, expected);
    }

    void followsTheGivenOrder()
    {
        // Group 0's rows rank first, then group 1's from the highest index down: the lagging
        // group's best row is its best-ranked one, and the batch comes in ranking order.
        Scenario s;
        s.found(0, 10).found(1, 2).unlabelled(0, 0.5f, 10).unlabelled(1, 0.5f, 10);
        Rows order = s.rowsOf(0);
        const Rows laggingRows = s.rowsOf(1);
        order.insert(order.end(), laggingRows.rbegin(), laggingRows.rend());
        for (int64_t row = 0; row < 12; ++row)
            order.push_back(row);
        QCOMPARE(fr::fairBatch(order, s.groups, 2, s.labels, s.probability, 2), (Rows {31, 30}));
        QCOMPARE(fr::fairBatch(order, s.groups, 2, s.labels, s.probability, 100),
            plainTopK(order, s.labels, 100));
    }

    void randomBatchesAreValid_data()
    {
        QTest::addColumn<int>("groupCount");
        QTest::addColumn<bool>("withHead");
        QTest::newRow("two groups, head") << 2 << true;
        QTest::newRow("two groups, no head") << 2 << false;
        QTest::newRow("five groups, head") << 5 << true;
        QTest::newRow("one group: always top-k") << 1 << true;
    }
    void randomBatchesAreValid()
    {
        // Whatever the labels: k unlabelled rows (or all there are), no duplicates.
        QFETCH(int, groupCount);
        QFETCH(bool, withHead);
        std::mt19937_64 rng(20240611);
        std::uniform_real_distribution<float> unit(0.0f, 1.0f);
        for (int trial = 0; trial < 200; ++trial) {
            const int rows = 1 + int(rng() % 60);
            std::vector<int> groups(rows);
            std::vector<int8_t> labels(rows);
            std::vector<float> probability(rows);
            for (int i = 0; i < rows; ++i) {
                groups[i] = int(rng() % (groupCount + 1)) - 1;
                labels[i] = int8_t(int(rng() % 3) - 1);
                probability[i] = withHead ? unit(rng) : kNoHead;
            }
            Rows order(rows);
            std::iota(order.begin(), order.end(), 0);
            std::shuffle(order.begin(), order.end(), rng);
            const int k = int(rng() % 12);
            const Rows batch = fr::fairBatch(order, groups, groupCount, labels, probability, k);
            const int64_t unlabelled = std::count(labels.begin(), labels.end(), kUnlabelled);
            QCOMPARE(qint64(batch.size()), qint64(std::min<int64_t>(k, unlabelled)));
            QCOMPARE(std::set<int64_t>(batch.begin(), batch.end()).size(), batch.size());
            for (int64_t row : batch)
                QCOMPARE(int(labels[row]), int(kUnlabelled));
            if (groupCount <= 1)
                QCOMPARE(batch, plainTopK(order, labels, k));
        }
    }

    void millionRowsInOnePass()
    {
        // The loop calls this once per batch on up to 1,000,000 rows.
        const int rows = 1000000;
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<float> unit(0.0f, 1.0f);
        std::vector<int> groups(rows);
        std::vector<int8_t> labels(rows, kUnlabelled);
        std::vector<float> probability(rows);
        for (int i = 0; i < rows; ++i) {
            groups[i] = i % 7 == 0 ? 1 : 0;
            probability[i] = unit(rng) * unit(rng);
            if (i < 2000)
                labels[i] = i % 3 == 0 ? 1 : 0;
        }
        Rows order(rows);
        std::iota(order.begin(), order.end(), 0);
        QElapsedTimer timer;
        timer.start();
        const Rows batch = fr::fairBatch(order, groups, 2, labels, probability, 10);
        QCOMPARE(int(batch.size()), 10);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString("%1 ms").arg(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestFairAllocation)
#include "tst_fair_allocation.moc"
