// Tests for the prior-against-head rule (arm_selection.h): the head's share with no labels, with
// outcomes for one ranker only and for both, the discount of old outcomes, and the interleaving
// of two rankings (shares 0, 1 and 1/2, labelled rows, rows both rankers put first).
#include "active/arm_selection.h"

#include <QtTest>

using fr::headShare;
using fr::mergeRankings;
using fr::Ranker;
using fr::RankerOutcome;

namespace {

std::vector<RankerOutcome> outcomes(Ranker ranker, int hits, int misses)
{
    std::vector<RankerOutcome> out;
    for (int i = 0; i < hits; ++i)
        out.push_back({ranker, true});
    for (int i = 0; i < misses; ++i)
        out.push_back({ranker, false});
    return out;
}

std::vector<RankerOutcome> operator+(
    std::vector<RankerOutcome> a, const std::vector<RankerOutcome>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

class TestArmSelection : public QObject {
    Q_OBJECT
private slots:
    void noLabelsLeaveThePriorAlone() { QCOMPARE(headShare({}), 0.0); }

    // The head has shown nothing yet: it gets a few slots to prove itself, fewer the better the
    // prior is doing.
    void anUntriedHeadIsExploredLessBesideAGoodPrior()
    {
        const double besideGood = headShare(outcomes(Ranker::Prior, 9, 1));
        const double besidePoor = headShare(outcomes(Ranker::Prior, 1, 9));
        QVERIFY(besideGood > 0.0 && besideGood < 0.2);
        QVERIFY(besidePoor > 0.5);
    }

    void theBetterRankerWinsTheQueue_data()
    {
        QTest::addColumn<int>("priorHits");
        QTest::addColumn<int>("headHits");
        QTest::addColumn<bool>("headWins");
        QTest::newRow("head finds more") << 10 << 28 << true;
        QTest::newRow("prior finds more") << 28 << 10 << false;
    }
    void theBetterRankerWinsTheQueue()
    {
        QFETCH(int, priorHits);
        QFETCH(int, headHits);
        QFETCH(bool, headWins);
        const double share = headShare(outcomes(Ranker::Prior, priorHits, 30 - priorHits)
            + outcomes(Ranker::Head, headHits, 30 - headHits));
        QCOMPARE(share > 0.9, headWins);
        QCOMPARE(share < 0.1, !headWins);
    }

    void equalRecordsShareEqually()
    {
        const double share
            = headShare(outcomes(Ranker::Prior, 5, 5) + outcomes(Ranker::Head, 5, 5));
        QVERIFY(std::abs(share - 0.5) < 0.05);
    }

    // Old outcomes count less: a head that failed long ago and found lately is preferred to one
    // that found long ago and failed lately.
    void recentOutcomesWeighMore()
    {
        const auto prior = outcomes(Ranker::Prior, 5, 5);
        const double failedEarly
            = headShare(prior + outcomes(Ranker::Head, 0, 20) + outcomes(Ranker::Head, 20, 0));
        const double failedLate
            = headShare(prior + outcomes(Ranker::Head, 20, 0) + outcomes(Ranker::Head, 0, 20));
        QVERIFY(failedEarly > failedLate);
    }

    void mergeWithShareZeroOrOneIsOneRanking()
    {
        const std::vector<int64_t> prior {0, 1, 2, 3}, head {3, 2, 1, 0};
        const std::vector<int8_t> none(4, -1);
        QCOMPARE(mergeRankings(prior, head, none, 0.0).order, prior);
        QCOMPARE(mergeRankings(prior, head, none, 1.0).order, head);
        const auto merged = mergeRankings(prior, head, none, 1.0);
        for (Ranker r : merged.rankerOfRow)
            QCOMPARE(r, Ranker::Head);
    }

    // Share 1/2 alternates, starting with the prior (at a tie the label-free ranking goes first);
    // a row that both rankers put forward is placed once; every row appears exactly once.
    void mergeAlternatesAtOneHalf()
    {
        const std::vector<int64_t> prior {0, 1, 2, 3, 4, 5}, head {5, 4, 0, 1, 2, 3};
        const auto merged = mergeRankings(prior, head, std::vector<int8_t>(6, -1), 0.5);
        QCOMPARE(merged.order, (std::vector<int64_t> {0, 5, 1, 4, 2, 3}));
        QCOMPARE(merged.rankerOfRow[5], Ranker::Head);
        QCOMPARE(merged.rankerOfRow[0], Ranker::Prior);
        QCOMPARE(merged.rankerOfRow[4], Ranker::Head);
    }

    // Labelled rows keep their place but use up no share: the unlabelled rows still alternate
    // (prior 1, head 3, prior 2) after the labelled row 0.
    void labelledRowsUseNoShare()
    {
        const std::vector<int64_t> prior {0, 1, 2, 3}, head {0, 3, 2, 1};
        std::vector<int8_t> labels(4, -1);
        labels[0] = 1;
        const auto merged = mergeRankings(prior, head, labels, 0.5);
        QCOMPARE(merged.order, (std::vector<int64_t> {0, 1, 3, 2}));
    }
};

QTEST_GUILESS_MAIN(TestArmSelection)
#include "tst_arm_selection.moc"
