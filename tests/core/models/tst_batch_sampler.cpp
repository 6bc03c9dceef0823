// Tests for the training loop's mini-batch sampling (models/batch_sampler.h): epochs without
// replacement, excluded rows, and stratified batches that hold every group, in proportion to its
// size but at least 2 rows, and never more rows than the batch size.
#include "models/batch_sampler.h"

#include <QtTest>
#include <algorithm>
#include <numeric>
#include <set>

using namespace fr;

namespace {

std::vector<int64_t> groupOfRows(const QList<int>& sizes)
{
    std::vector<int64_t> groups;
    for (int g = 0; g < sizes.size(); ++g)
        groups.insert(groups.end(), sizes[g], g);
    return groups;
}

} // namespace

class TestBatchSampler : public QObject {
    Q_OBJECT
private slots:
    void coversEveryRowOncePerEpoch()
    {
        std::mt19937_64 rng(1);
        models::BatchSampler sampler({}, std::vector<float>(10, 1.0f), 5, false, rng);
        std::multiset<int64_t> seen;
        for (int b = 0; b < 2; ++b)
            for (int64_t r : sampler.next())
                seen.insert(r);
        QCOMPARE(seen.size(), size_t(10));
        QCOMPARE(std::set<int64_t>(seen.begin(), seen.end()).size(), size_t(10));
    }

    void skipsZeroWeightRows()
    {
        std::mt19937_64 rng(2);
        std::vector<float> w = {1, 0, 1, 0, 1, 1};
        models::BatchSampler sampler({}, w, 3, false, rng);
        QCOMPARE(sampler.eligibleRows(), int64_t(4));
        for (int b = 0; b < 10; ++b)
            for (int64_t r : sampler.next())
                QVERIFY(r != 1 && r != 3);
    }

    // Each row: the group sizes, the batch size and the rows each group must get in every batch.
    // Issue 12: the old per-group rounding plus the floor of 2 gave 95/5 rows 10 + 2 = 12 rows for
    // a batch of 10, and 60/30/10 rows 6 + 3 + 2 = 11.
    void stratifiedBatchesHoldEveryGroupWithinTheBatchSize_data()
    {
        QTest::addColumn<QList<int>>("sizes");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("two groups, the minority below 2 rows of share")
            << QList<int> {95, 5} << 10 << QList<int> {8, 2};
        QTest::newRow("two equal groups") << QList<int> {50, 50} << 10 << QList<int> {5, 5};
        QTest::newRow("two groups, batch 256")
            << QList<int> {900, 100} << 256 << QList<int> {230, 26};
        QTest::newRow("three groups") << QList<int> {60, 30, 10} << 10 << QList<int> {6, 2, 2};
        QTest::newRow("three groups, shares that round down")
            << QList<int> {33, 33, 34} << 10 << QList<int> {3, 3, 4};
        QTest::newRow("three groups, two of a single row")
            << QList<int> {98, 1, 1} << 10 << QList<int> {8, 1, 1};
        QTest::newRow("minimums alone exceed the batch (7 groups x 2 > 10)")
            << QList<int> {40, 30, 10, 5, 5, 5, 5} << 10 << QList<int> {2, 2, 2, 1, 1, 1, 1};
        QTest::newRow("fewer rows than the batch") << QList<int> {4, 3} << 10 << QList<int> {4, 3};
    }
    void stratifiedBatchesHoldEveryGroupWithinTheBatchSize()
    {
        QFETCH(QList<int>, sizes);
        QFETCH(int, batchSize);
        QFETCH(QList<int>, expected);
        const std::vector<int64_t> groups = groupOfRows(sizes);
        const int rows = static_cast<int>(groups.size());
        std::mt19937_64 rng(3);
        models::BatchSampler sampler(groups, {}, batchSize, true, rng);
        for (int b = 0; b < 20; ++b) {
            const std::vector<int64_t>& batch = sampler.next();
            QCOMPARE(static_cast<int>(batch.size()), std::min(batchSize, rows));
            QList<int> counts(sizes.size(), 0);
            for (int64_t r : batch)
                ++counts[static_cast<int>(groups[r])];
            QCOMPARE(counts, expected);
        }
    }

    // 12 groups and batches of 10: no batch can hold every group, so each takes one row from the
    // next 10 groups in turn; over 6 batches every group is drawn 5 times.
    void moreGroupsThanBatchRowsTakeTurns()
    {
        const QList<int> sizes(12, 3);
        const std::vector<int64_t> groups = groupOfRows(sizes);
        std::mt19937_64 rng(4);
        models::BatchSampler sampler(groups, {}, 10, true, rng);
        std::vector<int> drawn(12, 0);
        for (int b = 0; b < 6; ++b) {
            std::set<int64_t> groupsInBatch;
            const std::vector<int64_t>& batch = sampler.next();
            QCOMPARE(batch.size(), size_t(10));
            for (int64_t r : batch) {
                groupsInBatch.insert(groups[r]);
                ++drawn[groups[r]];
            }
            QCOMPARE(groupsInBatch.size(), size_t(10));
        }
        QCOMPARE(drawn, std::vector<int>(12, 5));
    }

    // Rows of weight 0 count neither towards a group's share nor its minimum.
    void stratifiedSharesCountOnlyEligibleRows()
    {
        std::vector<int64_t> groups = groupOfRows({50, 50});
        std::vector<float> weights(100, 1.0f);
        std::fill(weights.begin() + 50, weights.begin() + 95, 0.0f); // group 1 keeps 5 rows
        std::mt19937_64 rng(5);
        models::BatchSampler sampler(groups, weights, 10, true, rng);
        QCOMPARE(sampler.eligibleRows(), int64_t(55));
        for (int b = 0; b < 10; ++b) {
            int second = 0;
            const std::vector<int64_t>& batch = sampler.next();
            QCOMPARE(batch.size(), size_t(10));
            for (int64_t r : batch) {
                QVERIFY(weights[r] > 0.0f);
                second += groups[r] == 1;
            }
            QCOMPARE(second, 2); // share 10 * 5 / 55 < 1, raised to the minimum of 2
        }
    }
};

QTEST_GUILESS_MAIN(TestBatchSampler)
#include "tst_batch_sampler.moc"
