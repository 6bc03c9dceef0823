// Tests for loadCsvDataset: column roles, preprocessing (ALGORITHMS.md §1), groups and truth, the
// Arrests file, and every bad input it must refuse with the exact error.
#include "data/dataset_loader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

namespace {

std::string arrestsPath()
{
    return FAIRREVIEW_SOURCE_DIR "/data/arrests.csv";
}

class TableFile {
public:
    explicit TableFile(const std::string& text, const std::string& name = "t.csv")
        : mPath(mDir.filePath(QString::fromStdString(name)).toStdString())
    {
        std::ofstream(mPath, std::ios::binary) << text;
    }
    const std::string& path() const { return mPath; }

private:
    QTemporaryDir mDir;
    std::string mPath;
};

fr::Dataset load(const std::string& text, const fr::ColumnMapping& mapping = {})
{
    TableFile file(text);
    auto dataset = fr::loadCsvDataset(file.path(), mapping);
    if (!dataset.ok())
        qFatal("unexpected error: %s", dataset.error().c_str());
    return dataset.take();
}

int featureIndex(const fr::Dataset& dataset, const std::string& name)
{
    for (size_t i = 0; i < dataset.features.size(); ++i) {
        if (dataset.features[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

QStringList featureNames(const fr::Dataset& dataset)
{
    QStringList names;
    for (const auto& feature : dataset.features)
        names << QString::fromStdString(feature.name);
    return names;
}

// "age=Feature;x=Ignore" -> roles.
std::map<std::string, fr::ColumnRole> parseRoles(const QString& spec)
{
    static const std::map<QString, fr::ColumnRole> names
        = {{"Id", fr::ColumnRole::Id}, {"Feature", fr::ColumnRole::Feature},
            {"Categorical", fr::ColumnRole::Categorical}, {"Group", fr::ColumnRole::Group},
            {"Truth", fr::ColumnRole::Truth}, {"Ignore", fr::ColumnRole::Ignore}};
    std::map<std::string, fr::ColumnRole> roles;
    for (const QString& entry : spec.split(';', Qt::SkipEmptyParts)) {
        auto parts = entry.split('=');
        roles[parts[0].toStdString()] = names.at(parts[1]);
    }
    return roles;
}

std::vector<double> arrestsAges()
{
    QFile file(QString::fromStdString(arrestsPath()));
    file.open(QIODevice::ReadOnly);
    file.readLine();
    std::vector<double> ages;
    while (!file.atEnd())
        ages.push_back(QString(file.readLine()).split(',')[4].toDouble());
    return ages;
}

} // namespace

class TestCsvDatasetLoader : public QObject {
    Q_OBJECT
private slots:
    void loadsArrestsWithItsTextColumns()
    {
        fr::ColumnMapping mapping;
        mapping.idColumn = "id";
        mapping.groupColumn = "colour";
        mapping.protectedValue = "Black";
        mapping.truthColumn = "released";
        mapping.anomalyValue = "No";
        auto result = fr::loadCsvDataset(arrestsPath(), mapping);
        QVERIFY2(result.ok(), result.error().c_str());
        const fr::Dataset& d = result.value();
        QCOMPARE(d.rowCount(), int64_t(5226));
        QCOMPARE(d.ids.front(), std::string("1"));
        QCOMPARE(d.ids.back(), std::string("5226"));
        QCOMPARE(d.groupNames, std::vector<std::string>({"Black", "White"}));
        QCOMPARE(d.protectedGroup, 0);
        int64_t black = 0, anomalies = 0, blackAnomalies = 0;
        for (int64_t row = 0; row < d.rowCount(); ++row) {
            black += d.groups[row] == 0;
            anomalies += d.truth[row];
            blackAnomalies += d.groups[row] == 0 && d.truth[row] == 1;
        }
        QCOMPARE(black, int64_t(1288));
        QCOMPARE(anomalies, int64_t(892));
        QCOMPARE(blackAnomalies, int64_t(333));
        QCOMPARE(featureNames(d),
            QStringList({"year", "age", "sex=Female", "sex=Male", "employed=No", "employed=Yes",
                "citizen=No", "citizen=Yes", "checks"}));
        QCOMPARE(d.matrix.cols, int64_t(9));
        QVERIFY(!d.isImage());

        // age is z-scored: its FeatureInfo gives back the raw ages and their mean and std.
        std::vector<double> ages = arrestsAges();
        double mean = 0, squares = 0;
        for (double age : ages)
            mean += age / ages.size();
        for (double age : ages)
            squares += (age - mean) * (age - mean) / ages.size();
        const fr::FeatureInfo& age = d.features[1];
        QCOMPARE(age.sourceColumn, std::string("age"));
        QVERIFY(std::abs(age.mean - mean) < 1e-9);
        QVERIFY(std::abs(age.stdDev - std::sqrt(squares)) < 1e-9);
        for (int64_t row : {0, 1, 4000, 5225})
            QVERIFY(std::abs(d.matrix.at(row, 1) * age.scale + age.offset - ages[row]) < 1e-4);
        // One-hot: sex=Male is 1 on row 1 (Male), and 4,783 rows in all.
        QCOMPARE(d.matrix.at(0, 3), 1.0f);
        QCOMPARE(d.matrix.at(0, 2), 0.0f);
        QVERIFY(std::abs(d.features[3].mean - 4783.0 / 5226) < 1e-12);
        for (float value : d.matrix.values)
            QVERIFY(std::isfinite(value));
    }

    void zScoresColumnsToMeanZeroAndUnitStd()
    {
        auto d = load("x,y\n1,10\n2,10\n3,10\n4,10\n");
        double mean = 0, squares = 0;
        for (int64_t row = 0; row < 4; ++row)
            mean += d.matrix.at(row, 0) / 4;
        for (int64_t row = 0; row < 4; ++row)
            squares += std::pow(d.matrix.at(row, 0) - mean, 2) / 4;
        QVERIFY(std::abs(mean) < 1e-6);
        QVERIFY(std::abs(squares - 1) < 1e-6);
        // A constant column is kept and harmless: zeros, std 0, no NaN.
        QCOMPARE(featureNames(d), QStringList({"x", "y"}));
        for (int64_t row = 0; row < 4; ++row)
            QCOMPARE(d.matrix.at(row, 1), 0.0f);
        QCOMPARE(d.features[1].stdDev, 0.0);
        QCOMPARE(d.features[1].mean, 10.0);
    }

    void scalesMinMaxOnRequest()
    {
        fr::ColumnMapping mapping;
        mapping.minMaxScaling = true;
        auto d = load("x,c\n-2,5\n0,5\n6,5\nNA,5\n", mapping);
        QCOMPARE(featureNames(d), QStringList({"x", "x (missing)", "c"}));
        QCOMPARE(d.matrix.at(0, 0), 0.0f);
        QCOMPARE(d.matrix.at(1, 0), 0.25f);
        QCOMPARE(d.matrix.at(2, 0), 1.0f);
        // Missing: the mean (4/3) scaled, plus the indicator.
        QVERIFY(std::abs(d.matrix.at(3, 0) - (4.0 / 3 + 2) / 8) < 1e-6);
        QCOMPARE(d.matrix.at(3, 1), 1.0f);
        QCOMPARE(d.features[0].scale, 8.0);
        QCOMPARE(d.features[0].offset, -2.0);
        QCOMPARE(d.matrix.at(0, 2), 0.0f); // constant column under min-max
    }

    void imputesMissingNumbersWithTheMeanAndAnIndicator()
    {
        auto d = load("id,x\n1,1\n2,NA\n3,3\n4,\n5,NaN\n");
        QCOMPARE(featureNames(d), QStringList({"id", "x", "x (missing)"}));
        QCOMPARE(d.matrix.at(1, 1), 0.0f); // the mean, z-scored
        QCOMPARE(d.matrix.at(0, 1), -1.0f);
        QCOMPARE(d.matrix.at(2, 1), 1.0f);
        std::vector<float> indicator;
        for (int64_t row = 0; row < 5; ++row)
            indicator.push_back(d.matrix.at(row, 2));
        QCOMPARE(indicator, std::vector<float>({0, 1, 0, 1, 1}));
        QCOMPARE(d.features[1].mean, 2.0);
        QCOMPARE(d.features[2].mean, 0.6);
        QCOMPARE(d.features[2].sourceColumn, std::string("x"));
    }

    void readsAQuotedCsvWithMissingCategories()
    {
        fr::ColumnMapping mapping;
        mapping.idColumn = "id";
        auto d = load("id,city,note\r\n"
                      "a1,\"Paris, FR\",\"say \"\"hi\"\"\"\r\n"
                      "a2,\"Rome, IT\",\"two\r\nlines\"\r\n"
                      "a3,,\"say \"\"hi\"\"\"\r\n",
            mapping);
        QCOMPARE(d.ids, std::vector<std::string>({"a1", "a2", "a3"}));
        QCOMPARE(featureNames(d),
            QStringList({"city=Paris, FR", "city=Rome, IT", "city=(missing)", "note=say \"hi\"",
                "note=two\r\nlines"}));
        std::vector<float> row2(d.matrix.row(2), d.matrix.row(2) + 5);
        QCOMPARE(row2, std::vector<float>({0, 0, 1, 1, 0}));
    }

    void takesZeroOneColumnsForGroupAndTruth()
    {
        fr::ColumnMapping mapping;
        mapping.groupColumn = "minority";
        mapping.truthColumn = "label";
        auto d = load("minority,label,x\n0,0,1\n1,1,2\n0,0,3\n0,1.0,4\n", mapping);
        QCOMPARE(d.groupNames, std::vector<std::string>({"0", "1"}));
        QCOMPARE(d.protectedGroup, 1); // the smaller group when no value is named
        QCOMPARE(d.groups, std::vector<int>({0, 1, 0, 0}));
        QCOMPARE(d.truth, std::vector<int8_t>({0, 1, 0, 1}));
        QCOMPARE(featureNames(d), QStringList({"x"}));
        mapping.protectedValue = "0";
        mapping.anomalyValue = "0";
        auto swapped = load("minority,label,x\n0,0,1\n1,1,2\n0,0,3\n0,1.0,4\n", mapping);
        QCOMPARE(swapped.protectedGroup, 0);
        QCOMPARE(swapped.truth, std::vector<int8_t>({1, 0, 1, 0}));
    }

    void treatsOtherTextValuesAsNormal()
    {
        fr::ColumnMapping mapping;
        mapping.truthColumn = "status";
        mapping.anomalyValue = "fraud";
        auto d = load("status,x\nok,1\nfraud,2\nreview,3\n", mapping);
        QCOMPARE(d.truth, std::vector<int8_t>({0, 1, 0}));
    }

    void followsExplicitRoles()
    {
        fr::ColumnMapping mapping;
        mapping.groupColumn = "g";
        mapping.groupAsFeature = true;
        mapping.roles = parseRoles("code=Categorical;skip=Ignore;key=Id;y=Truth");
        auto d
            = load("key,g,code,skip,y,x\nk1,A,7,z,1,0.5\nk2,B,8,z,0,0.25\nk3,B,7,z,0,1\n", mapping);
        QCOMPARE(d.ids, std::vector<std::string>({"k1", "k2", "k3"}));
        QCOMPARE(d.truth, std::vector<int8_t>({1, 0, 0}));
        QCOMPARE(featureNames(d), QStringList({"g=A", "g=B", "code=7", "code=8", "x"}));
        QCOMPARE(d.protectedGroup, 0);
    }

    void numbersRowsWithoutAnIdColumn()
    {
        auto d = load("x\n5\n6\n");
        QCOMPARE(d.ids, std::vector<std::string>({"1", "2"}));
        QVERIFY(!d.hasGroups());
        QVERIFY(!d.hasTruth());
    }

    void reportsProgressInEveryPhase()
    {
        std::string text = "id,a,b,c\n";
        for (int i = 0; i < 300000; ++i)
            text += std::to_string(i) + "," + std::to_string(i % 7) + ",x" + std::to_string(i % 3)
                + ",0.5\n";
        TableFile file(text);
        QStringList phases;
        fr::Progress last;
        auto d = fr::loadCsvDataset(file.path(), {}, [&](const fr::Progress& p) {
            if (!phases.contains(QString::fromStdString(p.phase)))
                phases << QString::fromStdString(p.phase);
            QVERIFY(p.done <= p.total);
            last = p;
        });
        QVERIFY2(d.ok(), d.error().c_str());
        QCOMPARE(
            phases, QStringList({"reading", "parsing", "analysing columns", "building matrix"}));
        QCOMPARE(last.done, int64_t(300000));
        QCOMPARE(last.total, int64_t(300000));
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("protectedValue");
        QTest::addColumn<QString>("truth");
        QTest::addColumn<QString>("anomaly");
        QTest::addColumn<QString>("roles");
        QTest::addColumn<QString>("error");
        QByteArray ok = "id,g,t,x\n1,A,1,0.5\n2,B,0,1.5\n3,A,0,2\n";
        QString columns = "(columns: id, g, t, x)";
        auto row = [](const char* name) -> QTestData& { return QTest::newRow(name); };
        row("empty file") << QByteArray() << ""
                          << ""
                          << ""
                          << ""
                          << ""
                          << ""
                          << "t.csv: the file is empty";
        row("header only") << QByteArray("id,x\n") << ""
                           << ""
                           << ""
                           << ""
                           << ""
                           << ""
                           << "t.csv: only a header row, no data rows";
        row("ragged row") << QByteArray("id,x\n1,2\n2\n") << ""
                          << ""
                          << ""
                          << ""
                          << ""
                          << ""
                          << "t.csv line 3, column 'x': 1 field, expected 2";
        row("unterminated quote") << QByteArray("id,x\n1,\"2\n") << ""
                                  << ""
                                  << ""
                                  << ""
                                  << ""
                                  << ""
                                  << "t.csv line 2, column 'x': unterminated quote (the file "
                                     "ends inside a quoted value)";
        row("text in a declared numeric column")
            << QByteArray("id,age\n1,20\n2,old\n") << ""
            << ""
            << ""
            << ""
            << ""
            << "age=Feature"
            << "t.csv line 3, column 'age': 'old' is not a number (the column is set as a "
               "numeric feature)";
        row("inf") << QByteArray("id,x\n1,inf\n2,3\n") << ""
                   << ""
                   << ""
                   << ""
                   << ""
                   << ""
                   << "t.csv line 2, column 'x': 'inf' is not a finite number";
        row("1e400") << QByteArray("id,x\n1,2\n2,1e400\n") << ""
                     << ""
                     << ""
                     << ""
                     << ""
                     << ""
                     << "t.csv line 3, column 'x': '1e400' is not a finite number";
        row("-Infinity") << QByteArray("x\n1\n\n-Infinity\n") << ""
                         << ""
                         << ""
                         << ""
                         << ""
                         << ""
                         << "t.csv line 4, column 'x': '-Infinity' is not a finite number";
        row("duplicate column names")
            << QByteArray("id,x,x\n1,2,3\n") << ""
            << ""
            << ""
            << ""
            << ""
            << ""
            << "t.csv line 1: duplicate column name 'x' (columns 2 and 3)";
        row("duplicate ids") << QByteArray("id,x\n1,2\n2,3\n1,4\n") << "id"
                             << ""
                             << ""
                             << ""
                             << ""
                             << ""
                             << "t.csv line 4, column 'id': duplicate id '1' (also on "
                                "line 2)";
        row("missing id") << QByteArray("id,x\n1,2\nNA,3\n") << "id"
                          << ""
                          << ""
                          << ""
                          << ""
                          << ""
                          << "t.csv line 3, column 'id': missing id";
        row("group column does not exist")
            << ok << ""
            << "race"
            << ""
            << ""
            << ""
            << ""
            << "t.csv: group column 'race' does not exist " + columns;
        row("truth column does not exist")
            << ok << ""
            << ""
            << ""
            << "label"
            << ""
            << ""
            << "t.csv: ground-truth column 'label' does not exist " + columns;
        row("id column does not exist") << ok << "key"
                                        << ""
                                        << ""
                                        << ""
                                        << ""
                                        << ""
                                        << "t.csv: id column 'key' does not exist " + columns;
        row("role for a column that does not exist")
            << ok << ""
            << ""
            << ""
            << ""
            << ""
            << "age=Ignore"
            << "t.csv: column 'age' (set as ignored) does not exist " + columns;
        row("missing group value")
            << QByteArray("g,x\nA,1\n,2\n") << ""
            << "g"
            << ""
            << ""
            << ""
            << ""
            << "t.csv line 3, column 'g': missing group value (every row needs one)";
        row("infinite group value")
            << QByteArray("g,x\n0,1\ninf,2\n") << ""
            << "g"
            << ""
            << ""
            << ""
            << ""
            << "t.csv line 3, column 'g': 'inf' is not a usable group value";
        row("one group only") << QByteArray("g,x\nA,1\nA,2\n") << ""
                              << "g"
                              << ""
                              << ""
                              << ""
                              << ""
                              << "t.csv: column 'g' has only one value ('A'); a sensitive group "
                                 "needs at least two";
        row("protected value not there")
            << ok << ""
            << "g"
            << "C"
            << ""
            << ""
            << ""
            << "t.csv: protected value 'C' does not occur in column 'g' (values: A, B)";
        row("protected value not a number")
            << QByteArray("g,x\n0,1\n1,2\n") << ""
            << "g"
            << "Black"
            << ""
            << ""
            << ""
            << "t.csv: protected value 'Black' is not a number, but column 'g' holds numbers";
        row("missing truth value")
            << QByteArray("t,x\n1,1\nNA,2\n") << ""
            << ""
            << ""
            << "t"
            << ""
            << ""
            << "t.csv line 3, column 't': missing ground-truth value (every row needs one)";
        row("truth value not 0/1")
            << QByteArray("t,x\n1,1\n0,2\n2,3\n") << ""
            << ""
            << ""
            << "t"
            << ""
            << ""
            << "t.csv line 4, column 't': ground-truth value '2' is neither 0 nor 1";
        row("anomaly value absent from a text column")
            << QByteArray("t,x\nYes,1\nNo,2\n") << ""
            << ""
            << ""
            << "t"
            << ""
            << ""
            << "t.csv: anomaly value '1' does not occur in column 't' (values: No, Yes); name the "
               "value that marks an anomaly";
        row("anomaly value not a number")
            << QByteArray("t,x\n1,1\n0,2\n") << ""
            << ""
            << ""
            << "t"
            << "No"
            << ""
            << "t.csv: anomaly value 'No' is not a number, but column 't' holds numbers";
        row("same column for id and group")
            << ok << "g"
            << "g"
            << ""
            << ""
            << ""
            << ""
            << "t.csv: column 'g' cannot be both the id and the group column";
        row("conflicting role") << ok << "id"
                                << ""
                                << ""
                                << ""
                                << ""
                                << "id=Feature"
                                << "t.csv: column 'id' is set both as the id column and as "
                                   "numeric feature";
        row("two group columns") << ok << ""
                                 << "g"
                                 << ""
                                 << ""
                                 << ""
                                 << "x=Group"
                                 << "t.csv: two group columns: 'g' and 'x'";
        row("no features left") << ok << "id"
                                << "g"
                                << ""
                                << "t"
                                << ""
                                << "x=Ignore"
                                << "t.csv: no feature columns left (every column is the id, the "
                                   "group, the ground truth or ignored)";
        row("binary garbage") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8) << ""
                              << ""
                              << ""
                              << ""
                              << ""
                              << ""
                              << "t.csv: gzip-compressed data, not a text CSV file (decompress "
                                 "it first)";
        row("binary garbage (ELF)") << QByteArray("\x7f"
                                                  "ELF\x02\x01\x01\x00\x00",
            9) << ""
                                    << ""
                                    << ""
                                    << ""
                                    << ""
                                    << ""
                                    << "t.csv line 1: binary data (a NUL byte at offset 7); this "
                                       "is not a text CSV file";
    }
    void refusesBadInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, id);
        QFETCH(QString, group);
        QFETCH(QString, protectedValue);
        QFETCH(QString, truth);
        QFETCH(QString, anomaly);
        QFETCH(QString, roles);
        QFETCH(QString, error);
        fr::ColumnMapping mapping;
        mapping.idColumn = id.toStdString();
        mapping.groupColumn = group.toStdString();
        mapping.protectedValue = protectedValue.toStdString();
        mapping.truthColumn = truth.toStdString();
        mapping.anomalyValue = anomaly.toStdString();
        mapping.roles = parseRoles(roles);
        TableFile file(text.toStdString());
        auto dataset = fr::loadCsvDataset(file.path(), mapping);
        QVERIFY(!dataset.ok());
        QCOMPARE(QString::fromStdString(dataset.error()), error);
    }

    void refusesTooManyGroupsAndCategories()
    {
        std::string text = "name,x\n";
        for (int i = 0; i < 1001; ++i)
            text += "n" + std::to_string(i) + "," + std::to_string(i) + "\n";
        TableFile file(text);
        auto free = fr::loadCsvDataset(file.path(), {});
        QCOMPARE(QString::fromStdString(free.error()),
            QString("t.csv: column 'name' has 1001 distinct text values; set its role to Id or "
                    "Ignore, or to Categorical to one-hot encode it anyway"));
        fr::ColumnMapping mapping;
        mapping.groupColumn = "x";
        mapping.roles["name"] = fr::ColumnRole::Categorical;
        auto grouped = fr::loadCsvDataset(file.path(), mapping);
        QCOMPARE(QString::fromStdString(grouped.error()),
            QString("t.csv: column 'x' has more than 50 distinct values, too many for a "
                    "sensitive group"));
        mapping.groupColumn.clear();
        auto categorical = fr::loadCsvDataset(file.path(), mapping);
        QVERIFY2(categorical.ok(), categorical.error().c_str());
        QCOMPARE(categorical.value().matrix.cols, int64_t(1002));
    }

    void refusesAMissingFile()
    {
        auto dataset = fr::loadCsvDataset("/nonexistent/arrests.csv", {});
        QCOMPARE(QString::fromStdString(dataset.error()),
            QString("cannot open '/nonexistent/arrests.csv': No such file or directory"));
    }
};

QTEST_GUILESS_MAIN(TestCsvDatasetLoader)
#include "tst_csvdatasetloader.moc"
