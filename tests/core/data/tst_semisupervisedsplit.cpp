// Tests for the semi-supervised protocol's split (data/semi_supervised_split.h): stratified and
// seeded, the collected anomalies in their ratio and classes, and messages for what cannot be done.
#include "data/semi_supervised_split.h"

#include <QtTest>
#include <algorithm>
#include <set>

using namespace fr;

namespace {

// 1,000 normals (class 0) and 100 anomalies of classes 1 and 2 alternately.
void makeRows(std::vector<int8_t>& truth, std::vector<int>& cls)
{
    for (int r = 0; r < 1100; ++r) {
        const bool anomaly = r % 11 == 0;
        truth.push_back(anomaly ? 1 : 0);
        cls.push_back(anomaly ? 1 + (r / 11) % 2 : 0);
    }
}

} // namespace

class TestSemiSupervisedSplit : public QObject {
    Q_OBJECT
private slots:
    void splitIsStratifiedSeededAndDisjoint()
    {
        std::vector<int8_t> truth;
        std::vector<int> cls;
        makeRows(truth, cls);
        SemiSupervisedOptions options;
        options.seed = 4;
        options.labelledAnomalyRatio = 0.05;
        auto split = splitSemiSupervised(truth, cls, options);
        QVERIFY2(split.ok(), split.ok() ? "" : split.error().c_str());
        const SemiSupervisedSplit& s = split.value();
        QCOMPARE(s.test.size(), size_t(400 + 40)); // 40% of each class
        QCOMPARE(s.trainNormals.size(), size_t(600));
        QCOMPARE(s.labelledAnomalies.size(), size_t(30)); // 5% of the 600 training normals
        QCOMPARE(s.unusedAnomalies, int64_t(60 - 30));
        std::set<int64_t> seen;
        for (const auto* part : {&s.test, &s.trainNormals, &s.labelledAnomalies})
            for (int64_t r : *part)
                QVERIFY(seen.insert(r).second);
        for (int64_t r : s.trainNormals)
            QCOMPARE(truth[static_cast<size_t>(r)], int8_t(0));
        for (int64_t r : s.labelledAnomalies)
            QCOMPARE(truth[static_cast<size_t>(r)], int8_t(1));
        // The same seed, the same split; another seed, another.
        QCOMPARE(splitSemiSupervised(truth, cls, options).value().test, s.test);
        options.seed = 5;
        QVERIFY(splitSemiSupervised(truth, cls, options).value().test != s.test);
        const std::vector<float> w = trainingWeights(s, 1100);
        QCOMPARE(std::count(w.begin(), w.end(), 1.0f), std::ptrdiff_t(600));
    }

    void anomalyClassesSelectTheCollectedOnes()
    {
        std::vector<int8_t> truth;
        std::vector<int> cls;
        makeRows(truth, cls);
        SemiSupervisedOptions options;
        options.labelledAnomalyRatio = 0.02;
        options.anomalyClasses = {2};
        auto split = splitSemiSupervised(truth, cls, options);
        QVERIFY(split.ok());
        QCOMPARE(split.value().labelledAnomalies.size(), size_t(12));
        for (int64_t r : split.value().labelledAnomalies)
            QCOMPARE(cls[static_cast<size_t>(r)], 2);
        // The test part keeps anomalies of every class.
        std::set<int> testClasses;
        for (int64_t r : split.value().test)
            testClasses.insert(cls[static_cast<size_t>(r)]);
        QCOMPARE(testClasses, (std::set<int> {0, 1, 2}));
    }

    void refusesWhatCannotBeDone()
    {
        std::vector<int8_t> truth;
        std::vector<int> cls;
        makeRows(truth, cls);
        SemiSupervisedOptions options;
        options.labelledAnomalyRatio = 0.5; // 300 wanted, 60 in the training part
        auto tooMany = splitSemiSupervised(truth, cls, options);
        QVERIFY(!tooMany.ok());
        QVERIFY(tooMany.error().find("lower --labelled-anomalies") != std::string::npos);
        options.labelledAnomalyRatio = 0.01;
        options.anomalyClasses = {1};
        auto noClasses = splitSemiSupervised(truth, {}, options);
        QVERIFY(!noClasses.ok());
        QVERIFY(noClasses.error().find("class per row") != std::string::npos);
        options.anomalyClasses.clear();
        options.testShare = 1.0;
        QVERIFY(!splitSemiSupervised(truth, cls, options).ok());
        QVERIFY(!splitSemiSupervised({}, {}, SemiSupervisedOptions {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestSemiSupervisedSplit)
#include "tst_semisupervisedsplit.moc"
