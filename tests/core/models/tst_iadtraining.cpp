// Seeded end-to-end check of IAD training (ALGORITHMS.md §4) through the Detector facade: on a
// contaminated synthetic set the rounds run, the planted anomalies rank on top, and rows the
// analyst labelled as anomalies stay out of training (weight 0 in every round).
#include "metrics/ranking.h"
#include "models/detector.h"

#include <QtTest>
#include <random>

namespace {

constexpr int64_t kDim = 6;

// Normal rows near a line in 6-D; one row in ten is an anomaly spread over every dimension, or
// clustered, one in four packed around one point off the line (a contamination an autoencoder
// learns).
std::shared_ptr<fr::Dataset> contaminated(int64_t rows, uint64_t seed, bool clustered = false)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> direction(kDim), cluster(kDim);
    for (float& v : direction)
        v = normal(rng);
    for (float& v : cluster)
        v = 3.0f * normal(rng);
    auto data = std::make_shared<fr::Dataset>();
    data->matrix.cols = kDim;
    for (int64_t r = 0; r < rows; ++r) {
        const bool anomaly = r % (clustered ? 4 : 10) == 0;
        const float t = normal(rng);
        for (int64_t c = 0; c < kDim; ++c)
            data->matrix.values.push_back(anomaly
                    ? (clustered ? cluster[c] + 0.02f * normal(rng) : 2.0f * normal(rng))
                    : t * direction[c] + 0.05f * normal(rng));
        data->truth.push_back(anomaly ? 1 : 0);
        data->ids.push_back(std::to_string(r + 1));
    }
    data->matrix.rows = rows;
    data->source = "synthetic";
    return data;
}

fr::ModelOptions iadOptions()
{
    fr::ModelOptions o;
    o.kind = fr::ModelKind::Ae;
    o.device = fr::DeviceChoice::Cpu;
    o.seed = 3;
    o.iad = true;
    o.pretrainSteps = 1600; // 16 rounds x 50 epochs of 2 batches
    o.intraOpThreads = 1;
    return o;
}

} // namespace

class TestIadTraining : public QObject {
    Q_OBJECT
private slots:
    void roundsRunAndAnomaliesRankOnTop()
    {
        auto data = contaminated(500, 9);
        auto detector = fr::models::Detector::create(data, iadOptions());
        QVERIFY2(detector.ok(), detector.error().c_str());
        fr::CancelToken never;
        const fr::Status trained = detector.value()->pretrain(never);
        QVERIFY2(trained.ok(), trained.error().c_str());
        const auto scores = detector.value()->scoreAll(false);
        QVERIFY(scores.ok());
        const auto auc = fr::rocAuc(scores.value().score, data->truth);
        qInfo("AUC with IAD: %g", auc.value());
        QVERIFY2(auc.value() > 0.9, qPrintable(QString::number(auc.value())));
        const std::string hyper = detector.value()->hyperParametersJson();
        QVERIFY2(hyper.find("\"iad\":true") != std::string::npos, hyper.c_str());
    }

    void labelledAnomaliesStayOutOfTraining()
    {
        // A tight cluster of anomalies is learnt (low scores) unless the analyst's labels keep
        // it out of every round; labelled, the cluster must rank above every normal row.
        auto data = contaminated(500, 9, true);
        std::vector<float> weights(size_t(data->rowCount()), 1.0f);
        for (size_t r = 0; r < weights.size(); ++r)
            if (data->truth[r] == 1)
                weights[r] = 0.0f;
        double auc[2] = {0.0, 0.0};
        for (int labelled = 0; labelled < 2; ++labelled) {
            auto detector = fr::models::Detector::create(data, iadOptions());
            QVERIFY(detector.ok());
            fr::CancelToken never;
            const fr::Status trained
                = detector.value()->pretrain(never, {}, labelled ? weights : std::vector<float>());
            QVERIFY2(trained.ok(), trained.error().c_str());
            auc[labelled]
                = fr::rocAuc(detector.value()->scoreAll(false).value().score, data->truth).value();
        }
        qInfo("AUC on a learnt cluster: %g unlabelled, %g labelled", auc[0], auc[1]);
        QVERIFY(auc[1] > 0.97);
        QVERIFY(auc[1] > auc[0] + 0.1);
    }

    void cancelStopsTraining()
    {
        auto data = contaminated(200, 4);
        auto detector = fr::models::Detector::create(data, iadOptions());
        QVERIFY(detector.ok());
        fr::CancelToken cancelled;
        cancelled.cancel();
        QVERIFY(!detector.value()->pretrain(cancelled).ok());
    }
};

QTEST_GUILESS_MAIN(TestIadTraining)
#include "tst_iadtraining.moc"
