// Seeded end-to-end checks of the FADIG family (FADIG, its ablations, the plain AE) through the
// Detector facade on a tiny synthetic set: training lowers the reconstruction error of the normal
// rows at least by half (the loss goes down) and the planted anomalies rank on top.
#include "metrics/group_metrics.h"
#include "metrics/ranking.h"
#include "models/detector.h"

#include <QtTest>
#include <cmath>
#include <random>

namespace {

constexpr int64_t kDim = 8;

// Normal rows lie near a 2-D plane (a different plane per group, so that the groups differ);
// anomalies, 5% of each group, are spread over all 8 dimensions.
std::shared_ptr<fr::Dataset> syntheticGroups(const std::vector<int64_t>& sizes, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    auto data = std::make_shared<fr::Dataset>();
    data->matrix.cols = kDim;
    for (size_t g = 0; g < sizes.size(); ++g) {
        data->groupNames.push_back("g" + std::to_string(g));
        std::vector<float> plane(2 * kDim);
        for (float& v : plane)
            v = normal(rng);
        for (int64_t r = 0; r < sizes[g]; ++r) {
            const bool anomaly = r % 20 == 0;
            const float u = normal(rng), v = normal(rng);
            for (int64_t c = 0; c < kDim; ++c) {
                const float value = anomaly
                    ? 2.5f * normal(rng)
                    : u * plane[c] + v * plane[kDim + c] + 0.05f * normal(rng);
                data->matrix.values.push_back(value);
            }
            data->groups.push_back(int(g));
            data->truth.push_back(anomaly ? 1 : 0);
            data->ids.push_back(std::to_string(data->ids.size() + 1));
        }
    }
    data->matrix.rows = int64_t(data->ids.size());
    data->protectedGroup = int(sizes.size()) - 1;
    data->source = "synthetic";
    return data;
}

double meanNormalScore(const std::vector<float>& score, const std::vector<int8_t>& truth)
{
    double sum = 0.0;
    int64_t count = 0;
    for (size_t i = 0; i < score.size(); ++i) {
        if (truth[i] == 0) {
            sum += score[i];
            ++count;
        }
    }
    return sum / double(count);
}

fr::ModelOptions options(fr::ModelKind kind)
{
    fr::ModelOptions o;
    o.kind = kind;
    o.device = fr::DeviceChoice::Cpu;
    o.seed = 7;
    o.pretrainSteps = 400;
    o.intraOpThreads = 1;
    return o;
}

} // namespace

class TestFadigNet : public QObject {
    Q_OBJECT
private slots:
    void trainingLowersTheLossAndFindsAnomalies_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("fadig") << "fadig";
        QTest::newRow("fadig-noeps") << "fadig-noeps";
        QTest::newRow("fadig-nofac") << "fadig-nofac";
        QTest::newRow("ae") << "ae";
        QTest::newRow("fadig-uai base") << "fadig-uai";
    }
    void trainingLowersTheLossAndFindsAnomalies()
    {
        QFETCH(QString, model);
        auto data = syntheticGroups({480, 120}, 11);
        auto created
            = fr::models::Detector::create(data, options(*fr::parseModelKind(model.toStdString())));
        QVERIFY2(created.ok(), created.error().c_str());
        fr::models::Detector& detector = *created.value();
        const auto before = detector.scoreAll(false);
        QVERIFY(before.ok());
        fr::CancelToken never;
        const fr::Status trained = detector.pretrain(never);
        QVERIFY2(trained.ok(), trained.error().c_str());
        const auto after = detector.scoreAll(false);
        QVERIFY(after.ok());
        const double errorBefore = meanNormalScore(before.value().score, data->truth);
        const double errorAfter = meanNormalScore(after.value().score, data->truth);
        qInfo("%s: %g -> %g", qPrintable(model), errorBefore, errorAfter);
        QVERIFY2(errorAfter < 0.5 * errorBefore,
            qPrintable(QString("%1 -> %2").arg(errorBefore).arg(errorAfter)));
        const auto auc = fr::rocAuc(after.value().score, data->truth);
        QVERIFY(auc.ok());
        QVERIFY2(auc.value() > 0.9, qPrintable(QString::number(auc.value())));
    }

    void sameSeedSameScores()
    {
        auto data = syntheticGroups({480, 120}, 11);
        std::vector<float> first;
        for (int run = 0; run < 2; ++run) {
            auto detector = fr::models::Detector::create(data, options(fr::ModelKind::Fadig));
            QVERIFY(detector.ok());
            fr::CancelToken never;
            QVERIFY(detector.value()->pretrain(never).ok());
            const std::vector<float> score = detector.value()->scoreAll(false).value().score;
            if (run == 0)
                first = score;
            else
                QCOMPARE(score, first);
        }
    }

    void threeGroupsTrain()
    {
        // The multi-group extension (appendix E.4): three groups, one small.
        auto data = syntheticGroups({300, 200, 60}, 5);
        auto detector = fr::models::Detector::create(data, options(fr::ModelKind::Fadig));
        QVERIFY(detector.ok());
        fr::CancelToken never;
        const fr::Status trained = detector.value()->pretrain(never);
        QVERIFY2(trained.ok(), trained.error().c_str());
        const auto scores = detector.value()->scoreAll(false);
        const auto auc = fr::rocAuc(scores.value().score, data->truth);
        QVERIFY2(auc.value() > 0.9, qPrintable(QString::number(auc.value())));
    }
};

QTEST_GUILESS_MAIN(TestFadigNet)
#include "tst_fadignet.moc"
