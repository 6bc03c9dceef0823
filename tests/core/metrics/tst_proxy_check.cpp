// Tests for the proxy check: a copy of the group (and its reverse) is found with AUC 1, noise and
// constant columns are not, ties at their average rank, three groups one-vs-rest, bad input, speed.
#include "metrics/proxy_check.h"

#include "metrics_test_support.h"

#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using Groups = std::vector<int>;
using Proxies = std::vector<fr::ProxyFeature>;

namespace {

// Columns given one vector each, stored row-major as the model sees them.
fr::FeatureMatrix matrixOfColumns(const std::vector<std::vector<float>>& columns)
{
    fr::FeatureMatrix matrix;
    matrix.cols = static_cast<int64_t>(columns.size());
    matrix.rows = columns.empty() ? 0 : static_cast<int64_t>(columns.front().size());
    for (int64_t r = 0; r < matrix.rows; ++r) {
        for (const std::vector<float>& column : columns)
            matrix.values.push_back(column[r]);
    }
    return matrix;
}

// Brute force over every (group row, other row) pair, a tie counting one half, NaN as -inf.
double bruteForceAuc(const std::vector<float>& rawValues, const Groups& groups, int group)
{
    std::vector<float> values;
    for (float v : rawValues)
        values.push_back(std::isnan(v) ? -std::numeric_limits<float>::infinity() : v);
    double wins = 0;
    double pairs = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        for (size_t j = 0; j < values.size(); ++j) {
            if (groups[i] != group || groups[j] == group || groups[j] == fr::kNoGroup)
                continue;
            wins += values[i] > values[j] ? 1.0 : values[i] == values[j] ? 0.5 : 0.0;
            pairs += 1;
        }
    }
    return wins / pairs;
}

Proxies proxiesOf(const fr::FeatureMatrix& matrix, const Groups& groups, int groupCount,
    double threshold = fr::kProxyAucThreshold)
{
    const auto result = fr::findGroupProxies(matrix, groups, groupCount, threshold);
    if (!result.ok())
        qFatal("findGroupProxies failed: %s", result.error().c_str());
    return result.value();
}

} // namespace

class TestProxyCheck : public QObject {
    Q_OBJECT
private slots:
    void copyAndReversedCopyFoundNoiseNot()
    {
        // Columns: 0 noise, 1 a copy of the group, 2 the copy reversed, 3 constant.
        std::mt19937_64 rng(3);
        std::normal_distribution<float> noise(0.0f, 1.0f);
        Groups groups;
        std::vector<std::vector<float>> columns(4);
        for (int r = 0; r < 2000; ++r) {
            const int group = r % 3 == 0 ? 1 : 0;
            groups.push_back(group);
            columns[0].push_back(noise(rng));
            columns[1].push_back(float(group));
            columns[2].push_back(-float(group));
            columns[3].push_back(7.0f);
        }
        const Proxies proxies = proxiesOf(matrixOfColumns(columns), groups, 2);
        QCOMPARE(int(proxies.size()), 2);
        QCOMPARE(qint64(proxies[0].column), qint64(1));
        QCOMPARE(qint64(proxies[1].column), qint64(2));
        for (const fr::ProxyFeature& proxy : proxies) {
            QCOMPARE(proxy.auc, 1.0);
            QCOMPARE(proxy.group, 0); // two groups: reported once, under group 0
        }
        // Everything shows at the lowest threshold; noise sits near 0.5, the constant at 0.5.
        const Proxies all = proxiesOf(matrixOfColumns(columns), groups, 2, 0.5);
        QCOMPARE(int(all.size()), 4);
        QCOMPARE(qint64(all.back().column), qint64(3));
        QCOMPARE(all.back().auc, 0.5);
        QCOMPARE(qint64(all[2].column), qint64(0));
        QVERIFY(all[2].auc < 0.55);
    }
    void strongestFirstAndThreshold()
    {
        // Column 0 separates the groups except for one swapped pair; column 1 perfectly.
        const Groups groups {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        const std::vector<float> almost {1, 2, 3, 4, 6, 5, 7, 8, 9, 10};
        const std::vector<float> perfect {0, 0, 0, 0, 0, 3, 3, 3, 3, 3};
        const fr::FeatureMatrix matrix = matrixOfColumns({almost, perfect});
        const Proxies proxies = proxiesOf(matrix, groups, 2);
        QCOMPARE(int(proxies.size()), 2);
        QCOMPARE(qint64(proxies[0].column), qint64(1));
        QCOMPARE(proxies[0].auc, 1.0);
        COMPARE_FIGURE(proxies[1].auc, 24.0 / 25.0);
        QVERIFY(proxiesOf(matrix, groups, 2, 0.97).size() == 1);
        QVERIFY(proxiesOf(matrix, groups, 2, 0.95).size() == 2);
    }
    void tiesAtAverageRank_data()
    {
        QTest::addColumn<std::vector<float>>("values");
        QTest::addColumn<Groups>("groups");
        QTest::addColumn<int>("groupCount");
        QTest::addColumn<int>("group");
        QTest::newRow("tie across groups")
            << std::vector<float> {1, 2, 2, 2, 3} << Groups {0, 0, 0, 1, 1} << 2 << 0;
        QTest::newRow("all tied but one")
            << std::vector<float> {5, 5, 5, 5, 9} << Groups {1, 0, 1, 0, 1} << 2 << 0;
        QTest::newRow("kNoGroup rows ignored")
            << std::vector<float> {0, 1, 2, 100, -100} << Groups {0, 0, 1, -1, -1} << 2 << 0;
        QTest::newRow("NaN as -inf")
            << std::vector<float> {nanf(""), 1, 2, nanf("")} << Groups {0, 0, 1, 1} << 2 << 0;
        QTest::newRow("-0 ties +0")
            << std::vector<float> {-0.0f, 0.0f, 1, -1} << Groups {0, 1, 1, 0} << 2 << 0;
        const std::vector<float> three {1, 1, 2, 2, 2, 3, 3, 0, 4, 2};
        const Groups threeGroups {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
        for (int g = 0; g < 3; ++g) {
            const QByteArray name = "three groups, group " + QByteArray::number(g);
            QTest::newRow(name.constData()) << three << threeGroups << 3 << g;
        }
    }
    void tiesAtAverageRank()
    {
        QFETCH(std::vector<float>, values);
        QFETCH(Groups, groups);
        QFETCH(int, groupCount);
        QFETCH(int, group);
        const double auc = bruteForceAuc(values, groups, group);
        const double folded = std::max(auc, 1.0 - auc);
        const Proxies all = proxiesOf(matrixOfColumns({values}), groups, groupCount, 0.5);
        const auto found = std::find_if(all.begin(), all.end(),
            [group](const fr::ProxyFeature& p) { return p.group == group; });
        QVERIFY(found != all.end());
        COMPARE_FIGURE(found->auc, folded);
    }
    void tieAcrossGroupsByHand()
    {
        // Group 0 {1, 2, 2} vs rest {2, 3}: 1 beats nothing, each 2 ties the 2 (1/2) -> 1 of 6
        // pairs, AUC 1/6, folded 5/6.
        const Proxies proxies
            = proxiesOf(matrixOfColumns({{1, 2, 2, 2, 3}}), Groups {0, 0, 0, 1, 1}, 2, 0.5);
        QCOMPARE(int(proxies.size()), 1);
        COMPARE_FIGURE(proxies[0].auc, 5.0 / 6.0);
    }
    void threeGroupsOneVsRest()
    {
        // Column 0 marks group 2 only (one-vs-rest AUC 1 for group 2); column 1 is noise.
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<float> unit(0.0f, 1.0f);
        Groups groups;
        std::vector<std::vector<float>> columns(2);
        for (int r = 0; r < 3000; ++r) {
            const int group = r % 3;
            groups.push_back(group);
            columns[0].push_back(group == 2 ? 1.0f : 0.0f);
            columns[1].push_back(unit(rng));
        }
        const fr::FeatureMatrix matrix = matrixOfColumns(columns);
        const Proxies proxies = proxiesOf(matrix, groups, 3);
        QCOMPARE(int(proxies.size()), 1);
        QCOMPARE(qint64(proxies[0].column), qint64(0));
        QCOMPARE(proxies[0].group, 2);
        QCOMPARE(proxies[0].auc, 1.0);
        // Group 0 vs {1, 2}: ties with group 1 (1/2), below group 2 (0): AUC 1/4, folded 3/4.
        const Proxies all = proxiesOf(matrix, groups, 3, 0.5);
        QCOMPARE(int(all.size()), 6); // every (column, group) pair has a figure
        for (const fr::ProxyFeature& proxy : all) {
            if (proxy.column == 0 && proxy.group != 2)
                COMPARE_FIGURE(proxy.auc, 0.75);
        }
    }
    void groupsWithoutAFigure()
    {
        const fr::FeatureMatrix matrix = matrixOfColumns({{1, 2, 3, 4}});
        // One group: no rest to compare with. Three groups, one empty: the empty one is skipped.
        QVERIFY(proxiesOf(matrix, {0, 0, 0, 0}, 1, 0.5).empty());
        QVERIFY(proxiesOf(matrix, {0, 0, -1, -1}, 2, 0.5).empty());
        const Proxies partial = proxiesOf(matrix, {0, 0, 1, 1}, 3, 0.5);
        QCOMPARE(int(partial.size()), 2);
        QVERIFY(partial[0].group != 2 && partial[1].group != 2);
        QVERIFY(proxiesOf(matrix, {0, 1, 0, 1}, 2, 0.5).size() == 1);
        QVERIFY(proxiesOf(fr::FeatureMatrix {}, {}, 2).empty());
    }
    void datasetProxiesAreNamedOncePerColumn()
    {
        // Column "sex" one-hot into two features that both copy the group; "age" is noise.
        fr::Dataset data;
        const Groups groups {0, 1, 0, 1, 0, 1, 0, 1};
        std::vector<float> male, female, age {3, 1, 4, 1, 5, 9, 2, 6};
        for (int g : groups) {
            male.push_back(float(g));
            female.push_back(float(1 - g));
        }
        data.matrix = matrixOfColumns({age, male, female});
        data.features = {{"age", "age"}, {"sex=Male", "sex"}, {"sex=Female", "sex"}};
        data.groups = groups;
        data.groupNames = {"A", "B"};
        auto named = fr::findDatasetGroupProxies(data);
        QVERIFY2(named.ok(), named.error().c_str());
        QCOMPARE(int(named.value().size()), 1);
        QCOMPARE(QString::fromStdString(named.value()[0].feature), QString("sex=Male"));
        QCOMPARE(QString::fromStdString(named.value()[0].sourceColumn), QString("sex"));
        QVERIFY(named.value()[0].group.empty()); // two groups: the split itself
        QCOMPARE(named.value()[0].auc, 1.0);
        // Three groups: the group it gives away is named.
        data.groups = {0, 1, 2, 1, 0, 1, 2, 1};
        data.groupNames = {"A", "B", "C"};
        data.matrix = matrixOfColumns({age, {0, 1, 0, 1, 0, 1, 0, 1}, female});
        named = fr::findDatasetGroupProxies(data);
        QVERIFY(named.ok());
        QVERIFY(!named.value().empty());
        QCOMPARE(QString::fromStdString(named.value()[0].group), QString("B"));
        fr::Dataset ungrouped;
        QVERIFY(fr::findDatasetGroupProxies(ungrouped).value().empty());
    }
    void rejectsBadInput()
    {
        const fr::FeatureMatrix matrix = matrixOfColumns({{1, 2, 3, 4}});
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0}, 2).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, 2}, 2).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, -2}, 2).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, 1}, -1).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, 1}, 2, 0.4).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, 1}, 2, 1.1).ok());
        QVERIFY(!fr::findGroupProxies(matrix, {0, 1, 0, 1}, 2, nan()).ok());
        fr::FeatureMatrix ragged = matrix;
        ragged.values.pop_back();
        QVERIFY(!fr::findGroupProxies(ragged, {0, 1, 0, 1}, 2).ok());
    }
    void millionRowsFiftyColumnsAreFast()
    {
        // Column c carries the group with weight c / 49 over uniform noise on a 1/256 grid (ties):
        // the strong columns are reported, the weak ones not. A cheap generator keeps set-up short.
        const int64_t rows = 1000000;
        const int64_t cols = 50;
        fr::FeatureMatrix matrix;
        matrix.rows = rows;
        matrix.cols = cols;
        matrix.values.resize(rows * cols);
        Groups groups(rows);
        uint64_t state = 12345;
        const auto next = [&state]() {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return static_cast<uint32_t>(state >> 40); // 24 bits
        };
        for (int64_t r = 0; r < rows; ++r) {
            groups[r] = (next() % 10 < 3) ? 1 : 0;
            for (int64_t c = 0; c < cols; ++c) {
                const float noise = float(next() % 256) / 256.0f;
                matrix.values[r * cols + c] = noise + float(c) / float(cols - 1) * groups[r];
            }
        }
        QElapsedTimer timer;
        timer.start();
        const auto result = fr::findGroupProxies(matrix, groups, 2);
        const qint64 ms = timer.elapsed();
        QVERIFY2(result.ok(), result.error().c_str());
        const Proxies& proxies = result.value();
        qInfo("proxy check on 1,000,000 x 50: %lld ms, %d proxies", ms, int(proxies.size()));
        QVERIFY(!proxies.empty());
        QCOMPARE(qint64(proxies.front().column), cols - 1);
        QCOMPARE(proxies.front().auc, 1.0);
        for (size_t i = 1; i < proxies.size(); ++i)
            QVERIFY(proxies[i - 1].auc >= proxies[i].auc);
        for (const fr::ProxyFeature& proxy : proxies)
            QVERIFY(proxy.column >= cols / 3); // weight under ~0.3 stays below AUC 0.8
        QVERIFY(ms < 10000);
    }
};

QTEST_GUILESS_MAIN(TestProxyCheck)
#include "tst_proxy_check.moc"
