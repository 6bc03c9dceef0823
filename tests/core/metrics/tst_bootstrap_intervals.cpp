// Tests for the bootstrap intervals of per-group recall and Rec Diff: coverage of the point
// estimate, reproducibility with a seed, narrowing with more rows, degenerate groups, speed.
#include "metrics/bootstrap_intervals.h"

#include "metrics_test_support.h"

#include <QElapsedTimer>
#include <QtTest>

namespace {

fr::GroupTopKFigures group(int index, int64_t anomalies, int64_t anomaliesFlagged)
{
    fr::GroupTopKFigures f;
    f.group = index;
    f.rows = anomalies * 10;
    f.anomalies = anomalies;
    f.anomaliesFlagged = anomaliesFlagged;
    f.recall = anomalies > 0 ? double(anomaliesFlagged) / anomalies : nan();
    return f;
}

fr::BootstrapOptions seeded(uint64_t seed)
{
    fr::BootstrapOptions options;
    options.seed = seed;
    return options;
}

} // namespace

class TestBootstrapIntervals : public QObject {
    Q_OBJECT
private slots:
    void containsThePointEstimate_data()
    {
        QTest::addColumn<qint64>("anomalies");
        QTest::addColumn<qint64>("flagged");
        QTest::newRow("25 of 40") << qint64(40) << qint64(25);
        QTest::newRow("3 of 7") << qint64(7) << qint64(3);
        QTest::newRow("900 of 1000") << qint64(1000) << qint64(900);
    }
    void containsThePointEstimate()
    {
        QFETCH(qint64, anomalies);
        QFETCH(qint64, flagged);
        const std::vector<fr::GroupTopKFigures> groups {
            group(0, anomalies, flagged), group(1, 60, 30)};
        for (uint64_t seed = 0; seed < 5; ++seed) {
            const auto result = fr::bootstrapGroupRecall(groups, seeded(seed));
            QVERIFY2(result.ok(), result.error().c_str());
            const auto& intervals = result.value();
            QVERIFY(intervals.recall[0].contains(groups[0].recall));
            QVERIFY(intervals.recall[1].contains(0.5));
            QVERIFY(intervals.recall[0].width() > 0.0);
            QVERIFY(intervals.recallDifference.contains(std::abs(groups[0].recall - 0.5)));
        }
    }
    void isReproducibleWithASeed()
    {
        const std::vector<fr::GroupTopKFigures> groups {group(0, 40, 25), group(1, 60, 30)};
        const auto first = fr::bootstrapGroupRecall(groups, seeded(42)).value();
        const auto again = fr::bootstrapGroupRecall(groups, seeded(42)).value();
        const auto other = fr::bootstrapGroupRecall(groups, seeded(43)).value();
        QCOMPARE(first.recall[0].low, again.recall[0].low);
        QCOMPARE(first.recall[0].high, again.recall[0].high);
        QCOMPARE(first.recallDifference.high, again.recallDifference.high);
        QVERIFY(first.recall[0].low != other.recall[0].low
            || first.recall[0].high != other.recall[0].high
            || first.recall[1].low != other.recall[1].low
            || first.recall[1].high != other.recall[1].high);
    }
    void narrowsWithMoreRows()
    {
        // Same recall 0.5; the binomial standard error shrinks with sqrt(anomalies).
        const auto few = fr::bootstrapGroupRecall({group(0, 40, 20)}, seeded(1)).value();
        const auto many = fr::bootstrapGroupRecall({group(0, 4000, 2000)}, seeded(1)).value();
        QVERIFY(many.recall[0].width() < few.recall[0].width() / 5.0);
        // For 100 anomalies at 0.5 the 95% width is about 2 x 1.96 x 0.05 = 0.196.
        const auto hundred = fr::bootstrapGroupRecall({group(0, 100, 50)}, seeded(1)).value();
        QVERIFY2(hundred.recall[0].width() > 0.16 && hundred.recall[0].width() < 0.24,
            qPrintable(QString::number(hundred.recall[0].width())));
    }
    void degenerateGroups()
    {
        const auto result = fr::bootstrapGroupRecall(
            {group(0, 10, 10), group(1, 10, 0), group(2, 0, 0)}, seeded(0));
        QVERIFY(result.ok());
        const auto& intervals = result.value();
        COMPARE_FIGURE(intervals.recall[0].low, 1.0);
        COMPARE_FIGURE(intervals.recall[0].high, 1.0);
        COMPARE_FIGURE(intervals.recall[1].low, 0.0);
        COMPARE_FIGURE(intervals.recall[1].high, 0.0);
        COMPARE_FIGURE(intervals.recall[2].low, nan());
        COMPARE_FIGURE(intervals.recall[2].high, nan());
        COMPARE_FIGURE(intervals.recallDifference.low, 1.0);
        COMPARE_FIGURE(intervals.recallDifference.high, 1.0);
    }
    void rejectsBadOptions()
    {
        fr::BootstrapOptions options;
        options.replicates = 0;
        QVERIFY(!fr::bootstrapGroupRecall({group(0, 10, 5)}, options).ok());
        options = {};
        options.level = 1.0;
        QVERIFY(!fr::bootstrapGroupRecall({group(0, 10, 5)}, options).ok());
    }
    void percentileIntervalInterpolates_data()
    {
        QTest::addColumn<std::vector<double>>("sample");
        QTest::addColumn<double>("level");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // Type 7: position p (n - 1); 0.25 x 4 = 1 -> 2, 0.75 x 4 = 3 -> 4.
        QTest::newRow("1..5 at 50%") << std::vector<double> {5, 1, 4, 2, 3} << 0.5 << 2.0 << 4.0;
        std::vector<double> zeroToHundred;
        for (int i = 100; i >= 0; --i)
            zeroToHundred.push_back(i);
        QTest::newRow("0..100 at 95%") << zeroToHundred << 0.95 << 2.5 << 97.5;
        QTest::newRow("NaN ignored") << std::vector<double> {nan(), 1, 3} << 0.5 << 1.5 << 2.5;
        QTest::newRow("empty") << std::vector<double> {} << 0.95 << nan() << nan();
    }
    void percentileIntervalInterpolates()
    {
        QFETCH(std::vector<double>, sample);
        QFETCH(double, level);
        QFETCH(double, low);
        QFETCH(double, high);
        const fr::Interval interval = fr::percentileInterval(sample, level);
        COMPARE_FIGURE(interval.low, low);
        COMPARE_FIGURE(interval.high, high);
    }
    void fiftyThousandRowsUnderASecond()
    {
        const SyntheticRanking data = syntheticRanking(50000, 0.1, 9);
        QElapsedTimer timer;
        timer.start();
        const auto figures = fr::groupRecallAtK(data.scores, data.truth, data.groups, 2, 5000);
        QVERIFY(figures.ok());
        const auto intervals = fr::bootstrapGroupRecall(figures.value(), seeded(0));
        const qint64 ms = timer.elapsed();
        QVERIFY(intervals.ok());
        qInfo("50,000 rows, %lld + %lld anomalies: top K + B = 1000 bootstrap in %lld ms",
            qint64(figures.value()[0].anomalies), qint64(figures.value()[1].anomalies), ms);
        for (int g = 0; g < 2; ++g)
            QVERIFY(intervals.value().recall[g].contains(figures.value()[g].recall));
        QVERIFY(ms < 1000);
    }
};

QTEST_GUILESS_MAIN(TestBootstrapIntervals)
#include "tst_bootstrap_intervals.moc"
