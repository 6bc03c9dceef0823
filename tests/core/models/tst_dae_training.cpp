// Tests for the DAE base detector and the shared training loop: batch sampling (epochs without
// replacement, group stratification, excluded rows), and that a short pre-training makes the DAE
// score off-plane anomalies above the normal rows.
#include "../active/synthetic_dataset.h"
#include "metrics/ranking.h"
#include "models/batch_sampler.h"
#include "models/detector.h"
#include "models/device.h"

#include <QtTest>
#include <set>

using namespace fr;

class TestDaeTraining : public QObject {
    Q_OBJECT
private slots:
    void samplerCoversEveryRowOncePerEpoch()
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

    void samplerSkipsZeroWeightRows()
    {
        std::mt19937_64 rng(2);
        std::vector<float> w = {1, 0, 1, 0, 1, 1};
        models::BatchSampler sampler({}, w, 3, false, rng);
        QCOMPARE(sampler.eligibleRows(), int64_t(4));
        for (int b = 0; b < 10; ++b)
            for (int64_t r : sampler.next())
                QVERIFY(r != 1 && r != 3);
    }

    // 95 rows of group 0 and 5 of group 1, batches of 10: proportional shares would give group 1
    // half a row; the floor of 2 puts both groups in every batch.
    void stratifiedBatchesHoldEveryGroup()
    {
        std::vector<int64_t> groups(100, 0);
        for (int r = 95; r < 100; ++r)
            groups[r] = 1;
        std::mt19937_64 rng(3);
        models::BatchSampler sampler(groups, {}, 10, true, rng);
        for (int b = 0; b < 20; ++b) {
            int minority = 0;
            for (int64_t r : sampler.next())
                minority += groups[r] == 1;
            QCOMPARE(minority, 2);
        }
    }

    void pretrainingRanksAnomaliesFirst()
    {
        auto data = test::syntheticDataset(1200, 40);
        ModelOptions options;
        options.kind = ModelKind::Dae;
        options.device = DeviceChoice::Cpu;
        options.pretrainSteps = 600;
        options.intraOpThreads = 2;
        auto detector = models::Detector::create(data, options);
        QVERIFY2(detector.ok(), detector.error().c_str());
        CancelToken cancel;
        Status trained = detector.value()->pretrain(cancel);
        QVERIFY2(trained.ok(), trained.error().c_str());
        auto out = detector.value()->scoreAll(true);
        QVERIFY(out.ok());
        QCOMPARE(out.value().score.size(), size_t(1200));
        QCOMPARE(out.value().latent.size(), size_t(1200 * 8));
        QVERIFY(out.value().probability.empty()); // no head on a plain DAE
        auto auc = rocAuc(out.value().score, data->truth);
        QVERIFY(auc.ok());
        QVERIFY2(auc.value() > 0.9, std::to_string(auc.value()).c_str());
    }

    void cancelledPretrainingReportsIt()
    {
        auto data = test::syntheticDataset(300, 10);
        ModelOptions options;
        options.device = DeviceChoice::Cpu;
        auto detector = models::Detector::create(data, options);
        QVERIFY(detector.ok());
        CancelToken cancel;
        cancel.cancel();
        Status s = detector.value()->pretrain(cancel);
        QVERIFY(!s.ok());
        QVERIFY(s.isCancelled()); // told apart by its code, not by comparing the message
        QCOMPARE(int(s.code()), int(ErrorCode::Cancelled));
    }

    // Auto picks CUDA exactly when torch sees a device; asking for CUDA without one is an error
    // that says what to do.
    void deviceChoice()
    {
        auto data = test::syntheticDataset(100, 5);
        ModelOptions options;
        options.device = DeviceChoice::Auto;
        auto automatic = models::Detector::create(data, options);
        QVERIFY(automatic.ok());
        QCOMPARE(QString::fromStdString(automatic.value()->deviceName()),
            QString(models::cudaAvailable() ? "cuda" : "cpu"));
        options.device = DeviceChoice::Cuda;
        auto cuda = models::Detector::create(data, options);
        QCOMPARE(cuda.ok(), models::cudaAvailable());
        if (!cuda.ok())
            QVERIFY(QString::fromStdString(cuda.error()).contains("no CUDA device"));
    }
};

QTEST_GUILESS_MAIN(TestDaeTraining)
#include "tst_dae_training.moc"
