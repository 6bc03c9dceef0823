// Tests for IAD's weights and median-crossing count (ALGORITHMS.md §4), computed by hand.
#include "models/iad_weighting.h"

#include <QtTest>
#include <cmath>

using namespace fr::models::iad;

Q_DECLARE_METATYPE(std::vector<float>)

class TestIadWeighting : public QObject {
    Q_OBJECT
private slots:
    void medianOfOddAndEvenCounts()
    {
        QCOMPARE(median({3, 1, 2}), 2.0);
        QCOMPARE(median({4, 1, 3, 2}), 2.5);
        QVERIFY(std::isnan(median({})));
    }

    void weightsByHand()
    {
        // m = 2, min 0, max 10: a = 4 / min(2, 8) = 2; w = 1 / (1 + exp(2 (s - 2))).
        const std::vector<float> scores = {0, 1, 2, 3, 10};
        const std::vector<float> w = weightsFromScores(scores);
        for (size_t i = 0; i < scores.size(); ++i) {
            const double expected = 1.0 / (1.0 + std::exp(2.0 * (scores[i] - 2.0)));
            QVERIFY2(std::abs(w[i] - expected) < 1e-6, qPrintable(QString::number(w[i])));
        }
        QCOMPARE(w[2], 0.5f);
        QVERIFY(w[4] < 1e-6f); // the clear anomaly barely counts
    }

    void weightsForDegenerateScores()
    {
        // All equal: no information, every row keeps weight 1.
        QCOMPARE(weightsFromScores({5, 5, 5}), (std::vector<float> {1, 1, 1}));
        // m = min = 1: the step limit, 1/2 at the median and 0 above.
        QCOMPARE(weightsFromScores({1, 1, 1, 4}), (std::vector<float> {0.5, 0.5, 0.5, 0}));
        // NaN: weight 0 and left out of m and a (m = 1, a = 4 / 1).
        const std::vector<float> w = weightsFromScores({0, 1, std::nanf(""), 2});
        QCOMPARE(w[2], 0.0f);
        QVERIFY(std::abs(w[0] - 1.0 / (1.0 + std::exp(-4.0))) < 1e-6);
    }

    void labelsOverrideWeights()
    {
        std::vector<float> w = {0.2f, 0.9f, 0.4f};
        applyLabels(w, {0, 1, -1});
        QCOMPARE(w, (std::vector<float> {1.0f, 0.0f, 0.4f}));
        applyLabels(w, {});
        QCOMPARE(w, (std::vector<float> {1.0f, 0.0f, 0.4f}));
    }

    void lowHalfBreaksTiesByRow()
    {
        // Ascending 0 (row 3), 1 (rows 0 and 2: row 0 first), 5: low half = rows 3 and 0.
        QCOMPARE(lowHalf({1, 5, 1, 0}), (std::vector<bool> {true, false, false, true}));
        // Odd count: the middle row is low (ceil(n / 2) rows).
        QCOMPARE(lowHalf({3, 1, 2}), (std::vector<bool> {false, true, true}));
    }

    void crossingsByHand_data()
    {
        QTest::addColumn<std::vector<float>>("previous");
        QTest::addColumn<std::vector<float>>("current");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("same ranking")
            << std::vector<float> {1, 2, 3, 4} << std::vector<float> {10, 20, 30, 40} << qint64(0);
        QTest::newRow("one swap across the median")
            << std::vector<float> {1, 2, 3, 4} << std::vector<float> {1, 3, 2, 4} << qint64(2);
        QTest::newRow("swap within a half")
            << std::vector<float> {1, 2, 3, 4} << std::vector<float> {2, 1, 4, 3} << qint64(0);
        QTest::newRow("reversed") << std::vector<float> {1, 2, 3, 4}
                                  << std::vector<float> {4, 3, 2, 1} << qint64(4);
    }
    void crossingsByHand()
    {
        QFETCH(std::vector<float>, previous);
        QFETCH(std::vector<float>, current);
        QFETCH(qint64, expected);
        QCOMPARE(qint64(medianCrossings(previous, current)), expected);
    }
};

QTEST_GUILESS_MAIN(TestIadWeighting)
#include "tst_iadweighting.moc"
