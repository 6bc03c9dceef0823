// Tests for the threshold at a target FPR (edges q = 0 and q = 1, ties, realised FPR never above
// the target), TPR at a threshold and the sign of the relative scoring bias, overall and per group.
#include "metrics/threshold_metrics.h"

#include "metrics_test_support.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>

using Scores = std::vector<float>;

namespace {
const double kMinusInf = -std::numeric_limits<double>::infinity();

Scores normalsOf(const SyntheticRanking& data)
{
    Scores normals;
    for (size_t i = 0; i < data.scores.size(); ++i) {
        if (data.truth[i] == 0)
            normals.push_back(data.scores[i]);
    }
    return normals;
}

// -inf, then every distinct normal score (NaN as -inf) ascending: the thresholds that can be tau.
std::vector<double> candidateThresholds(const Scores& normals)
{
    std::vector<double> candidates {kMinusInf};
    for (float s : normals)
        candidates.push_back(std::isnan(s) ? kMinusInf : double(s));
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return candidates;
}
} // namespace

class TestThresholdMetrics : public QObject {
    Q_OBJECT
private slots:
    void thresholdAtFpr_data()
    {
        QTest::addColumn<Scores>("normals");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("realisedFpr");
        // F0 over {1,2,3,4}: 1 -> .25, 2 -> .5, 3 -> .75, 4 -> 1. tau = the smallest u with
        // F0(u) >= q, so FPR(tau) = 1 - F0(tau) <= 1 - q.
        const Scores four {3, 1, 4, 2};
        QTest::newRow("q = 0: flag everything") << four << 0.0 << kMinusInf << 1.0;
        QTest::newRow("q below the first step: FPR under target") << four << 0.2 << 1.0 << 0.75;
        QTest::newRow("q on a step") << four << 0.25 << 1.0 << 0.75;
        QTest::newRow("q = 1/2") << four << 0.5 << 2.0 << 0.5;
        QTest::newRow("q between steps: FPR under target") << four << 0.6 << 3.0 << 0.25;
        QTest::newRow("q just above a step") << four << 0.7500001 << 4.0 << 0.0;
        QTest::newRow("q = 1: highest normal") << four << 1.0 << 4.0 << 0.0;
        // F0 over {1,2,2,2,3}: 1 -> .2, 2 -> .8, 3 -> 1; the tie moves as a whole.
        const Scores tied {2, 1, 2, 3, 2};
        QTest::newRow("q below the lowest step") << tied << 0.1 << 1.0 << 0.8;
        QTest::newRow("q on the lowest step") << tied << 0.2 << 1.0 << 0.8;
        QTest::newRow("q inside the tie: tie not flagged") << tied << 0.5 << 2.0 << 0.2;
        QTest::newRow("q just below the tie's top") << tied << 0.79 << 2.0 << 0.2;
        QTest::newRow("q at the tie's top") << tied << 0.8 << 2.0 << 0.2;
        QTest::newRow("q above the tie: highest normal") << tied << 0.81 << 3.0 << 0.0;
        QTest::newRow("q = 1 on a tie") << tied << 1.0 << 3.0 << 0.0;
        const Scores lowTie {5, 5, 5, 6};
        QTest::newRow("lowest tie covers q") << lowTie << 0.5 << 5.0 << 0.25;
        QTest::newRow("lowest tie, q = 0") << lowTie << 0.0 << kMinusInf << 1.0;
        QTest::newRow("all tied, q = 0.5") << Scores {7, 7, 7} << 0.5 << 7.0 << 0.0;
        QTest::newRow("all tied, q = 0") << Scores {7, 7, 7} << 0.0 << kMinusInf << 1.0;
        const Scores topTie {1, 2, 3, 3, 3, 3};
        QTest::newRow("top tie not split: FPR 0, target 0.6") << topTie << 0.4 << 3.0 << 0.0;
        Scores twenty;
        for (int i = 20; i >= 1; --i)
            twenty.push_back(float(i));
        QTest::newRow("q = 0.95 of 20: 19/20 meets q") << twenty << 0.95 << 19.0 << 0.05;
        QTest::newRow("q = 0.9 of 20: 1 - q rounds below 0.1") << twenty << 0.9 << 18.0 << 0.1;
        QTest::newRow("NaN normal as -inf, q on its step")
            << Scores {nanf(""), 1, 2, 3} << 0.25 << kMinusInf << 0.75;
        QTest::newRow("NaN normal as -inf, q = 0")
            << Scores {nanf(""), 1, 2, 3} << 0.0 << kMinusInf << 0.75;
        QTest::newRow("NaN normal as -inf, q = 1/2")
            << Scores {nanf(""), 1, 2, 3} << 0.5 << 1.0 << 0.5;
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
        // The realised FPR never exceeds the target (up to rounding of 1 - q).
        QVERIFY(result.value().realisedFpr <= 1.0 - q + 1e-12);
        // And it is what flagging "score > tau" does to the normals.
        COMPARE_FIGURE(fr::tprAtThreshold(normals, threshold), realisedFpr);
    }
    void realisedFprNeverExceedsTargetOnTies_data()
    {
        QTest::addColumn<Scores>("normals");
        QTest::newRow("hand-made ties") << Scores {1, 1, 2, 2, 2, 3, 5, 5, 5, 5};
        QTest::newRow("one value") << Scores {4, 4, 4, 4};
        QTest::newRow("ties with NaN") << Scores {nanf(""), nanf(""), 0, 0, 1, 2, 2};
        QTest::newRow("synthetic grid") << normalsOf(syntheticRanking(3000, 0.1, 11));
    }
    void realisedFprNeverExceedsTargetOnTies()
    {
        // Over many q (a fine grid and every step k / n0): FPR(tau) <= 1 - q, and tau is the
        // smallest candidate that passes, i.e. the next lower one (-inf below the lowest normal)
        // would exceed the target.
        QFETCH(Scores, normals);
        const double n0 = double(normals.size());
        std::vector<double> qs;
        for (int i = 0; i <= 1000; ++i)
            qs.push_back(i / 1000.0);
        for (size_t k = 0; k <= normals.size(); ++k)
            qs.push_back(k / n0);
        const std::vector<double> candidates = candidateThresholds(normals);
        for (double q : qs) {
            const auto result = fr::thresholdAtFpr(normals, q);
            QVERIFY2(result.ok(), result.error().c_str());
            const fr::FprThreshold& tau = result.value();
            const QByteArray where = QByteArray("q = ") + QByteArray::number(q, 'g', 17);
            QVERIFY2(tau.realisedFpr <= tau.targetFpr + 1e-12, where.constData());
            COMPARE_FIGURE(fr::tprAtThreshold(normals, tau.threshold), tau.realisedFpr);
            const auto at = std::find(candidates.begin(), candidates.end(), tau.threshold);
            QVERIFY2(at != candidates.end(), where.constData());
            if (at != candidates.begin()) {
                const double lower = fr::tprAtThreshold(normals, *(at - 1));
                QVERIFY2(lower > tau.targetFpr + 1e-12, where.constData());
            }
        }
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
    void scoringBiasThresholdsStayWithinTheTarget()
    {
        // Same rows as scoringBiasSign at q = 0.6 (target FPR 0.4): tau = 3 (FPR 0.25), not 2
        // (FPR 0.5 would exceed the target). Base anomalies above 3: {3.5, 5}; other: {5, 6, 7}.
        const Scores base {1, 2, 3, 4, 2.5f, 3.5f, 5, 0};
        const Scores other {1, 2, 3, 4, 5, 6, 7, 0.5f};
        const std::vector<int8_t> truth {0, 0, 0, 0, 1, 1, 1, 1};
        const auto result = fr::scoringBias(base, other, truth, {}, 0, 0.6);
        QVERIFY2(result.ok(), result.error().c_str());
        const fr::ScoringBias& xi = result.value();
        QCOMPARE(xi.thresholdBase.threshold, 3.0);
        COMPARE_FIGURE(xi.thresholdBase.realisedFpr, 0.25);
        QVERIFY(xi.thresholdBase.realisedFpr <= xi.thresholdBase.targetFpr);
        QVERIFY(xi.thresholdOther.realisedFpr <= xi.thresholdOther.targetFpr);
        COMPARE_FIGURE(xi.tprBase, 0.5);
        COMPARE_FIGURE(xi.tprOther, 0.75);
        COMPARE_FIGURE(xi.bias, 0.25);
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
    void knownRowsLeaveTheUnknownOut()
    {
        // scoringBiasSign's rows plus four unknown rows (-1) whose scores would move both
        // thresholds and every TPR: left out, the figures are scoringBiasSign's.
        const Scores base {1, 2, 3, 4, 2.5f, 3.5f, 5, 0, 100, 100, -5, -5};
        const Scores other {1, 2, 3, 4, 5, 6, 7, 0.5f, 100, 100, -5, -5};
        const std::vector<int8_t> truth {0, 0, 0, 0, 1, 1, 1, 1, -1, -1, -1, -1};
        const std::vector<int> groups {0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1};
        const auto result = fr::scoringBiasOnKnownRows(base, other, truth, groups, 2, 0.75);
        QVERIFY2(result.ok(), result.error().c_str());
        const fr::ScoringBias& xi = result.value();
        QCOMPARE(xi.thresholdBase.threshold, 3.0);
        QCOMPARE(qint64(xi.thresholdBase.normals), qint64(4));
        COMPARE_FIGURE(xi.bias, 0.25);
        QCOMPARE(qint64(xi.groups[0].rows), qint64(4)); // the group's known rows
        COMPARE_FIGURE(xi.groups[0].bias, 0.5);
        COMPARE_FIGURE(xi.groups[1].bias, 0.0);
        QVERIFY(!fr::scoringBiasOnKnownRows({1, 2}, {1, 2}, {0, 2}, {}, 0, 0.5).ok());
        QVERIFY(!fr::scoringBiasOnKnownRows({1, 2}, {1, 2}, {0}, {}, 0, 0.5).ok());
        QVERIFY(!fr::scoringBiasOnKnownRows({1, 2}, {1, 2}, {-1, 1}, {}, 0, 0.5).ok()); // no normal
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
