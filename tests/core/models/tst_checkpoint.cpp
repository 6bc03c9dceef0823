// Tests for detector checkpoints (model + head + optimiser as bytes) and the 2-D latent PCA.
#include "../active/synthetic_dataset.h"
#include "models/detector.h"
#include "util/tensor_bundle.h"

#include <QtTest>
#include <cmath>

using namespace fr;

namespace {

std::unique_ptr<models::Detector> makeDetector(
    std::shared_ptr<Dataset> data, uint64_t seed, ModelKind kind = ModelKind::UaiNet)
{
    ModelOptions options;
    options.kind = kind;
    options.device = DeviceChoice::Cpu;
    options.seed = seed;
    options.pretrainSteps = 150;
    options.roundSteps = 20;
    options.intraOpThreads = 2;
    auto d = models::Detector::create(data, options);
    return d.ok() ? d.take() : nullptr;
}

} // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private slots:
    // Every model that trains in rounds, AA-BiGAN with its two optimisers and Deep SAD with its
    // centre included (ALGORITHMS.md §7).
    void roundTripReproducesScores_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("uainet") << static_cast<int>(ModelKind::UaiNet);
        QTest::newRow("aa-bigan-uai") << static_cast<int>(ModelKind::AaBiganUai);
        QTest::newRow("aa-bigan") << static_cast<int>(ModelKind::AaBigan);
        QTest::newRow("deep-sad") << static_cast<int>(ModelKind::DeepSad);
    }
    void roundTripReproducesScores()
    {
        QFETCH(int, kind);
        const auto model = static_cast<ModelKind>(kind);
        auto data = test::syntheticDataset(600, 20);
        auto trained = makeDetector(data, 1, model);
        QVERIFY(trained);
        CancelToken cancel;
        QVERIFY(trained->pretrain(cancel).ok());
        const test::TruthLabels first = test::firstRowsByTruth(*data, 60);
        QVERIFY(trained->update(first.rows, first.labels, cancel).ok());
        QCOMPARE(trained->headTrained(), hasUaiHead(model));
        auto before = trained->scoreAll(true);
        QVERIFY(before.ok());
        auto bytes = trained->saveCheckpoint();
        QVERIFY(bytes.ok());
        QVERIFY(bytes.value().size() > 1000);

        // Other initial weights; with the Isolation Forest prior the same seed, since the forest
        // is fitted from the seed, not kept in the checkpoint (the untrained weights still differ).
        auto fresh = makeDetector(data, usesIsolationPrior(model) ? 1 : 99, model);
        QVERIFY(fresh);
        Status restored = fresh->restoreCheckpoint(bytes.value());
        QVERIFY2(restored.ok(), restored.error().c_str());
        QCOMPARE(fresh->headTrained(), hasUaiHead(model));
        auto after = fresh->scoreAll(true);
        QVERIFY(after.ok());
        QCOMPARE(after.value().score, before.value().score);
        QCOMPARE(after.value().probability, before.value().probability);
        QCOMPARE(after.value().latent, before.value().latent);
        // The optimiser's moments and step counts came along too: saving the restored detector
        // gives back the same bytes.
        auto resaved = fresh->saveCheckpoint();
        QVERIFY(resaved.ok());
        QVERIFY(resaved.value() == bytes.value());
    }

    void corruptCheckpointIsRejectedAndHarmless()
    {
        auto data = test::syntheticDataset(300, 10);
        auto detector = makeDetector(data, 2);
        CancelToken cancel;
        QVERIFY(detector->pretrain(cancel).ok());
        auto before = detector->scoreAll(false);
        std::vector<uint8_t> junk(200, 7);
        Status s = detector->restoreCheckpoint(junk);
        QVERIFY(!s.ok());
        QVERIFY(QString::fromStdString(s.error()).contains("checkpoint"));
        auto after = detector->scoreAll(false);
        QCOMPARE(after.value().score, before.value().score);
    }

    // A checkpoint that decodes but does not fit the model (an array of another shape, one
    // missing) names the array, and the model from before stays, even when some parameters had
    // already been filled when the misfit was found.
    void misfittingCheckpointNamesTheArrayAndKeepsTheModel()
    {
        auto data = test::syntheticDataset(300, 10);
        auto detector = makeDetector(data, 3);
        CancelToken cancel;
        QVERIFY(detector->pretrain(cancel).ok());
        auto saved = detector->saveCheckpoint();
        QVERIFY(saved.ok());
        auto before = detector->scoreAll(false);
        auto bundle = TensorBundle::decode(saved.value());
        QVERIFY2(bundle.ok(), bundle.error().c_str());

        std::string last;
        for (const auto& entry : bundle.value().arrays())
            if (entry.first.rfind("net.", 0) == 0)
                last = entry.first; // the last parameter filled: the others are in by then
        QVERIFY(!last.empty());
        TensorBundle reshaped = bundle.value();
        BundleArray wrong = *reshaped.find(last);
        wrong.shape.push_back(1);
        reshaped.put(last, wrong);
        Status s = detector->restoreCheckpoint(reshaped.encode());
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.error()).contains(QString::fromStdString(last)),
            s.error().c_str());
        QCOMPARE(detector->scoreAll(false).value().score, before.value().score);

        TensorBundle missing;
        for (const auto& entry : bundle.value().arrays())
            if (entry.first != "meta")
                missing.put(entry.first, entry.second);
        s = detector->restoreCheckpoint(missing.encode());
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.error()).contains("'meta'"), s.error().c_str());
        QCOMPARE(detector->scoreAll(false).value().score, before.value().score);
    }

    // Points on the line (t, 2t) plus a small orthogonal wiggle: the first axis carries the line,
    // |x| = sqrt(5) |t - mean t|, and the second the wiggle.
    void pcaFindsTheMainAxis()
    {
        std::vector<float> latent;
        const int rows = 50;
        for (int i = 0; i < rows; ++i) {
            float t = static_cast<float>(i) / 10.0f;
            float w = (i % 2 ? 0.01f : -0.01f);
            latent.push_back(t - 2.0f * w / std::sqrt(5.0f));
            latent.push_back(2.0f * t + w / std::sqrt(5.0f));
        }
        auto p = models::Detector::projectLatent(latent, rows, 2);
        QCOMPARE(p.x.size(), size_t(rows));
        const float meanT = 2.45f;
        for (int i = 0; i < rows; ++i) {
            float expected = std::sqrt(5.0f) * std::abs(i / 10.0f - meanT);
            QVERIFY(std::abs(std::abs(p.x[i]) - expected) < 1e-3);
            QVERIFY(std::abs(std::abs(p.y[i]) - 0.01f) < 1e-3);
        }
    }

    // The sign follows the previous projection, so the plot does not flip between versions.
    void pcaOrientationFollowsThePreviousVersion()
    {
        std::vector<float> latent, mirrored;
        for (int i = 0; i < 40; ++i) {
            float a = std::sin(i * 0.7f) * 3.0f, b = std::cos(i * 1.3f);
            latent.insert(latent.end(), {a, b, 0.1f * a});
            mirrored.insert(mirrored.end(), {-a, -b, -0.1f * a});
        }
        auto first = models::Detector::projectLatent(latent, 40, 3);
        auto second = models::Detector::projectLatent(mirrored, 40, 3, &first);
        for (int i = 0; i < 40; ++i) {
            QVERIFY(std::abs(first.x[i] - second.x[i]) < 1e-4);
            QVERIFY(std::abs(first.y[i] - second.y[i]) < 1e-4);
        }
        // Without a previous version: the heavier tail points to +x.
        double skew = 0.0;
        for (float v : first.x)
            skew += double(v) * v * v;
        QVERIFY(skew >= 0.0);
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
