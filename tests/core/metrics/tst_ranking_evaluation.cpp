// Tests for evaluateRanking(): the one-call report agrees with its parts and handles data without
// groups.
#include "metrics/ranking_evaluation.h"

#include "metrics_test_support.h"

#include <QtTest>

class TestRankingEvaluation : public QObject {
    Q_OBJECT
private slots:
    void smallReportByHand()
    {
        // Rows 0..7 scored 9..2, two groups alternating, K = 3 (see tst_group_metrics):
        // overall anomalies 5, top 3 = rows 0,1,2 with 2 anomalies -> recall 2/5, precision 2/3.
        // Group AUCs: group 0 anomalies {9,5,3} vs normals {7}: 1 of 3; group 1 anomalies {8,6}
        // vs normals {4,2}: 1. Overall: anomalies {9,8,6,5,3} vs normals {7,4,2}: 3+3+2+2+1 of 15.
        fr::EvaluationOptions options;
        options.k = 3;
        options.bootstrapOptions.seed = 5;
        const auto result = fr::evaluateRanking({9, 8, 7, 6, 5, 4, 3, 2}, {1, 1, 0, 1, 1, 0, 1, 0},
            {0, 1, 0, 1, 0, 1, 0, 1}, 2, options);
        QVERIFY2(result.ok(), result.error().c_str());
        const fr::RankingEvaluation& e = result.value();
        QCOMPARE(qint64(e.k), qint64(3));
        QCOMPARE(qint64(e.overall.anomalies), qint64(5));
        COMPARE_FIGURE(e.recallAtK, 0.4);
        COMPARE_FIGURE(e.precisionAtK, 2.0 / 3);
        COMPARE_FIGURE(e.rocAuc, 11.0 / 15);
        QCOMPARE(int(e.groups.size()), 2);
        COMPARE_FIGURE(e.groups[0].atK.recall, 1.0 / 3);
        COMPARE_FIGURE(e.groups[1].atK.recall, 0.5);
        COMPARE_FIGURE(e.groups[0].rocAuc, 1.0 / 3);
        COMPARE_FIGURE(e.groups[1].rocAuc, 1.0);
        COMPARE_FIGURE(e.recDiff, 1.0 / 6);
        COMPARE_FIGURE(e.precisionDiff, 0.5);
        COMPARE_FIGURE(e.aucDiff, 2.0 / 3);
        for (const fr::GroupEvaluation& g : e.groups)
            QVERIFY(g.recallInterval.contains(g.atK.recall));
        QVERIFY(e.recDiffInterval.contains(e.recDiff));
    }
    void withoutGroupsOrBootstrap()
    {
        fr::EvaluationOptions options;
        options.k = 1;
        options.bootstrap = false;
        const auto result = fr::evaluateRanking({1, 1, 2, 3}, {0, 1, 0, 1}, {}, 0, options);
        QVERIFY2(result.ok(), result.error().c_str());
        COMPARE_FIGURE(result.value().rocAuc, 0.625);
        COMPARE_FIGURE(result.value().recallAtK, 0.5);
        QVERIFY(result.value().groups.empty());
        COMPARE_FIGURE(result.value().recDiff, nan());
        const auto grouped
            = fr::evaluateRanking({1, 1, 2, 3}, {0, 1, 0, 1}, {0, 1, 0, 1}, 2, options);
        QVERIFY(grouped.ok());
        COMPARE_FIGURE(grouped.value().groups[0].recallInterval.low, nan());
    }
    void reportsInvalidInput()
    {
        fr::EvaluationOptions options;
        options.k = 1;
        QVERIFY(!fr::evaluateRanking({1, 2}, {0, 1, 1}, {}, 0, options).ok());
        QVERIFY(!fr::evaluateRanking({1, 2}, {0, 1}, {0, 3}, 2, options).ok());
        options.k = -2;
        QVERIFY(!fr::evaluateRanking({1, 2}, {0, 1}, {}, 0, options).ok());
    }
};

QTEST_GUILESS_MAIN(TestRankingEvaluation)
#include "tst_ranking_evaluation.moc"
