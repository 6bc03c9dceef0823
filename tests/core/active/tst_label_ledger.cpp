// Tests for LabelLedger: each label's context comes from the snapshot it was shown in (model
// version, score, rank, ranker), the strategy says how the row was offered, double labels are
// refused, undo takes the most recent active label, and the per-group tallies count active labels.
#include "active/label_ledger.h"

#include <QtTest>

using namespace fr;

namespace {

// Six rows, groups a/b alternating; the snapshot ranks them in reverse order, the head placing
// the even rows.
std::shared_ptr<const Dataset> sixRows()
{
    auto data = std::make_shared<Dataset>();
    data->matrix.rows = 6;
    data->groupNames = {"a", "b"};
    for (int r = 0; r < 6; ++r) {
        data->ids.push_back("id" + std::to_string(r));
        data->groups.push_back(r % 2);
    }
    return data;
}

RankingSnapshot reversedRanking()
{
    RankingSnapshot s;
    s.modelVersion = 4;
    for (int r = 0; r < 6; ++r) {
        s.score.push_back(0.1f * r);
        s.order.push_back(5 - r);
        s.rankOfRow.push_back(6 - r);
        s.rankerOfRow.push_back(r % 2 == 0 ? Ranker::Head : Ranker::Prior);
    }
    return s;
}

LabelLedger ledger(QueryStrategy strategy = QueryStrategy::Top)
{
    return LabelLedger(sixRows(), {ModelKind::Active, strategy, "tester"});
}

} // namespace

class TestLabelLedger : public QObject {
    Q_OBJECT
private slots:
    void contextComesFromTheShownSnapshot()
    {
        const RankingSnapshot shown = reversedRanking();
        auto records = ledger().prepare({{1, LabelValue::Anomaly, "n"}}, &shown, 3);
        QVERIFY(records.ok());
        const LabelRecord& r = records.value().front();
        QCOMPARE(r.rowId, std::string("id1"));
        QCOMPARE(r.modelVersion, int64_t(4));
        QCOMPARE(r.rank, int64_t(5));
        QCOMPARE(static_cast<float>(r.score), 0.1f);
        QCOMPARE(r.round, 3);
        QCOMPARE(r.analyst, std::string("tester"));
        QVERIFY(r.timeUtcMs > 0);
    }

    void strategySaysHowTheRowWasOffered_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<bool>("withSnapshot");
        QTest::addColumn<bool>("fair");
        QTest::addColumn<bool>("manual");
        QTest::addColumn<QString>("strategy");
        QTest::newRow("head placed it") << 0 << true << false << false << "head-probability";
        QTest::newRow("prior placed it") << 1 << true << false << false << "label-free-prior";
        QTest::newRow("fair batch rule") << 0 << true << true << false << "fair/head-probability";
        QTest::newRow("from the CLI") << 1 << true << true << true << "manual/label-free-prior";
        QTest::newRow("no model yet") << 0 << false << false << false << "manual";
    }
    void strategySaysHowTheRowWasOffered()
    {
        QFETCH(int, row);
        QFETCH(bool, withSnapshot);
        QFETCH(bool, fair);
        QFETCH(bool, manual);
        QFETCH(QString, strategy);
        const RankingSnapshot shown = reversedRanking();
        auto records
            = ledger(fair ? QueryStrategy::Fair : QueryStrategy::Top)
                  .prepare({{row, LabelValue::Normal, {}}}, withSnapshot ? &shown : nullptr, 1,
                      manual ? LabelOrigin::Manual : LabelOrigin::Queue);
        QVERIFY(records.ok());
        QCOMPARE(QString::fromStdString(records.value().front().strategy), strategy);
        QCOMPARE(rankerOfStrategy(records.value().front().strategy) == Ranker::Head,
            withSnapshot && row % 2 == 0);
        if (!withSnapshot)
            QCOMPARE(records.value().front().rank, int64_t(0));
    }

    void refusesRowsItCannotLabel()
    {
        LabelLedger l = ledger();
        auto first = l.prepare({{2, LabelValue::Anomaly, {}}}, nullptr, 1);
        QVERIFY(first.ok());
        first.value().front().id = 7; // as the journal assigns it
        l.commit(first.value());
        const auto error = [&](const std::vector<LabelInput>& in) {
            return QString::fromStdString(l.prepare(in, nullptr, 1).error());
        };
        QCOMPARE(error({{2, LabelValue::Normal, {}}}),
            QString("row 'id2' is already labelled anomaly (label 7); undo it first"));
        QVERIFY(error({{6, LabelValue::Normal, {}}}).contains("does not exist"));
        QVERIFY(error({{3, LabelValue::Normal, {}}, {3, LabelValue::Normal, {}}})
                    .contains("appears twice"));
    }

    void undoTakesTheMostRecentActiveLabel()
    {
        LabelLedger l = ledger();
        QVERIFY(!l.prepareUndo().ok());
        l.commit(l.prepare({{0, LabelValue::Anomaly, {}}, {3, LabelValue::Normal, {}}}, nullptr, 1)
                     .value());
        auto undo = l.prepareUndo();
        QVERIFY(undo.ok());
        QCOMPARE(undo.value().row, int64_t(3));
        QVERIFY(undo.value().undone);
        QCOMPARE(l.labelOfRow()[3], int8_t(0)); // prepared, not yet kept
        l.commitUndo(undo.value());
        QCOMPARE(l.labelOfRow()[3], int8_t(-1));
        QCOMPARE(l.prepareUndo().value().row, int64_t(0));
        QVERIFY(l.active().rows == std::vector<int64_t> {0});
        QVERIFY(l.prepare({{3, LabelValue::Anomaly, {}}}, nullptr, 1).ok()); // labellable again
    }

    void talliesCountActiveLabelsPerGroup()
    {
        LabelLedger l = ledger();
        l.commit(l.prepare({{0, LabelValue::Anomaly, {}}, {1, LabelValue::Anomaly, {}},
                               {2, LabelValue::Normal, {}}, {5, LabelValue::Anomaly, {}}},
                      nullptr, 1)
                     .value());
        l.commitUndo(l.prepareUndo().value()); // row 5
        const std::vector<GroupLabelTally> t = l.groupTallies();
        QCOMPARE(t.size(), size_t(2));
        QCOMPARE(t[0].labelsSpent, int64_t(2));
        QCOMPARE(t[0].found, int64_t(1));
        QCOMPARE(t[1].labelsSpent, int64_t(1));
        QCOMPARE(t[1].found, int64_t(1));
        QVERIFY(l.bothClassesLabelled());
        QCOMPARE(l.rankerOutcomes().size(), size_t(3));
    }

    void restoreRefusesARowOutsideTheData()
    {
        LabelLedger l = ledger();
        LabelRecord outside;
        outside.id = 9;
        outside.row = 6;
        QVERIFY(!l.restore({outside}).ok());
        QVERIFY(l.all().empty());
        LabelRecord undone;
        undone.row = 1;
        undone.undone = true;
        QVERIFY(l.restore({undone}).ok());
        QCOMPARE(l.labelOfRow()[1], int8_t(-1));
    }

    void roundFollowsTheRoundsDoneOrTheRunningRetrain()
    {
        QCOMPARE(labelRound(0, 0), 1);
        QCOMPARE(labelRound(2, 0), 3);
        QCOMPARE(labelRound(2, 3), 4); // made while the retrain closing round 3 runs
    }
};

QTEST_GUILESS_MAIN(TestLabelLedger)
#include "tst_label_ledger.moc"
