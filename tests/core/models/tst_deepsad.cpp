// Tests for Deep SAD (ALGORITHMS.md §7): the centre from the initial forward pass with its eps
// rule, the loss on tiny inputs against hand-computed values, and training through the Detector:
// the labelled anomalies end up farther from the centre than the normal rows.
#include "../active/synthetic_dataset.h"
#include "models/deep_sad_losses.h"
#include "models/detector.h"

#include <QtTest>
#include <cmath>
#include <numeric>

using namespace fr;
namespace ds = fr::models::deepsad;

class TestDeepSad : public QObject {
    Q_OBJECT
private slots:
    void centreIsTheMeanAwayFromZero()
    {
        // Two codes of three values: means 2, 0.05, -0.05 -> 2, 0.1, -0.1 (|c_j| < 0.1 moved out).
        const std::vector<float> c = ds::centreValues({1.0f, 0.0f, -0.1f, 3.0f, 0.1f, 0.0f}, 3);
        QCOMPARE(c.size(), size_t(3));
        QVERIFY(std::abs(c[0] - 2.0f) < 1e-6f);
        QVERIFY(std::abs(c[1] - 0.1f) < 1e-6f);
        QVERIFY(std::abs(c[2] + 0.1f) < 1e-6f);
    }

    void lossPullsNormalsAndPushesAnomalies()
    {
        const std::vector<float> centre {0.0f, 0.0f};
        // Unlabelled at distance^2 1 and 4, no anomalies: (1 + 4) / 2.
        QVERIFY(std::abs(ds::lossValue({1.0f, 0.0f, 0.0f, 2.0f}, {}, {}, centre) - 2.5) < 1e-6);
        // One anomaly at distance^2 4 adds eta / 4 and counts as a row: (1 + 4 + 0.25) / 3.
        const double l = ds::lossValue({1.0f, 0.0f, 0.0f, 2.0f}, {}, {2.0f, 0.0f}, centre);
        QVERIFY2(std::abs(l - 5.25 / 3.0) < 1e-5, qPrintable(QString::number(l)));
        // The farther the anomaly, the lower the loss.
        QVERIFY(ds::lossValue({1.0f, 0.0f}, {}, {4.0f, 0.0f}, centre)
            < ds::lossValue({1.0f, 0.0f}, {}, {1.0f, 0.0f}, centre));
        // Row weights: a weight of 0 drops the row's pull.
        QVERIFY(std::abs(ds::lossValue({1.0f, 0.0f, 0.0f, 2.0f}, {1.0f, 0.0f}, {}, centre) - 0.5)
            < 1e-6);
    }

    void labelledAnomaliesEndUpFarFromTheCentre()
    {
        auto data = test::syntheticDataset(800, 40);
        std::vector<float> weights(800, 1.0f);
        std::vector<int64_t> labelled;
        for (int64_t r = 0; r < 800; ++r)
            if (data->truth[static_cast<size_t>(r)] == 1) {
                weights[static_cast<size_t>(r)] = 0.0f;
                if (labelled.size() < 20)
                    labelled.push_back(r);
            }
        ModelOptions options;
        options.kind = ModelKind::DeepSad;
        options.device = DeviceChoice::Cpu;
        options.seed = 5;
        options.pretrainSteps = 600;
        options.intraOpThreads = 2;
        auto detector = models::Detector::create(data, options);
        QVERIFY(detector.ok());
        CancelToken cancel;
        const Status trained = detector.value()->pretrain(cancel, {}, weights, labelled);
        QVERIFY2(trained.ok(), trained.error().c_str());
        auto out = detector.value()->scoreAll(false);
        QVERIFY(out.ok());
        double normal = 0.0, anomaly = 0.0;
        int normals = 0, anomalies = 0;
        for (size_t r = 0; r < 800; ++r) {
            QVERIFY(std::isfinite(out.value().score[r]));
            if (data->truth[r] == 1) {
                anomaly += out.value().score[r];
                ++anomalies;
            } else {
                normal += out.value().score[r];
                ++normals;
            }
        }
        // Every anomaly, the 20 unlabelled ones too, lies on average far outside the normals.
        QVERIFY2(anomaly / anomalies > 5.0 * normal / normals,
            qPrintable(QString("%1 vs %2").arg(anomaly / anomalies).arg(normal / normals)));
    }
};

QTEST_GUILESS_MAIN(TestDeepSad)
#include "tst_deepsad.moc"
