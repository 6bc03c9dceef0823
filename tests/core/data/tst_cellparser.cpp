// Tests for how a single CSV cell reads: missing tokens, numbers, non-finite numbers, text.
#include "data/cell_parser.h"

#include <QtTest>

Q_DECLARE_METATYPE(fr::CellKind)

class TestCellParser : public QObject {
    Q_OBJECT
private slots:
    void classifiesCells_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<fr::CellKind>("kind");
        QTest::addColumn<double>("value");
        using K = fr::CellKind;
        QTest::newRow("empty") << "" << K::Missing << 0.0;
        QTest::newRow("NA") << "NA" << K::Missing << 0.0;
        QTest::newRow("N/A") << "N/A" << K::Missing << 0.0;
        QTest::newRow("NaN") << "NaN" << K::Missing << 0.0;
        QTest::newRow("nan") << "nan" << K::Missing << 0.0;
        QTest::newRow("NAN spelled otherwise") << "NAN" << K::Missing << 0.0;
        QTest::newRow("NULL") << "NULL" << K::Missing << 0.0;
        QTest::newRow("integer") << "42" << K::Number << 42.0;
        QTest::newRow("negative") << "-3.5" << K::Number << -3.5;
        QTest::newRow("leading plus") << "+7" << K::Number << 7.0;
        QTest::newRow("exponent") << "1.5e3" << K::Number << 1500.0;
        QTest::newRow("underflow reads as zero") << "1e-400" << K::Number << 0.0;
        QTest::newRow("inf") << "inf" << K::NotFinite << 0.0;
        QTest::newRow("-Infinity") << "-Infinity" << K::NotFinite << 0.0;
        QTest::newRow("1e400") << "1e400" << K::NotFinite << 0.0;
        QTest::newRow("-1e400") << "-1e400" << K::NotFinite << 0.0;
        QTest::newRow("word") << "Black" << K::Text << 0.0;
        QTest::newRow("trailing letters") << "12abc" << K::Text << 0.0;
        QTest::newRow("hex") << "0x1A" << K::Text << 0.0;
        QTest::newRow("double sign") << "+-1" << K::Text << 0.0;
        QTest::newRow("lone sign") << "-" << K::Text << 0.0;
        QTest::newRow("inner space") << "1 234" << K::Text << 0.0;
    }
    void classifiesCells()
    {
        QFETCH(QString, text);
        QFETCH(fr::CellKind, kind);
        QFETCH(double, value);
        std::string cell = text.toStdString();
        double parsed = -99.0;
        QCOMPARE(fr::parseCell(cell, parsed), kind);
        if (kind == fr::CellKind::Number)
            QCOMPARE(parsed, value);
        QCOMPARE(fr::isMissingCell(cell), kind == fr::CellKind::Missing);
    }

    void writesNumbersCanonically()
    {
        QCOMPARE(QString::fromStdString(fr::canonicalNumber(1.0)), QString("1"));
        QCOMPARE(QString::fromStdString(fr::canonicalNumber(0.5)), QString("0.5"));
        QCOMPARE(QString::fromStdString(fr::canonicalNumber(-2e20)), QString("-2e+20"));
    }
};

QTEST_GUILESS_MAIN(TestCellParser)
#include "tst_cellparser.moc"
