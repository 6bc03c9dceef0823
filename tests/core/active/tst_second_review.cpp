// Tests for the second review's sample (who may review what, stratified by group, seeded) and
// its agreement (pairs with the active first label only, kappa per group).
#include "active/second_review.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <set>

using namespace fr;

namespace {
// Rows 0..n-1; group 0 for the first `inGroup0` rows, group 1 after.
Dataset twoGroups(int64_t n, int64_t inGroup0)
{
    Dataset d;
    d.matrix.rows = n;
    d.groupNames = {"A", "B"};
    for (int64_t i = 0; i < n; ++i)
        d.groups.push_back(i < inGroup0 ? 0 : 1);
    return d;
}

LabelRecord label(int64_t id, int64_t row, LabelValue value, const std::string& analyst)
{
    LabelRecord l;
    l.id = id;
    l.row = row;
    l.label = value;
    l.analyst = analyst;
    return l;
}

SecondReviewRecord review(int64_t labelId, int64_t row, LabelValue value)
{
    SecondReviewRecord r;
    r.labelId = labelId;
    r.row = row;
    r.label = value;
    r.analyst = "bea";
    return r;
}

std::vector<LabelRecord> labelsOnEveryRow(int64_t n)
{
    std::vector<LabelRecord> labels;
    for (int64_t i = 0; i < n; ++i)
        labels.push_back(label(i + 1, i, i % 3 ? LabelValue::Normal : LabelValue::Anomaly, "ada"));
    return labels;
}
} // namespace

class TestSecondReview : public QObject {
    Q_OBJECT
private slots:
    void reviewableLeavesOutOwnUndoneAndReviewed()
    {
        auto labels = labelsOnEveryRow(5);
        labels[1].undone = true;
        labels[2].analyst = "bea";
        const auto out = reviewableLabels(labels, {review(4, 3, LabelValue::Normal)}, "bea");
        std::vector<int64_t> ids;
        for (const auto& l : out)
            ids.push_back(l.id);
        QCOMPARE(ids, (std::vector<int64_t> {1, 5}));
    }

    void sampleIsStratifiedByGroup_data()
    {
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qint64>("inGroup0");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("fromGroup0");
        QTest::newRow("proportional 60/40 of 10")
            << qint64(100) << qint64(60) << qint64(10) << qint64(6);
        QTest::newRow("small group still drawn")
            << qint64(100) << qint64(98) << qint64(10) << qint64(9);
        QTest::newRow("larger than the candidates")
            << qint64(7) << qint64(3) << qint64(50) << qint64(3);
    }
    void sampleIsStratifiedByGroup()
    {
        QFETCH(qint64, rows);
        QFETCH(qint64, inGroup0);
        QFETCH(qint64, size);
        QFETCH(qint64, fromGroup0);
        const Dataset data = twoGroups(rows, inGroup0);
        const auto sample = drawSecondReviewSample(labelsOnEveryRow(rows), data, size, 42);
        QCOMPARE(qint64(sample.size()), std::min(size, rows));
        std::set<int64_t> distinct;
        qint64 group0 = 0;
        for (const auto& l : sample) {
            distinct.insert(l.id);
            group0 += data.groups[size_t(l.row)] == 0;
        }
        QCOMPARE(distinct.size(), sample.size()); // without replacement
        QCOMPARE(group0, fromGroup0);
    }

    void sampleIsSeeded()
    {
        const Dataset data = twoGroups(200, 120);
        const auto labels = labelsOnEveryRow(200);
        auto ids = [](const std::vector<LabelRecord>& s) {
            std::vector<int64_t> out;
            for (const auto& l : s)
                out.push_back(l.id);
            return out;
        };
        const auto first = ids(drawSecondReviewSample(labels, data, 20, 7));
        QCOMPARE(ids(drawSecondReviewSample(labels, data, 20, 7)), first);
        QVERIFY(ids(drawSecondReviewSample(labels, data, 20, 8)) != first);
        // Shuffled: the groups are not in blocks (the order says nothing about the group).
        const auto sample = drawSecondReviewSample(labels, data, 20, 7);
        int switches = 0;
        for (size_t i = 1; i < sample.size(); ++i)
            switches
                += data.groups[size_t(sample[i].row)] != data.groups[size_t(sample[i - 1].row)];
        QVERIFY(switches > 1);
    }

    void agreementOverallAndPerGroup()
    {
        const Dataset data = twoGroups(8, 4);
        std::vector<LabelRecord> labels;
        const LabelValue A = LabelValue::Anomaly, N = LabelValue::Normal;
        const LabelValue first[8] = {A, A, N, N, A, N, N, N};
        for (int i = 0; i < 8; ++i)
            labels.push_back(label(i + 1, i, first[i], "ada"));
        // Group A agrees on all four; group B disagrees on row 5 (N → A) and row 4 (A → N).
        const LabelValue second[8] = {A, A, N, N, N, A, N, N};
        std::vector<SecondReviewRecord> reviews;
        for (int i = 0; i < 8; ++i)
            reviews.push_back(review(i + 1, i, second[i]));
        labels[7].undone = true; // its review no longer pairs
        const auto agreement = reviewAgreement(labels, reviews, data);
        QCOMPARE(agreement.overall.pairs, int64_t(7));
        QCOMPARE(agreement.groups.size(), size_t(2));
        QCOMPARE(agreement.groups[0].group, std::string("A"));
        QCOMPARE(agreement.groups[0].kappa.kappa, 1.0);
        // Group B, rows 4..6: first A N N, second N A N: p_o 1/3, p_e 1/3*1/3 + 2/3*2/3 = 5/9,
        // kappa = (1/3 - 5/9) / (4/9) = -0.5.
        QCOMPARE(agreement.groups[1].kappa.pairs, int64_t(3));
        QVERIFY(std::abs(agreement.groups[1].kappa.kappa + 0.5) < 1e-12);
        // Overall: 7 pairs, 5 agree; first 3/7 anomalies, second 3/7: p_e = 9/49 + 16/49 = 25/49;
        // kappa = (5/7 - 25/49) / (24/49) = 10/24.
        QVERIFY(std::abs(agreement.overall.kappa - 10.0 / 24) < 1e-12);
    }

    void noReviewsNoPairs()
    {
        const auto agreement = reviewAgreement(labelsOnEveryRow(4), {}, twoGroups(4, 2));
        QCOMPARE(agreement.overall.pairs, int64_t(0));
        QVERIFY(!agreement.overall.defined());
    }
};

QTEST_GUILESS_MAIN(TestSecondReview)
#include "tst_second_review.moc"
