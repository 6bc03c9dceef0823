// Tests for previewCsv, the open-data wizard's view of a file before it is loaded.
#include "data/table_preview.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

class TestTablePreview : public QObject {
    Q_OBJECT
private slots:
    void previewsArrests()
    {
        auto preview = fr::previewCsv(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", 3);
        QVERIFY2(preview.ok(), preview.error().c_str());
        const fr::TablePreview& p = preview.value();
        QCOMPARE(p.rowCount, int64_t(5226));
        QCOMPARE(p.columnNames,
            std::vector<std::string>({"id", "released", "colour", "year", "age", "sex", "employed",
                "citizen", "checks"}));
        using T = fr::ColumnType;
        QCOMPARE(p.columnTypes,
            std::vector<T>({T::Numeric, T::Text, T::Text, T::Numeric, T::Numeric, T::Text, T::Text,
                T::Text, T::Numeric}));
        QCOMPARE(p.missingCounts, std::vector<int64_t>(9, 0));
        QCOMPARE(int(p.rows.size()), 3);
        QCOMPARE(p.rows[1],
            std::vector<std::string>(
                {"2", "No", "Black", "1999", "17", "Male", "Yes", "Yes", "3"}));
        QCOMPARE(p.distinctValues[2], std::vector<std::string>({"Black", "White"}));
        QCOMPARE(p.distinctValues[1], std::vector<std::string>({"No", "Yes"}));
        QVERIFY(p.distinctValues[4].empty()); // age: many numbers
    }

    void listsZeroOneColumnsAndNotFreeText()
    {
        QTemporaryDir dir;
        std::string path = dir.filePath("p.csv").toStdString();
        std::ofstream out(path);
        out << "name,label,score\n";
        for (int i = 0; i < 80; ++i)
            out << "person " << i << "," << (i % 5 == 0) << "," << (i == 3 ? "NA" : "0.5") << "\n";
        out.close();
        auto preview = fr::previewCsv(path, 100);
        QVERIFY2(preview.ok(), preview.error().c_str());
        QCOMPARE(int(preview.value().rows.size()), 80);
        QVERIFY(preview.value().distinctValues[0].empty()); // 80 names > 50
        QCOMPARE(preview.value().distinctValues[1], std::vector<std::string>({"0", "1"}));
        QCOMPARE(preview.value().missingCounts[2], int64_t(1));
    }

    void reportsBadFiles()
    {
        QTemporaryDir dir;
        std::string path = dir.filePath("bad.csv").toStdString();
        std::ofstream(path) << "a,b\n1,2,3\n";
        auto preview = fr::previewCsv(path, 5);
        QCOMPARE(QString::fromStdString(preview.error()),
            QString("bad.csv line 2: 3 fields, expected 2 (more fields than header columns)"));
    }
};

QTEST_GUILESS_MAIN(TestTablePreview)
#include "tst_tablepreview.moc"
