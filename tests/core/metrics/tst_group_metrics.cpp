// Tests for per-group Recall@K / Precision@K at the global top K, per-group AUC and the gaps.
#include "metrics/group_metrics.h"

#include "metrics_test_support.h"

#include <QtTest>

using Scores = std::vector<float>;
using Truth = std::vector<int8_t>;
using Groups = std::vector<int>;
using Counts = std::vector<qint64>;
using Figures = std::vector<double>;

namespace {

// Rows 0..7 scored 9..2, so the top K are rows 0..K-1.
const Scores kScores {9, 8, 7, 6, 5, 4, 3, 2};
const Truth kTruth {1, 1, 0, 1, 1, 0, 1, 0};

} // namespace

class TestGroupMetrics : public QObject {
    Q_OBJECT
private slots:
    void recallAtGlobalK_data()
    {
        QTest::addColumn<Groups>("groups");
        QTest::addColumn<int>("groupCount");
        QTest::addColumn<qint64>("k");
        QTest::addColumn<Counts>("rows");
        QTest::addColumn<Counts>("anomalies");
        QTest::addColumn<Counts>("flagged");
        QTest::addColumn<Counts>("anomaliesFlagged");
        QTest::addColumn<Figures>("recall");
        QTest::addColumn<Figures>("precision");
        QTest::addColumn<double>("recDiff");
        QTest::addColumn<double>("precisionDiff");
        // Group 0 = rows {0,2,4,6}: anomalies 0,4,6; top 3 holds rows 0,2 -> recall 1/3, precision
        // 1/2. Group 1 = rows {1,3,5,7}: anomalies 1,3; top 3 holds row 1 -> recall 1/2,
        // precision 1.
        QTest::newRow("two groups, K = 3")
            << Groups {0, 1, 0, 1, 0, 1, 0, 1} << 2 << qint64(3) << Counts {4, 4} << Counts {3, 2}
            << Counts {2, 1} << Counts {1, 1} << Figures {1.0 / 3, 0.5} << Figures {0.5, 1.0}
            << 1.0 / 6 << 0.5;
        // Group 0 = rows {0,3,6}: all anomalies, rows 0,3 in the top 4 -> 2/3, precision 1.
        // Group 1 = rows {1,4,7}: anomalies 1,4, row 1 in the top 4 -> 1/2, precision 1.
        // Group 2 = rows {2,5}: no anomaly (recall NaN, skipped by Rec Diff), row 2 flagged -> 0.
        QTest::newRow("three groups, K = 4")
            << Groups {0, 1, 2, 0, 1, 2, 0, 1} << 3 << qint64(4) << Counts {3, 3, 2}
            << Counts {3, 2, 0} << Counts {2, 1, 1} << Counts {2, 1, 0}
            << Figures {2.0 / 3, 0.5, nan()} << Figures {1.0, 1.0, 0.0} << 1.0 / 6 << 1.0;
        // Rows without a group still take their place in the top K: rows 0,1 fill K = 2.
        QTest::newRow("ungrouped rows compete")
            << Groups {-1, -1, 0, 0, 1, 1, 0, 1} << 2 << qint64(2) << Counts {3, 3} << Counts {2, 1}
            << Counts {0, 0} << Counts {0, 0} << Figures {0.0, 0.0} << Figures {nan(), nan()} << 0.0
            << nan();
        QTest::newRow("K > n flags everything")
            << Groups {0, 1, 0, 1, 0, 1, 0, 1} << 2 << qint64(100) << Counts {4, 4} << Counts {3, 2}
            << Counts {4, 4} << Counts {3, 2} << Figures {1.0, 1.0} << Figures {0.75, 0.5} << 0.0
            << 0.25;
        QTest::newRow("empty group")
            << Groups {0, 0, 0, 0, 0, 0, 0, 0} << 2 << qint64(2) << Counts {8, 0} << Counts {5, 0}
            << Counts {2, 0} << Counts {2, 0} << Figures {0.4, nan()} << Figures {1.0, nan()}
            << nan() << nan();
    }
    void recallAtGlobalK()
    {
        QFETCH(Groups, groups);
        QFETCH(int, groupCount);
        QFETCH(qint64, k);
        QFETCH(Counts, rows);
        QFETCH(Counts, anomalies);
        QFETCH(Counts, flagged);
        QFETCH(Counts, anomaliesFlagged);
        QFETCH(Figures, recall);
        QFETCH(Figures, precision);
        QFETCH(double, recDiff);
        QFETCH(double, precisionDiff);
        const auto result = fr::groupRecallAtK(kScores, kTruth, groups, groupCount, k);
        QVERIFY2(result.ok(), result.error().c_str());
        const auto& figures = result.value();
        QCOMPARE(int(figures.size()), groupCount);
        for (int g = 0; g < groupCount; ++g) {
            QCOMPARE(figures[g].group, g);
            QCOMPARE(qint64(figures[g].rows), rows[g]);
            QCOMPARE(qint64(figures[g].anomalies), anomalies[g]);
            QCOMPARE(qint64(figures[g].flagged), flagged[g]);
            QCOMPARE(qint64(figures[g].anomaliesFlagged), anomaliesFlagged[g]);
            COMPARE_FIGURE(figures[g].recall, recall[g]);
            COMPARE_FIGURE(figures[g].precision, precision[g]);
        }
        COMPARE_FIGURE(fr::recallDifference(figures), recDiff);
        COMPARE_FIGURE(fr::precisionDifference(figures), precisionDiff);
    }
    void rejectsBadGroups()
    {
        const auto outOfRange = fr::groupRecallAtK({1, 2, 3}, {0, 1, 0}, {0, 2, 1}, 2, 1);
        QVERIFY(!outOfRange.ok());
        QVERIFY(outOfRange.error().find("group of row 1 is 2") != std::string::npos);
        QVERIFY(!fr::groupRecallAtK({1, 2, 3}, {0, 1, 0}, {0, 1}, 2, 1).ok());
        QVERIFY(!fr::groupRecallAtK({1, 2, 3}, {0, 1, 0}, {0, 1, -2}, 2, 1).ok());
        QVERIFY(!fr::groupRecallAtK({1, 2, 3}, {0, 1, 0}, {0, 1, 0}, 2, -1).ok());
        QVERIFY(!fr::groupRocAuc({1, 2, 3}, {0, 1, 0}, {0, 1, 3}, 2).ok());
    }
    void groupAucWithinEachGroup()
    {
        // Group 0 is the brief's example {1,1,2,3} / {0,1,0,1} -> 0.625; group 1 ranks its one
        // anomaly above its one normal -> 1; group 2 has no rows -> NaN. The ungrouped row is
        // ignored (it would otherwise tie group 0's anomaly).
        const auto aucs = fr::groupRocAuc(
            {1, 1, 2, 3, 5, 4, 1}, {0, 1, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 1, -1}, 3);
        QVERIFY2(aucs.ok(), aucs.error().c_str());
        COMPARE_FIGURE(aucs.value()[0], 0.625);
        COMPARE_FIGURE(aucs.value()[1], 1.0);
        COMPARE_FIGURE(aucs.value()[2], nan());
        COMPARE_FIGURE(fr::aucDifference(aucs.value()), 0.375);
    }
    void maxPairwiseDifference_data()
    {
        QTest::addColumn<Figures>("values");
        QTest::addColumn<double>("difference");
        QTest::newRow("P above U") << Figures {0.5, 0.2} << 0.3;
        QTest::newRow("P below U") << Figures {0.2, 0.5} << 0.3;
        QTest::newRow("three groups: widest gap") << Figures {0.1, 0.9, 0.4} << 0.8;
        QTest::newRow("undefined group skipped") << Figures {nan(), 0.3, 0.6} << 0.3;
        QTest::newRow("one defined") << Figures {0.3, nan()} << nan();
        QTest::newRow("none") << Figures {} << nan();
    }
    void maxPairwiseDifference()
    {
        QFETCH(Figures, values);
        QFETCH(double, difference);
        COMPARE_FIGURE(fr::maxPairwiseDifference(values), difference);
    }
};

QTEST_GUILESS_MAIN(TestGroupMetrics)
#include "tst_group_metrics.moc"
