// Tests for the Isolation Forest (isolation_forest.h): c(n) against hand-computed values, path
// lengths on tiny sets whose trees do not depend on the random split, the score's scale, the
// ranking of a planted outlier and reproducibility by seed.
#include "models/isolation_forest.h"

#include <QtTest>
#include <cmath>
#include <random>

using fr::FeatureMatrix;
using fr::models::averagePathLength;
using fr::models::IsolationForest;
using fr::models::IsolationForestOptions;

namespace {

constexpr double kEuler = 0.5772156649015329;

FeatureMatrix column(const std::vector<float>& values)
{
    FeatureMatrix m;
    m.rows = static_cast<int64_t>(values.size());
    m.cols = 1;
    m.values = values;
    return m;
}

IsolationForestOptions options(int trees, int64_t psi, uint64_t seed = 0)
{
    IsolationForestOptions o;
    o.trees = trees;
    o.subsampleSize = psi;
    o.seed = seed;
    return o;
}

} // namespace

class TestIsolationForest : public QObject {
    Q_OBJECT
private slots:
    void averagePathLengthByHand_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<double>("expected");
        QTest::newRow("n = 0") << qint64(0) << 0.0;
        QTest::newRow("n = 1") << qint64(1) << 0.0;
        QTest::newRow("n = 2") << qint64(2) << 1.0;
        // 2 (ln 2 + gamma) - 2 * 2 / 3
        QTest::newRow("n = 3") << qint64(3) << 2.0 * (std::log(2.0) + kEuler) - 4.0 / 3.0;
        // 2 (ln 255 + gamma) - 2 * 255 / 256 = 10.2448...
        QTest::newRow("n = 256") << qint64(256) << 2.0 * (std::log(255.0) + kEuler) - 510.0 / 256.0;
    }
    void averagePathLengthByHand()
    {
        QFETCH(qint64, n);
        QFETCH(double, expected);
        QVERIFY(std::abs(averagePathLength(n) - expected) < 1e-12);
    }

    // Two rows, psi 2: the root splits them whatever the split value, each leaf holds one row,
    // so h = 1 for both and s = 2^(-1 / c(2)) = 0.5.
    void twoRowsIsolateInOneStep()
    {
        const FeatureMatrix m = column({0.0f, 1.0f});
        const IsolationForest forest = IsolationForest::fit(m, options(10, 2));
        QCOMPARE(forest.meanPathLength(m.row(0)), 1.0);
        QCOMPARE(forest.meanPathLength(m.row(1)), 1.0);
        QCOMPARE(forest.score(m.row(0)), 0.5);
    }

    // {0, 0, 5}, psi 3 (height limit 2): the root separates 5 (a leaf of one row: h = 1) from
    // the two zeros, which cannot be split (a leaf of two rows: h = 1 + c(2) = 2).
    void identicalRowsEndInOneLeaf()
    {
        const FeatureMatrix m = column({0.0f, 0.0f, 5.0f});
        const IsolationForest forest = IsolationForest::fit(m, options(20, 3, 7));
        QCOMPARE(forest.meanPathLength(m.row(0)), 2.0);
        QCOMPARE(forest.meanPathLength(m.row(2)), 1.0);
        const double expected = std::pow(2.0, -1.0 / averagePathLength(3));
        QVERIFY(std::abs(forest.score(m.row(2)) - expected) < 1e-12);
    }

    // Every row the same: no feature varies, the root is a leaf of psi rows, h = c(psi), s = 0.5.
    void constantDataScoresOneHalf()
    {
        const FeatureMatrix m = column(std::vector<float>(300, 4.0f));
        const IsolationForest forest = IsolationForest::fit(m, options(5, 256));
        QVERIFY(std::abs(forest.meanPathLength(m.row(0)) - averagePathLength(256)) < 1e-12);
        QVERIFY(std::abs(forest.score(m.row(0)) - 0.5) < 1e-12);
    }

    void plantedOutlierRanksFirstAndSeedReproduces()
    {
        std::mt19937_64 rng(3);
        std::normal_distribution<float> noise(0.0f, 1.0f);
        FeatureMatrix m;
        m.rows = 2000;
        m.cols = 3;
        for (int64_t i = 0; i < m.rows * m.cols; ++i)
            m.values.push_back(noise(rng));
        for (int c = 0; c < 3; ++c)
            m.values[1234 * 3 + c] = 8.0f; // far from the cloud in every feature
        const std::vector<float> s = IsolationForest::fit(m, options(100, 256, 1)).scoreAll(m);
        QCOMPARE(std::max_element(s.begin(), s.end()) - s.begin(), 1234);
        QCOMPARE(IsolationForest::fit(m, options(100, 256, 1)).scoreAll(m), s);
        QVERIFY(IsolationForest::fit(m, options(100, 256, 2)).scoreAll(m) != s);
    }

    // A subsample larger than the data uses every row; no rows or trees gives an empty forest.
    void edgesOfTheSubsample()
    {
        const FeatureMatrix m = column({1.0f, 2.0f, 3.0f});
        QCOMPARE(IsolationForest::fit(m, options(4, 256)).subsampleSize(), qint64(3));
        QCOMPARE(IsolationForest::fit(FeatureMatrix {}, options(4, 256)).treeCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIsolationForest)
#include "tst_isolation_forest.moc"
