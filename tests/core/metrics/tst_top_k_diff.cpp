// Tests for the top-K diff between two rankings: entered, left, kept and overlap, per group, K
// beyond the rows, identical rankings and the inputs it refuses.
#include "metrics/top_k_diff.h"

#include <QtTest>

using Rows = std::vector<int64_t>;
using fr::diffTopK;

class TestTopKDiff : public QObject {
    Q_OBJECT
private slots:
    void enteredAndLeftInRankingOrder_data()
    {
        QTest::addColumn<Rows>("before");
        QTest::addColumn<Rows>("after");
        QTest::addColumn<qint64>("k");
        QTest::addColumn<Rows>("entered");
        QTest::addColumn<Rows>("left");
        QTest::addColumn<double>("overlap");
        // Rows 0..5; groups: 0 1 0 1 0 1.
        QTest::newRow("two swapped in") << Rows {0, 1, 2, 3, 4, 5} << Rows {5, 0, 4, 1, 2, 3}
                                        << qint64(3) << Rows {5, 4} << Rows {1, 2} << 1.0 / 3;
        QTest::newRow("order inside the top only")
            << Rows {0, 1, 2, 3, 4, 5} << Rows {2, 1, 0, 5, 4, 3} << qint64(3) << Rows {} << Rows {}
            << 1.0;
        QTest::newRow("identical") << Rows {3, 1, 4, 0, 5, 2} << Rows {3, 1, 4, 0, 5, 2}
                                   << qint64(4) << Rows {} << Rows {} << 1.0;
        QTest::newRow("disjoint") << Rows {0, 1, 2, 3, 4, 5} << Rows {3, 4, 5, 0, 1, 2} << qint64(3)
                                  << Rows {3, 4, 5} << Rows {0, 1, 2} << 0.0;
        QTest::newRow("K beyond the rows") << Rows {0, 1, 2, 3, 4, 5} << Rows {5, 4, 3, 2, 1, 0}
                                           << qint64(50) << Rows {} << Rows {} << 1.0;
    }
    void enteredAndLeftInRankingOrder()
    {
        QFETCH(Rows, before);
        QFETCH(Rows, after);
        QFETCH(qint64, k);
        QFETCH(Rows, entered);
        QFETCH(Rows, left);
        QFETCH(double, overlap);
        auto diff = diffTopK(before, after, k, {0, 1, 0, 1, 0, 1}, 2);
        QVERIFY2(diff.ok(), diff.error().c_str());
        QCOMPARE(diff.value().k, std::min<qint64>(k, 6));
        QCOMPARE(diff.value().entered, entered);
        QCOMPARE(diff.value().left, left);
        QCOMPARE(diff.value().kept, diff.value().k - int64_t(entered.size()));
        QCOMPARE(diff.value().overlap, overlap);
    }

    void countsPerGroup()
    {
        // Top 3 before: 0 1 2; after: 5 0 4. Entered 5 (group 1), 4 (group 0); left 1 (group 1),
        // 2 (group 0). Row 3 has no group.
        auto diff = diffTopK({0, 1, 2, 3, 4, 5}, {5, 3, 0, 4, 1, 2}, 3, {0, 1, 0, -1, 0, 1}, 2);
        QVERIFY2(diff.ok(), diff.error().c_str());
        QCOMPARE(diff.value().entered, Rows({5, 3}));
        QCOMPARE(diff.value().left, Rows({1, 2}));
        QCOMPARE(diff.value().groups.size(), size_t(2));
        QCOMPARE(diff.value().groups[0].entered, int64_t(0));
        QCOMPARE(diff.value().groups[0].left, int64_t(1));
        QCOMPARE(diff.value().groups[1].entered, int64_t(1)); // row 3 counts in no group
        QCOMPARE(diff.value().groups[1].left, int64_t(1));
    }

    void noGroupsGivesNoGroupCounts()
    {
        auto diff = diffTopK({0, 1, 2}, {2, 1, 0}, 1, {}, 0);
        QVERIFY2(diff.ok(), diff.error().c_str());
        QVERIFY(diff.value().groups.empty());
        QCOMPARE(diff.value().entered, Rows({2}));
        QCOMPARE(diff.value().left, Rows({0}));
    }

    void emptyRankingsOverlapFully()
    {
        auto diff = diffTopK({}, {}, 10, {}, 0);
        QVERIFY2(diff.ok(), diff.error().c_str());
        QCOMPARE(diff.value().k, int64_t(0));
        QCOMPARE(diff.value().overlap, 1.0);
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<Rows>("before");
        QTest::addColumn<Rows>("after");
        QTest::addColumn<qint64>("k");
        QTest::newRow("K zero") << Rows {0, 1} << Rows {1, 0} << qint64(0);
        QTest::newRow("different lengths") << Rows {0, 1, 2} << Rows {1, 0} << qint64(1);
        QTest::newRow("row out of range") << Rows {0, 7} << Rows {1, 0} << qint64(1);
        QTest::newRow("row twice") << Rows {0, 1} << Rows {1, 1} << qint64(1);
    }
    void refusesBadInput()
    {
        QFETCH(Rows, before);
        QFETCH(Rows, after);
        QFETCH(qint64, k);
        auto diff = diffTopK(before, after, k, {}, 0);
        QVERIFY(!diff.ok());
        QVERIFY(!diff.error().empty());
    }
};

QTEST_GUILESS_MAIN(TestTopKDiff)
#include "tst_top_k_diff.moc"
