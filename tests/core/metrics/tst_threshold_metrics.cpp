// Tests for the threshold at a target FPR (edges q = 0 and q = 1, ties), TPR at a threshold and
// the sign of the relative scoring bias, overall and per group.
#include "metrics/threshold_metrics.h"

#include "metrics_test_support.h"

#include <QtTest>
#include <limits>

using Scores = std::vector<float>;

namespace {
const double kMinusInf = -std::numeric_limits<double>::infinity();
}

class TestThresholdMetrics : public QObject {
    Q_OBJECT
private slots:
    void thresholdAtFpr_data()
    {
        QTest::addColumn<Scores>("normals");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("realisedFpr");
        // F0 over {1,2,3,4}: 1 -> .25, 2 -> .5, 3 -> .75, 4 -> 1.
        const Scores four {3, 1, 4, 2};
        QTest::newRow("q = 0: flag everything") << four << 0.0 << kMinusInf << 1.0;
        QTest::newRow("q below the first step") << four << 0.2 << kMinusInf << 1.0;
        QTest::newRow("q on a step") << four << 0.25 << 1.0 << 0.75;
        QTest::newRow("q = 1/2") << four << 0.5 << 2.0 << 0.5;
        QTest::newRow("q between steps: FPR above target") << four << 0.6 << 2.0 << 0.5;
        QTest::newRow("q = 1: highest normal") << four << 1.0 << 4.0 << 0.0;
        // F0 over {1,2,2,2,3}: 1 -> .2, 2 -> .8, 3 -> 1; the tie moves as a whole.
        const Scores tied {2, 1, 2, 3, 2};
        QTest::newRow("tie above q") << tied << 0.5 << 1.0 << 0.8;
        QTest::newRow("tie just above q") << tied << 0.79 << 1.0 << 0.8;
        QTest::newRow("tie at q") << tied << 0.8 << 2.0 << 0.2;
        QTest::newRow("lowest tie above q") << Scores {5, 5, 5, 6} << 0.5 << kMinusInf << 1.0;
        Scores twenty;
        for (int i = 20; i >= 1; --i)
            twenty.push_back(float(i));
        QTest::newRow("q = 0.95 of 20: 19/20 is not above q") << twenty << 0.95 << 19.0 << 0.05;
        QTest::newRow("NaN normal as -inf")
            << Scores {nanf(""), 1, 2, 3} << 0.25 << kMinusInf << 0.75;
    }
    void thresholdAtFpr()
    {
        QFETCH(Scores, normals);
        QFETCH(double, q);
        QFETCH(double, threshold);
        QFETCH(double, realisedFpr);
        const auto result = fr::thresholdAtFpr(normals, q);
        QVERIFY2(result.ok(), result.error().c_str());
        QCOMPARE(result.value().threshold, threshold);
        COMPARE_FIGURE(result.value().realisedFpr, realisedFpr);
        COMPARE_FIGURE(result.value().targetFpr, 1.0 - q);
        QCOMPARE(qint64(result.value().normals), qint64(normals.size()));
        // The realised FPR never undershoots the target (up to rounding of 1 - q).
        QVERIFY(result.value().realisedFpr >= 1.0 - q - 1e-12);
        // And it is what flagging "score > tau" does to the normals.
        COMPARE_FIGURE(fr::tprAtThreshold(normals, threshold), realisedFpr);
    }
    void rejectsBadThresholdInput()
    {
        QVERIFY(!fr::thresholdAtFpr({}, 0.5).ok());
        QVERIFY(!fr::thresholdAtFpr({1, 2}, -0.1).ok());
        QVERIFY(!fr::thresholdAtFpr({1, 2}, 1.5).ok());
        QVERIFY(!fr::thresholdAtFpr({1, 2}, nan()).ok());
    }
    void tprAtThreshold_data()
    {
        QTest::addColumn<Scores>("anomalies");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("tpr");
        QTest::newRow("strictly above") << Scores {1, 2, 3, 4} << 2.0 << 0.5;
        QTest::newRow("-inf flags all") << Scores {1, 2, 3, 4} << kMinusInf << 1.0;
        QTest::newRow("at the top: none") << Scores {1, 2, 3, 4} << 4.0 << 0.0;
        QTest::newRow("no anomalies") << Scores {} << 1.0 << nan();
    }
    void tprAtThreshold()
    {
        QFETCH(Scores, anomalies);
        QFETCH(double, threshold);
        QFETCH(double, tpr);
        COMPARE_FIGURE(fr::tprAtThreshold(anomalies, threshold), tpr);
    }
    void scoringBiasSign()
    {
        // Rows 0-3 normal, 4-7 anomalies. Both scorers give the normals {1,2,3,4}, so at q = 0.75
        // tau = 3 for both. Base anomalies {2.5, 3.5, 5, 0}: 2 of 4 above; other {5, 6, 7, 0.5}:
        // 3 of 4 -> xi(base, other) = +0.25. Group 0 holds anomalies 4,5 (0.5 -> 1: +0.5), group 1
        // anomalies 6,7 (0.5 -> 0.5: 0).
        const Scores base {1, 2, 3, 4, 2.5f, 3.5f, 5, 0};
        const Scores other {1, 2, 3, 4, 5, 6, 7, 0.5f};
        const std::vector<int8_t> truth {0, 0, 0, 0, 1, 1, 1, 1};
        const std::vector<int> groups {0, 1, 0, 1, 0, 0, 1, 1};
        const auto result = fr::scoringBias(base, other, truth, groups, 2, 0.75);
        QVERIFY2(result.ok(), result.error().c_str());
        const fr::ScoringBias& xi = result.value();
        QCOMPARE(xi.thresholdBase.threshold, 3.0);
        QCOMPARE(xi.thresholdOther.threshold, 3.0);
        COMPARE_FIGURE(xi.tprBase, 0.5);
        COMPARE_FIGURE(xi.tprOther, 0.75);
        COMPARE_FIGURE(xi.bias, 0.25);
        QCOMPARE(int(xi.groups.size()), 2);
        QCOMPARE(qint64(xi.groups[0].rows), qint64(4));
        QCOMPARE(qint64(xi.groups[0].anomalies), qint64(2));
        COMPARE_FIGURE(xi.groups[0].bias, 0.5);
        COMPARE_FIGURE(xi.groups[1].tprBase, 0.5);
        COMPARE_FIGURE(xi.groups[1].bias, 0.0);
        // Swapping the scorers flips the sign.
        const auto swapped = fr::scoringBias(other, base, truth, groups, 2, 0.75);
        COMPARE_FIGURE(swapped.value().bias, -0.25);
        COMPARE_FIGURE(swapped.value().groups[0].bias, -0.5);
        // Without groups: the overall figure only.
        const auto ungrouped = fr::scoringBias(base, other, truth, {}, 0, 0.75);
        QVERIFY(ungrouped.ok());
        QVERIFY(ungrouped.value().groups.empty());
        COMPARE_FIGURE(ungrouped.value().bias, 0.25);
    }
    void scoringBiasThresholdsEachScorerOnItsOwnNormals()
    {
        // The other scorer doubles every score: a monotone rescaling must not count as bias.
        const Scores base {1, 2, 3, 4, 2.5f, 3.5f, 5, 0};
        Scores doubled;
        for (float s : base)
            doubled.push_back(2 * s);
        const auto result = fr::scoringBias(base, doubled, {0, 0, 0, 0, 1, 1, 1, 1}, {}, 0, 0.5);
        QVERIFY(result.ok());
        QCOMPARE(result.value().thresholdOther.threshold, 4.0);
        COMPARE_FIGURE(result.value().bias, 0.0);
    }
    void rejectsBadBiasInput()
    {
        QVERIFY(!fr::scoringBias({1, 2}, {1}, {0, 1}, {}, 0, 0.5).ok());
        QVERIFY(!fr::scoringBias({1, 2}, {1, 2}, {1, 1}, {}, 0, 0.5).ok()); // no normals
        QVERIFY(!fr::scoringBias({1, 2}, {1, 2}, {0, 1}, {0, 5}, 2, 0.5).ok());
    }
};

QTEST_GUILESS_MAIN(TestThresholdMetrics)
#include "tst_threshold_metrics.moc"
