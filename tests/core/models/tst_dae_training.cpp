// Tests for the DAE base detector and the shared training loop: a short pre-training makes the DAE
// score off-plane anomalies above the normal rows (batch sampling: tst_batch_sampler).
#include "../active/synthetic_dataset.h"
#include "metrics/ranking.h"
#include "models/detector.h"
#include "models/device.h"

#include <QtTest>

using namespace fr;

class TestDaeTraining : public QObject {
    Q_OBJECT
private slots:
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
