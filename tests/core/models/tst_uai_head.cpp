// Tests for the UAI head (ALGORITHMS.md §3): the class-weighted BCE on [l(x); s~(x)] with the
// score detached, computed by hand on two- and three-row inputs, and the cold-start rule.
#include "active/ranking_builder.h"
#include "models/uai_head.h"

#include <QtTest>
#include <cmath>

using fr::models::uaiLossCheck;

class TestUaiHead : public QObject {
    Q_OBJECT
private slots:
    // latent [1, -1], scores [3, 1] with mean 2 and std 1 -> s~ = [1, -1]; head weights
    // (0.5 on l, 1 on s~), bias 0 -> logits [1.5, -1.5]; labels [1, 0] (balanced: weights 1).
    // loss = log(1 + e^-1.5); dL/dz = (sigmoid(z) - y) / 2 = [-0.0912133, 0.0912133];
    // dL/dl = 0.5 dL/dz; dL/ds = 0 because s~ is detached.
    void lossAndGradientsByHand()
    {
        auto c = uaiLossCheck({1.0f, -1.0f}, 1, {3.0f, 1.0f}, 2.0, 1.0, {1, 0}, {0.5f, 1.0f}, 0.0f);
        QVERIFY(std::abs(c.loss - std::log1p(std::exp(-1.5))) < 1e-6);
        const double dz = (1.0 / (1.0 + std::exp(-1.5)) - 1.0) / 2.0; // -0.0912133
        QCOMPARE(c.gradLatent.size(), size_t(2));
        QVERIFY(std::abs(c.gradLatent[0] - 0.5 * dz) < 1e-6);
        QVERIFY(std::abs(c.gradLatent[1] + 0.5 * dz) < 1e-6);
        QCOMPARE(c.gradScore[0], 0.0f);
        QCOMPARE(c.gradScore[1], 0.0f);
        // The head's own weights do learn from s~: dL/dw_s = sum dz_i * s~_i = 2 dz.
        QVERIFY(std::abs(c.gradHeadWeights[1] - 2.0 * dz) < 1e-6);
        QVERIFY(std::abs(c.gradHeadBias) < 1e-6); // dz sums to zero
    }

    // Three rows, one anomaly: class weights 3/(2*1) = 1.5 and 3/(2*2) = 0.75. With a zero head
    // every logit is 0: loss = (1.5 + 0.75 + 0.75) log 2 / 3 = log 2, and the bias gradient
    // (1.5 (0.5 - 1) + 2 * 0.75 * 0.5) / 3 = 0: the classes pull equally hard.
    void classWeightsBalanceTheClasses()
    {
        auto c = uaiLossCheck(
            {0.0f, 0.0f, 0.0f}, 1, {1.0f, 2.0f, 3.0f}, 2.0, 1.0, {1, 0, 0}, {0.0f, 0.0f}, 0.0f);
        QVERIFY(std::abs(c.loss - std::log(2.0)) < 1e-6);
        QVERIFY(std::abs(c.gradHeadBias) < 1e-6);
        // Unweighted, the bias gradient would be (-0.5 + 0.5 + 0.5) / 3 = 1/6.
    }

    void scoreGradientIsZeroForEveryRow_data()
    {
        QTest::addColumn<float>("scoreWeight");
        QTest::newRow("positive weight") << 2.0f;
        QTest::newRow("negative weight") << -3.0f;
    }
    void scoreGradientIsZeroForEveryRow()
    {
        QFETCH(float, scoreWeight);
        auto c = uaiLossCheck({0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f}, 2, {5.0f, 1.0f, 0.5f}, 1.0,
            2.0, {1, 0, 0}, {1.0f, -1.0f, scoreWeight}, 0.3f);
        for (float g : c.gradScore)
            QCOMPARE(g, 0.0f);
        double latentNorm = 0.0;
        for (float g : c.gradLatent)
            latentNorm += std::abs(g);
        QVERIFY(latentNorm > 1e-4); // the encoder does learn, through l
    }

    void coldStartSwitching_data()
    {
        QTest::addColumn<int>("roundsDone");
        QTest::addColumn<bool>("bothClasses");
        QTest::addColumn<bool>("headTrained");
        QTest::addColumn<bool>("byHead");
        QTest::newRow("pre-training") << 0 << false << false << false;
        QTest::newRow("round 9, both classes") << 9 << true << true << false;
        QTest::newRow("round 10, both classes") << 10 << true << true << true;
        QTest::newRow("round 50, anomalies only") << 50 << false << true << false;
        QTest::newRow("round 50, head not trained") << 50 << true << false << false;
    }
    void coldStartSwitching()
    {
        QFETCH(int, roundsDone);
        QFETCH(bool, bothClasses);
        QFETCH(bool, headTrained);
        QFETCH(bool, byHead);
        fr::RankReason r = fr::chooseRankReason(roundsDone, 10, bothClasses, headTrained);
        QCOMPARE(r == fr::RankReason::HeadProbability, byHead);
    }
};

QTEST_GUILESS_MAIN(TestUaiHead)
#include "tst_uai_head.moc"
