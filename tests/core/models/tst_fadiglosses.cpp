// Tests for FADIG's loss pieces (ALGORITHMS.md §2.2) against hand-computed values: the adaptive ε
// with its guards, the multi-group weights, the per-group fitted/unfitted losses, and L_FAC.
#include "models/fadig_losses.h"

#include <QtTest>
#include <cmath>

using fr::models::fadig::GroupFit;
using fr::models::fadig::Reduction;

namespace {
const double kE = std::exp(1.0);
const double kNaN = std::nan("");
} // namespace

class TestFadigLosses : public QObject {
    Q_OBJECT
private slots:
    void epsilon_data()
    {
        QTest::addColumn<double>("fittedU");
        QTest::addColumn<double>("unfittedU");
        QTest::addColumn<int>("rowsU");
        QTest::addColumn<double>("fittedP");
        QTest::addColumn<double>("unfittedP");
        QTest::addColumn<int>("rowsP");
        QTest::addColumn<double>("expected");
        // d_U = 3, d_P = 1: ε = 3 / 4, P weighted up because U is fitted better.
        QTest::newRow("adaptive") << 2.0 << 5.0 << 9 << 1.0 << 2.0 << 1 << 0.75;
        QTest::newRow("equal gains") << 1.0 << 3.0 << 9 << 0.5 << 2.5 << 1 << 0.5;
        // Guards: |U| / (|U| + |P|) = 9 / 10.
        QTest::newRow("zero denominator") << 2.0 << 2.0 << 9 << 1.0 << 1.0 << 1 << 0.9;
        QTest::newRow("tiny denominator") << 2.0 << 2.0 + 1e-13 << 9 << 1.0 << 1.0 << 1 << 0.9;
        QTest::newRow("negative denominator") << 3.0 << 2.0 << 9 << 1.0 << 1.0 << 1 << 0.9;
        QTest::newRow("epsilon above 1") << 2.0 << 5.0 << 9 << 2.0 << 1.0 << 1 << 0.9;
        QTest::newRow("epsilon below 0") << 3.0 << 2.0 << 9 << 1.0 << 4.0 << 1 << 0.9;
        QTest::newRow("NaN loss") << kNaN << 5.0 << 9 << 1.0 << 2.0 << 1 << 0.9;
        // One group in the batch: it alone carries the loss (weight 1).
        QTest::newRow("only U in batch") << 2.0 << 5.0 << 9 << 0.0 << 0.0 << 0 << 0.0;
        QTest::newRow("only P in batch") << 0.0 << 0.0 << 0 << 1.0 << 2.0 << 3 << 1.0;
    }
    void epsilon()
    {
        QFETCH(double, fittedU);
        QFETCH(double, unfittedU);
        QFETCH(int, rowsU);
        QFETCH(double, fittedP);
        QFETCH(double, unfittedP);
        QFETCH(int, rowsP);
        QFETCH(double, expected);
        const double eps = fr::models::fadig::adaptiveEpsilon(
            {fittedU, unfittedU, rowsU}, {fittedP, unfittedP, rowsP});
        QVERIFY2(std::abs(eps - expected) < 1e-12, qPrintable(QString::number(eps)));
    }

    void twoGroupWeightsAreOneMinusEpsilonAndEpsilon()
    {
        const std::vector<double> w
            = fr::models::fadig::groupWeights({{2.0, 5.0, 9}, {1.0, 2.0, 1}});
        QCOMPARE(w.size(), size_t(2));
        QVERIFY(std::abs(w[0] - 0.25) < 1e-12);
        QVERIFY(std::abs(w[1] - 0.75) < 1e-12);
    }

    void multiGroupWeights()
    {
        // d = 1, 2, 3; D = 6; w_g = (D - d_g) / ((G - 1) D) = 5/12, 4/12, 3/12.
        std::vector<double> w
            = fr::models::fadig::groupWeights({{1.0, 2.0, 4}, {1.0, 3.0, 4}, {1.0, 4.0, 4}});
        QVERIFY(std::abs(w[0] - 5.0 / 12) < 1e-12);
        QVERIFY(std::abs(w[1] - 4.0 / 12) < 1e-12);
        QVERIFY(std::abs(w[2] - 3.0 / 12) < 1e-12);
        // An absent group gets 0 and the others are weighted as two groups: 2/(2+1), 1/(2+1).
        w = fr::models::fadig::groupWeights({{1.0, 2.0, 4}, {0.0, 0.0, 0}, {1.0, 3.0, 4}});
        QVERIFY(std::abs(w[0] - 2.0 / 3) < 1e-12);
        QCOMPARE(w[1], 0.0);
        QVERIFY(std::abs(w[2] - 1.0 / 3) < 1e-12);
        // Guard with three groups: (n - n_g) / ((G - 1) n) for n = 10, sizes 5, 3, 2.
        w = fr::models::fadig::groupWeights({{1.0, 1.0, 5}, {1.0, 1.0, 3}, {1.0, 1.0, 2}});
        QVERIFY(std::abs(w[0] - 5.0 / 20) < 1e-12);
        QVERIFY(std::abs(w[1] - 7.0 / 20) < 1e-12);
        QVERIFY(std::abs(w[2] - 8.0 / 20) < 1e-12);
        // A weight outside [0, 1] (d = 10, -4, -4: D = 2, w_0 = -8/4) falls back too.
        w = fr::models::fadig::groupWeights({{0.0, 10.0, 5}, {5.0, 1.0, 3}, {5.0, 1.0, 2}});
        QVERIFY(std::abs(w[0] - 5.0 / 20) < 1e-12);
    }

    void groupFitsByHand()
    {
        // Group 0: x = (1,0), (3,0); x̂ = (1,0), (2,2). Errors 0 and 1 + 4 = 5 -> L = 5.
        // Mean reconstruction (1.5, 1): L0 = (0.25 + 1) + (2.25 + 1) = 4.5.
        // Group 1: x = (0,0), x̂ = (1,1): L = 2, L0 = ||x - x̂||^2 = 2.
        const std::vector<std::vector<float>> x = {{1, 0}, {3, 0}, {0, 0}};
        const std::vector<std::vector<float>> rec = {{1, 0}, {2, 2}, {1, 1}};
        auto fits = fr::models::fadig::groupFits(x, rec, {0, 0, 1}, {1, 1, 1}, 2, Reduction::Sum);
        QCOMPARE(fits[0].rows, int64_t(2));
        QVERIFY(std::abs(fits[0].fitted - 5.0) < 1e-6);
        QVERIFY(std::abs(fits[0].unfitted - 4.5) < 1e-6);
        QVERIFY(std::abs(fits[1].fitted - 2.0) < 1e-6);
        QVERIFY(std::abs(fits[1].unfitted - 2.0) < 1e-6);
        // Row mean: divided by rows x features (2 x 2 and 1 x 2).
        fits = fr::models::fadig::groupFits(x, rec, {0, 0, 1}, {1, 1, 1}, 2, Reduction::RowMean);
        QVERIFY(std::abs(fits[0].fitted - 1.25) < 1e-6);
        QVERIFY(std::abs(fits[0].unfitted - 1.125) < 1e-6);
        QVERIFY(std::abs(fits[1].fitted - 1.0) < 1e-6);
        // Weight 0 removes the second row from L and from the centre: both 0.
        fits = fr::models::fadig::groupFits(x, rec, {0, 0, 1}, {1, 0, 1}, 2, Reduction::Sum);
        QVERIFY(std::abs(fits[0].fitted) < 1e-6);
        QVERIFY(std::abs(fits[0].unfitted) < 1e-6);
    }

    void contrastiveLossByHand_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("unit codes") << 1.0;
        QTest::newRow("scaled codes (cosine ignores length)") << 7.5;
    }
    void contrastiveLossByHand()
    {
        QFETCH(double, scale);
        const float s = float(scale);
        // U (group 0): (1,0), (0,1); P (group 1): (1,0), (-1,0).
        // P x U cosines: 1, 0, -1, 0 -> L_fair = -log((e + 1 + 1/e + 1) / 4).
        // Within U: cos 0 -> mean sim 1; within P: cos -1 -> 1/e. L_unif = log(1 + 1/e).
        const std::vector<std::vector<float>> z = {{s, 0}, {0, s}, {s, 0}, {-s, 0}};
        const double loss = fr::models::fadig::fairContrastiveLoss(z, {0, 0, 1, 1}, 2);
        const double expected = -std::log((kE + 2.0 + 1.0 / kE) / 4.0) + std::log(1.0 + 1.0 / kE);
        QVERIFY2(std::abs(loss - expected) < 1e-5, qPrintable(QString::number(loss)));
    }

    void contrastiveLossTemperature()
    {
        // τ = 0.5 doubles the exponents: P x U sims e^2, 1; U alone (one P row left out of L_unif).
        const std::vector<std::vector<float>> z = {{1, 0}, {0, 1}, {1, 0}};
        const double loss = fr::models::fadig::fairContrastiveLoss(z, {0, 0, 1}, 2, 0.5);
        const double expected = -std::log((kE * kE + 1.0) / 2.0) + std::log(1.0);
        QVERIFY(std::abs(loss - expected) < 1e-5);
    }

    void contrastiveLossThreeGroups()
    {
        // One row per group: (1,0), (0,1), (-1,0). Pair terms -log sim: 0, 1, 0 -> mean 1/3;
        // no group has two rows, so there is no L_unif.
        const std::vector<std::vector<float>> z = {{1, 0}, {0, 1}, {-1, 0}};
        const double loss = fr::models::fadig::fairContrastiveLoss(z, {0, 1, 2}, 3);
        QVERIFY(std::abs(loss - 1.0 / 3.0) < 1e-5);
    }

    void contrastiveLossOneGroup()
    {
        // Only L_unif: off-diagonal cosines 0, -1, 0 (twice each) -> mean (1 + 1/e + 1) / 3.
        const std::vector<std::vector<float>> z = {{1, 0}, {0, 1}, {-1, 0}};
        const double loss = fr::models::fadig::fairContrastiveLoss(z, {0, 0, 0}, 2);
        QVERIFY(std::abs(loss - std::log((2.0 + 1.0 / kE) / 3.0)) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestFadigLosses)
#include "tst_fadiglosses.moc"
