// Tests for Cohen's kappa against hand-computed values: a textbook table, perfect agreement,
// perfect disagreement, chance-level agreement, one class only (undefined) and no pairs.
#include "metrics/cohen_kappa.h"

#include <QtTest>

#include <cmath>

using Labels = std::vector<int8_t>;
using fr::cohenKappa;

namespace {
// `both`, `firstOnly`, `secondOnly`, `neither` anomalies: a 2x2 table as two label vectors.
std::pair<Labels, Labels> table(int both, int firstOnly, int secondOnly, int neither)
{
    Labels a, b;
    auto add = [&](int n, int8_t x, int8_t y) {
        for (int i = 0; i < n; ++i) {
            a.push_back(x);
            b.push_back(y);
        }
    };
    add(both, 1, 1);
    add(firstOnly, 1, 0);
    add(secondOnly, 0, 1);
    add(neither, 0, 0);
    return {a, b};
}
} // namespace

class TestCohenKappa : public QObject {
    Q_OBJECT
private slots:
    void handComputed_data()
    {
        QTest::addColumn<int>("both");
        QTest::addColumn<int>("firstOnly");
        QTest::addColumn<int>("secondOnly");
        QTest::addColumn<int>("neither");
        QTest::addColumn<double>("observed");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("kappa");
        // p_o = 35/50; first 25/50 anomalies, second 30/50: p_e = .5*.6 + .5*.4 = .5;
        // kappa = (.7 - .5) / .5 = .4.
        QTest::newRow("textbook 20/5/10/15") << 20 << 5 << 10 << 15 << 0.7 << 0.5 << 0.4;
        QTest::newRow("perfect agreement") << 3 << 0 << 0 << 5 << 1.0 << (9.0 + 25.0) / 64 << 1.0;
        // p_o = 0; each rater half and half the other way round: p_e = .5, kappa = -1.
        QTest::newRow("perfect disagreement") << 0 << 2 << 2 << 0 << 0.0 << 0.5 << -1.0;
        // One rater says normal throughout: p_e = 0*.25 + 1*.75 = p_o, kappa 0.
        QTest::newRow("one rater constant") << 0 << 0 << 1 << 3 << 0.75 << 0.75 << 0.0;
        // p_o = 8/10; first 5/10, second 3/10: p_e = .15 + .35 = .5; kappa = .6.
        QTest::newRow("asymmetric") << 3 << 2 << 0 << 5 << 0.8 << 0.5 << 0.6;
    }
    void handComputed()
    {
        QFETCH(int, both);
        QFETCH(int, firstOnly);
        QFETCH(int, secondOnly);
        QFETCH(int, neither);
        QFETCH(double, observed);
        QFETCH(double, expected);
        QFETCH(double, kappa);
        const auto [a, b] = table(both, firstOnly, secondOnly, neither);
        const auto k = cohenKappa(a, b);
        QCOMPARE(k.pairs, int64_t(both + firstOnly + secondOnly + neither));
        QCOMPARE(k.agreements, int64_t(both + neither));
        QVERIFY(k.defined());
        QVERIFY(std::abs(k.observed - observed) < 1e-12);
        QVERIFY(std::abs(k.expected - expected) < 1e-12);
        QVERIFY2(std::abs(k.kappa - kappa) < 1e-12, qPrintable(QString::number(k.kappa)));
    }

    void oneClassOnlyIsUndefined_data()
    {
        QTest::addColumn<int8_t>("value");
        QTest::newRow("all normal") << int8_t(0);
        QTest::newRow("all anomalies") << int8_t(1);
    }
    void oneClassOnlyIsUndefined()
    {
        QFETCH(int8_t, value);
        const Labels same(4, value);
        const auto k = cohenKappa(same, same);
        QCOMPARE(k.pairs, int64_t(4));
        QCOMPARE(k.observed, 1.0);
        QCOMPARE(k.expected, 1.0);
        QVERIFY(!k.defined());
        QVERIFY(std::isnan(k.kappa));
    }

    void noPairs()
    {
        const auto k = cohenKappa({}, {});
        QCOMPARE(k.pairs, int64_t(0));
        QVERIFY(!k.defined());
        QVERIFY(std::isnan(k.kappa));
        QVERIFY(std::isnan(k.observed));
    }

    void unequalLengthsUseTheShorter()
    {
        const auto k = cohenKappa({1, 0, 1}, {1, 0});
        QCOMPARE(k.pairs, int64_t(2));
        QCOMPARE(k.kappa, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCohenKappa)
#include "tst_cohen_kappa.moc"
