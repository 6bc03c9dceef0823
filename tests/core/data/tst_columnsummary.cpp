// Tests for the column summary behind `inspect` and the open-data wizard: inferred types, missing
// counts, value counts, and the error for infinite numbers.
#include "data/column_summary.h"
#include "data/csv_reader.h"

#include <QtTest>

class TestColumnSummary : public QObject {
    Q_OBJECT
private slots:
    void summarizesEveryColumn()
    {
        auto table = fr::parseCsv("id,colour,age,flag,mixed,empty\n"
                                  "1,Black,20,1,3,\n"
                                  "2,White,NA,0,x,NA\n"
                                  "3,White,31.5,1,,\n"
                                  "4,,40,1,4,\n",
            "s.csv");
        QVERIFY2(table.ok(), table.error().c_str());
        auto summaries = fr::summarizeColumns(table.value());
        QVERIFY2(summaries.ok(), summaries.error().c_str());
        const auto& s = summaries.value();
        QCOMPARE(int(s.size()), 6);
        QCOMPARE(s[0].type, fr::ColumnType::Numeric);
        QCOMPARE(s[0].distinct, int64_t(-1)); // four values: "many" for a numeric column
        QVERIFY(s[0].valueCounts.empty());
        QCOMPARE(s[1].type, fr::ColumnType::Text);
        QCOMPARE(s[1].missing, int64_t(1));
        QCOMPARE(s[1].distinct, int64_t(2));
        using Counts = std::vector<std::pair<std::string, int64_t>>;
        QVERIFY(s[1].valueCounts == Counts({{"Black", 1}, {"White", 2}}));
        QCOMPARE(s[2].type, fr::ColumnType::Numeric);
        QCOMPARE(s[2].missing, int64_t(1));
        QCOMPARE(s[3].type, fr::ColumnType::Numeric);
        QVERIFY(s[3].valueCounts == Counts({{"0", 1}, {"1", 3}}));
        // Text found after numbers: the earlier numbers become categories too.
        QCOMPARE(s[4].type, fr::ColumnType::Text);
        QVERIFY(s[4].valueCounts == Counts({{"3", 1}, {"4", 1}, {"x", 1}}));
        QCOMPARE(s[4].missing, int64_t(1));
        QCOMPARE(s[5].type, fr::ColumnType::Numeric);
        QCOMPARE(s[5].missing, int64_t(4));
        QCOMPARE(s[5].distinct, int64_t(0));
    }

    void listsValuesOnlyForFewDistinctTexts()
    {
        std::string text = "name\n";
        for (int i = 0; i < 60; ++i)
            text += "n" + std::to_string(i % 51) + "\n";
        auto table = fr::parseCsv(text, "s.csv");
        auto summaries = fr::summarizeColumns(table.value());
        QCOMPARE(summaries.value()[0].distinct, int64_t(51));
        QVERIFY(summaries.value()[0].valueCounts.empty());
        auto wider = fr::summarizeColumns(table.value(), 51);
        QCOMPARE(int(wider.value()[0].valueCounts.size()), 51);
    }

    void refusesInfiniteNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("inf") << "a,b\n1,2\n3,inf\n"
                             << "s.csv line 3, column 'b': 'inf' is not a finite number";
        QTest::newRow("1e400") << "a,b\n1,1e400\n3,4\n"
                               << "s.csv line 2, column 'b': '1e400' is not a finite number";
    }
    void refusesInfiniteNumbers()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        auto table = fr::parseCsv(text.toStdString(), "s.csv");
        auto summaries = fr::summarizeColumns(table.value());
        QVERIFY(!summaries.ok());
        QCOMPARE(QString::fromStdString(summaries.error()), error);
    }

    void keepsInfAsACategoryInATextColumn()
    {
        auto table = fr::parseCsv("a\nx\ninf\n", "s.csv");
        auto summaries = fr::summarizeColumns(table.value());
        QVERIFY2(summaries.ok(), summaries.error().c_str());
        QCOMPARE(summaries.value()[0].type, fr::ColumnType::Text);
    }
};

QTEST_GUILESS_MAIN(TestColumnSummary)
#include "tst_columnsummary.moc"
