// Tests for AA-BiGAN (ALGORITHMS.md §7): the least-squares targets on a hand-made batch (normal,
// collected anomaly, generated), and training through the Detector on a toy problem: finite, not
// collapsed (the score ranks the toy's anomalies high on its own training set), and the collected
// anomalies change what it learns.
#include "../active/synthetic_dataset.h"
#include "metrics/ranking.h"
#include "models/aa_bigan_losses.h"
#include "models/detector.h"

#include <QtTest>
#include <cmath>

using namespace fr;
namespace ab = fr::models::aabigan;

namespace {

std::unique_ptr<models::Detector> makeDetector(
    std::shared_ptr<Dataset> data, ModelKind kind, int steps, uint64_t seed = 3)
{
    ModelOptions options;
    options.kind = kind;
    options.device = DeviceChoice::Cpu;
    options.seed = seed;
    options.pretrainSteps = steps;
    options.roundSteps = 20;
    options.intraOpThreads = 2;
    auto d = models::Detector::create(data, options);
    return d.ok() ? d.take() : nullptr;
}

} // namespace

class TestAaBigan : public QObject {
    Q_OBJECT
private slots:
    void targetsAreOneHalfAndZeroForTheDiscriminator()
    {
        QCOMPARE(ab::kTargetReal, 1.0);
        QCOMPARE(ab::kTargetAnomaly, 0.5);
        QCOMPARE(ab::kTargetGenerated, 0.0);
        QCOMPARE(ab::kTargetEncoderGenerator, 0.75);
        // D outputs exactly its targets: no loss.
        QCOMPARE(ab::discriminatorLossValue({1.0f, 1.0f}, {}, {0.5f}, {0.0f, 0.0f, 0.0f}), 0.0);
        // Hand-made batch: normal rows 1 and 0 (mean (0 + 1) / 2), an anomaly at 1
        // ((1 - 0.5)^2), generated at 0.5 ((0.5 - 0)^2).
        const double d = ab::discriminatorLossValue({1.0f, 0.0f}, {}, {1.0f}, {0.5f});
        QVERIFY2(std::abs(d - (0.5 + 0.25 + 0.25)) < 1e-6, qPrintable(QString::number(d)));
        // An anomaly is not treated as a normal row: at 1 it costs, at 0.5 it does not.
        QVERIFY(ab::discriminatorLossValue({1.0f}, {}, {1.0f}, {0.0f}) > 0.2);
        QCOMPARE(ab::discriminatorLossValue({1.0f}, {}, {0.5f}, {0.0f}), 0.0);
        // Without collected anomalies the term is absent.
        QCOMPARE(ab::discriminatorLossValue({1.0f}, {}, {}, {0.0f}), 0.0);
        // Row weights scale the normal rows' terms (a weight of 0 drops a row).
        const double weighted = ab::discriminatorLossValue({1.0f, 0.0f}, {1.0f, 0.0f}, {}, {0.0f});
        QCOMPARE(weighted, 0.0);
    }

    void encoderAndGeneratorAimAtThreeQuartersOnAllThree()
    {
        QCOMPARE(ab::encoderGeneratorLossValue({0.75f}, {}, {0.75f}, {0.75f}), 0.0);
        // (1 - 0.75)^2 + (0.5 - 0.75)^2 + (0 - 0.75)^2
        const double g = ab::encoderGeneratorLossValue({1.0f}, {}, {0.5f}, {0.0f});
        QVERIFY2(std::abs(g - (0.0625 + 0.0625 + 0.5625)) < 1e-6, qPrintable(QString::number(g)));
    }

    void trainsFiniteAndRanksTheToysAnomaliesHigh()
    {
        auto data = test::syntheticDataset(1000, 50);
        auto detector = makeDetector(data, ModelKind::AaBigan, 300);
        QVERIFY(detector);
        CancelToken cancel;
        const Status trained = detector->pretrain(cancel);
        QVERIFY2(trained.ok(), trained.error().c_str());
        auto out = detector->scoreAll(true);
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().c_str());
        for (float s : out.value().score)
            QVERIFY(std::isfinite(s));
        QCOMPARE(out.value().latentDim, int64_t(16));
        // A collapsed generator reconstructs every row alike and ranks at chance.
        auto auc = rocAuc(out.value().score, data->truth);
        QVERIFY(auc.ok());
        QVERIFY2(auc.value() > 0.85, qPrintable(QString::number(auc.value())));
    }

    void collectedAnomaliesChangeTheModel()
    {
        auto data = test::syntheticDataset(600, 30);
        std::vector<float> weights(600, 1.0f);
        std::vector<int64_t> anomalies;
        for (int64_t r = 0; r < 600; ++r)
            if (data->truth[static_cast<size_t>(r)] == 1 && anomalies.size() < 10) {
                anomalies.push_back(r);
                weights[static_cast<size_t>(r)] = 0.0f;
            }
        CancelToken cancel;
        auto without = makeDetector(data, ModelKind::AaBigan, 100);
        auto with = makeDetector(data, ModelKind::AaBigan, 100);
        QVERIFY(without && with);
        QVERIFY(without->pretrain(cancel, {}, weights).ok());
        QVERIFY(with->pretrain(cancel, {}, weights, anomalies).ok());
        auto a = without->scoreAll(false), b = with->scoreAll(false);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value().score != b.value().score);
        // An anomaly row outside the data is refused with a message.
        auto third = makeDetector(data, ModelKind::AaBigan, 10);
        const Status refused = third->pretrain(cancel, {}, weights, {600});
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().find("outside") != std::string::npos);
    }

    void cancelledTrainingStopsAtOnce()
    {
        auto data = test::syntheticDataset(300, 10);
        auto detector = makeDetector(data, ModelKind::AaBigan, 100000);
        CancelToken cancel;
        cancel.cancel();
        QVERIFY(detector->pretrain(cancel).isCancelled());
    }
};

QTEST_GUILESS_MAIN(TestAaBigan)
#include "tst_aabigan.moc"
