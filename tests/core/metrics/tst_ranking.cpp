// Tests for the whole-data ranking metrics: review order, top K, Recall@K, Precision@K, ROC-AUC.
#include "metrics/ranking.h"

#include "metrics_test_support.h"

#include <QElapsedTimer>
#include <QtTest>

using Scores = std::vector<float>;
using Truth = std::vector<int8_t>;
using Rows = std::vector<int64_t>;

namespace {

// O(n^2) reference: anomalies above normals count 1, ties 1/2.
double bruteForceAuc(const Scores& scores, const Truth& truth)
{
    double wins = 0.0;
    int64_t pairs = 0;
    for (size_t a = 0; a < scores.size(); ++a) {
        for (size_t n = 0; n < scores.size(); ++n) {
            if (truth[a] != 1 || truth[n] != 0)
                continue;
            ++pairs;
            wins += scores[a] > scores[n] ? 1.0 : (scores[a] == scores[n] ? 0.5 : 0.0);
        }
    }
    return wins / pairs;
}

} // namespace

class TestRanking : public QObject {
    Q_OBJECT
private slots:
    void ranksByDescendingScoreThenRow_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<Rows>("order");
        QTest::newRow("ties by row, NaN as -inf")
            << Scores {0.5f, 2, 2, nanf(""), -1} << Rows {1, 2, 0, 4, 3};
        QTest::newRow("all tied") << Scores {3, 3, 3} << Rows {0, 1, 2};
        QTest::newRow("ascending") << Scores {1, 2, 3} << Rows {2, 1, 0};
        QTest::newRow("empty") << Scores {} << Rows {};
    }
    void ranksByDescendingScoreThenRow()
    {
        QFETCH(Scores, scores);
        QFETCH(Rows, order);
        QCOMPARE(fr::rankOrder(scores), order);
    }
    void rankOfRowInvertsTheOrder()
    {
        QCOMPARE(fr::rankOfRow(Rows {1, 2, 0, 4, 3}), (Rows {3, 1, 2, 5, 4}));
    }
    void topKMaskMatchesTheFullOrder()
    {
        const SyntheticRanking data = syntheticRanking(2000, 0.1, 3);
        const Rows order = fr::rankOrder(data.scores);
        for (int64_t k : {0, 1, 7, 500, 1999, 2000, 5000}) {
            const auto mask = fr::topKMask(data.scores, k);
            QVERIFY(mask.ok());
            for (size_t i = 0; i < order.size(); ++i)
                QCOMPARE(int(mask.value()[order[i]]), int(int64_t(i) < k));
        }
        QVERIFY(!fr::topKMask(data.scores, -1).ok());
    }

    void recallAndPrecisionAtK_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<Truth>("truth");
        QTest::addColumn<qint64>("k");
        QTest::addColumn<double>("recall");
        QTest::addColumn<double>("precision");
        const Scores s {0.9f, 0.8f, 0.7f, 0.6f, 0.5f};
        const Truth t {1, 0, 1, 0, 1};
        QTest::newRow("K = 0") << s << t << qint64(0) << 0.0 << nan();
        QTest::newRow("K = 1") << s << t << qint64(1) << 1.0 / 3 << 1.0;
        QTest::newRow("K = 2") << s << t << qint64(2) << 1.0 / 3 << 0.5;
        QTest::newRow("K = 3") << s << t << qint64(3) << 2.0 / 3 << 2.0 / 3;
        QTest::newRow("K = n") << s << t << qint64(5) << 1.0 << 0.6;
        QTest::newRow("K > n: precision over n") << s << t << qint64(7) << 1.0 << 0.6;
        const Scores tied {1, 2, 2, 0};
        const Truth lastOfTie {0, 0, 1, 0};
        QTest::newRow("tie at K: lower row first") << tied << lastOfTie << qint64(1) << 0.0 << 0.0;
        QTest::newRow("tie inside K") << tied << lastOfTie << qint64(2) << 1.0 << 0.5;
        QTest::newRow("no anomalies") << s << Truth {0, 0, 0, 0, 0} << qint64(2) << nan() << 0.0;
        QTest::newRow("empty data") << Scores {} << Truth {} << qint64(3) << nan() << nan();
    }
    void recallAndPrecisionAtK()
    {
        QFETCH(Scores, scores);
        QFETCH(Truth, truth);
        QFETCH(qint64, k);
        QFETCH(double, recall);
        QFETCH(double, precision);
        const auto r = fr::recallAtK(scores, truth, k);
        const auto p = fr::precisionAtK(scores, truth, k);
        QVERIFY2(r.ok() && p.ok(), r.error().c_str());
        COMPARE_FIGURE(r.value(), recall);
        COMPARE_FIGURE(p.value(), precision);
    }
    void rejectsInvalidInput()
    {
        const auto negativeK = fr::recallAtK({1, 2}, {0, 1}, -1);
        QVERIFY(!negativeK.ok());
        QVERIFY(negativeK.error().find("negative") != std::string::npos);
        const auto sizes = fr::precisionAtK({1, 2, 3}, {0, 1}, 1);
        QVERIFY(!sizes.ok());
        QVERIFY(sizes.error().find("3 scores but 2 truth") != std::string::npos);
        const auto unknown = fr::rocAuc({1, 2, 3}, {0, 1, -1});
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().find("row 2 is -1") != std::string::npos);
    }

    void rocAucWithTies_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<Truth>("truth");
        QTest::addColumn<double>("auc");
        // Pairs (anomaly, normal): (1,1) 1/2, (1,2) 0, (3,1) 1, (3,2) 1 -> 2.5 / 4.
        QTest::newRow("brief example") << Scores {1, 1, 2, 3} << Truth {0, 1, 0, 1} << 0.625;
        QTest::newRow("perfect") << Scores {1, 2, 3, 4} << Truth {0, 0, 1, 1} << 1.0;
        QTest::newRow("reversed") << Scores {4, 3, 2, 1} << Truth {0, 0, 1, 1} << 0.0;
        QTest::newRow("all tied") << Scores {5, 5, 5, 5} << Truth {0, 1, 0, 1} << 0.5;
        // Anomalies 0.35, 0.8 against normals 0.1, 0.4: 1 + 0 + 1 + 1 = 3 of 4.
        QTest::newRow("textbook") << Scores {0.1f, 0.4f, 0.35f, 0.8f} << Truth {0, 0, 1, 1} << 0.75;
        // Anomalies {2, 1} against normals {2, 2, 3}: 1/2 + 1/2 + 0 + 0 + 0 + 0 = 1 of 6.
        QTest::newRow("tie block of three")
            << Scores {2, 2, 2, 1, 3} << Truth {1, 0, 0, 1, 0} << 1.0 / 6;
        QTest::newRow("NaN anomaly as -inf") << Scores {nanf(""), 1} << Truth {1, 0} << 0.0;
        QTest::newRow("only normals") << Scores {1, 2} << Truth {0, 0} << nan();
        QTest::newRow("only anomalies") << Scores {1, 2} << Truth {1, 1} << nan();
        QTest::newRow("empty") << Scores {} << Truth {} << nan();
    }
    void rocAucWithTies()
    {
        QFETCH(Scores, scores);
        QFETCH(Truth, truth);
        QFETCH(double, auc);
        const auto result = fr::rocAuc(scores, truth);
        QVERIFY2(result.ok(), result.error().c_str());
        COMPARE_FIGURE(result.value(), auc);
    }
    void rocAucMatchesPairCounting()
    {
        for (uint64_t seed = 0; seed < 5; ++seed) {
            const SyntheticRanking data = syntheticRanking(300, 0.2, seed);
            COMPARE_FIGURE(fr::rocAuc(data.scores, data.truth).value(),
                bruteForceAuc(data.scores, data.truth));
        }
    }
    void millionRowsAreFast()
    {
        // Scores = row index, anomalies the odd rows: odd row 2j+1 beats j+1 even rows, so
        // AUC = (m (m + 1) / 2) / m^2 = (m + 1) / (2 m) with m = n / 2.
        const int64_t n = 1000000;
        Scores scores(n);
        Truth truth(n);
        for (int64_t i = 0; i < n; ++i) {
            scores[i] = static_cast<float>(i);
            truth[i] = static_cast<int8_t>(i % 2);
        }
        QElapsedTimer timer;
        timer.start();
        const double auc = fr::rocAuc(scores, truth).value();
        const double recall = fr::recallAtK(scores, truth, 1000).value();
        const Rows order = fr::rankOrder(scores);
        const qint64 ms = timer.elapsed();
        qInfo("AUC + Recall@K + rankOrder on 1,000,000 rows: %lld ms", ms);
        COMPARE_FIGURE(auc, (n / 2 + 1) / double(n));
        COMPARE_FIGURE(recall, 500.0 / (n / 2));
        QCOMPARE(order.front(), n - 1);
        QVERIFY(ms < 5000);
    }
};

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
