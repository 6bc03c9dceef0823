// Tests for topDeviations: the features of a row farthest from typical, in the user's units.
#include "data/dataset_loader.h"
#include "data/row_explain.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

namespace {

fr::Dataset loadText(const std::string& text, bool minMax)
{
    QTemporaryDir dir;
    std::string path = dir.filePath("r.csv").toStdString();
    std::ofstream(path) << text;
    fr::ColumnMapping mapping;
    mapping.idColumn = "id";
    mapping.minMaxScaling = minMax;
    return fr::loadCsvDataset(path, mapping).take();
}

// Row 5 is ordinary in a, far out in b (z = sqrt 5), in the rarer category of c (one-hot
// deviations of +-sqrt 2); d is constant.
const char* kTable = "id,a,b,c,d\n"
                     "1,10,1,x,7\n"
                     "2,12,2,x,7\n"
                     "3,11,1,y,7\n"
                     "4,9,2,x,7\n"
                     "5,10,40,y,7\n"
                     "6,11,1,x,7\n";

} // namespace

class TestRowExplain : public QObject {
    Q_OBJECT
private slots:
    void ranksFeaturesByDeviation_data()
    {
        QTest::addColumn<bool>("minMax");
        QTest::newRow("z-score") << false;
        QTest::newRow("min-max") << true;
    }
    void ranksFeaturesByDeviation()
    {
        QFETCH(bool, minMax);
        fr::Dataset d = loadText(kTable, minMax);
        auto top = fr::topDeviations(d, 4, 3);
        QCOMPARE(int(top.size()), 3);
        // b: raw 40 against a mean of 47/6; the deviation is the same under both scalings.
        QCOMPARE(top[0].feature, std::string("b"));
        QVERIFY(std::abs(top[0].rawValue - 40) < 1e-4);
        QVERIFY(std::abs(top[0].typicalValue - 47.0 / 6) < 1e-9);
        double mean = 47.0 / 6, var = 0;
        for (double v : {1, 2, 1, 2, 40, 1})
            var += (v - mean) * (v - mean) / 6;
        QVERIFY(std::abs(top[0].deviation - (40 - mean) / std::sqrt(var)) < 1e-4);
        // c=x and c=y deviate by -sqrt 2 and +sqrt 2 (a tie up to rounding).
        QCOMPARE(QSet<QString>({QString::fromStdString(top[1].feature),
                     QString::fromStdString(top[2].feature)}),
            QSet<QString>({"c=x", "c=y"}));
        for (int i : {1, 2}) {
            double expected = top[i].feature == "c=y" ? std::sqrt(2.0) : -std::sqrt(2.0);
            QVERIFY(std::abs(top[i].deviation - expected) < 1e-6);
            QCOMPARE(top[i].rawValue, top[i].feature == "c=y" ? 1.0 : 0.0);
        }
    }

    void matchesTheZScoreOfZScoredColumns()
    {
        fr::Dataset d = loadText(kTable, false);
        auto all = fr::topDeviations(d, 1, 100);
        QCOMPARE(int(all.size()), int(d.matrix.cols));
        for (const auto& deviation : all) {
            if (deviation.feature == "a")
                QVERIFY(std::abs(deviation.deviation - d.matrix.at(1, deviation.column)) < 1e-5);
            if (deviation.feature == "d") // constant: no deviation, no NaN
                QCOMPARE(deviation.deviation, 0.0);
        }
    }

    void explainsImagePixels()
    {
        fr::Dataset d;
        d.imageWidth = d.imageHeight = 1;
        d.matrix = {3, 2, {0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 1.0f}};
        for (const char* name : {"pixel 0,0", "pixel 0,1"})
            d.features.push_back({name, "image", 255.0 / 3, 255.0, 0.0, 255 * std::sqrt(2.0) / 3});
        d.features[1] = {"pixel 0,1", "image", 255.0, 255.0, 0.0, 0.0};
        auto top = fr::topDeviations(d, 2, 5);
        QCOMPARE(int(top.size()), 2);
        QCOMPARE(top[0].feature, std::string("pixel 0,0"));
        QCOMPARE(top[0].rawValue, 255.0);
        QVERIFY(std::abs(top[0].deviation - std::sqrt(2.0)) < 1e-9);
        QCOMPARE(top[1].deviation, 0.0);
    }

    void returnsNothingForABadRow()
    {
        fr::Dataset d = loadText(kTable, false);
        QVERIFY(fr::topDeviations(d, -1, 3).empty());
        QVERIFY(fr::topDeviations(d, 6, 3).empty());
        QVERIFY(fr::topDeviations(d, 0, 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestRowExplain)
#include "tst_rowexplain.moc"
