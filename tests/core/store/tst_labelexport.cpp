// Tests for the audited-list export: RFC 4180 quoting, spreadsheet formula neutralising (a note
// and a categorical value that start with '='), JSON, original columns, and the 10,000-label speed.
#include "store/label_export.h"
#include "store/project_store.h"
#include "store_test_support.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace fr;
using namespace fr::test;

namespace {

// A strict RFC 4180 reader for checking what the exporter wrote (CRLF line ends required).
std::vector<std::vector<std::string>> parseRfc4180(const std::string& text)
{
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        auto& field = records.back().back();
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            records.back().emplace_back();
        } else if (!quoted && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.emplace_back(1);
            ++i;
        } else {
            if (!quoted && (c == '\n' || c == '\r'))
                qFatal("bare line break outside quotes at byte %zu", i);
            field += c;
        }
    }
    records.pop_back(); // after the last CRLF
    return records;
}

int column(const std::vector<std::string>& header, const std::string& name)
{
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : int(it - header.begin());
}

} // namespace

class TestLabelExport : public QObject {
    Q_OBJECT
private slots:
    void csvFieldNeutralisesAndQuotes_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("formula") << "=1+2"
                                 << "'=1+2";
        QTest::newRow("hyperlink with quotes") << "=HYPERLINK(\"http://x\",\"y\")"
                                               << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus") << "+SUM(A1)"
                              << "'+SUM(A1)";
        QTest::newRow("minus expression") << "-2+3"
                                          << "'-2+3";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("carriage return") << "\rx"
                                         << "\"'\rx\"";
        QTest::newRow("lone minus") << "-"
                                    << "'-";
        QTest::newRow("negative number") << "-3"
                                         << "-3";
        QTest::newRow("signed exponent") << "+1.5e-3"
                                         << "+1.5e-3";
        QTest::newRow("dde payload") << "-cmd|' /C calc'!A0"
                                     << "'-cmd|' /C calc'!A0";
        QTest::newRow("plain") << "hello"
                               << "hello";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "two\nlines"
                                 << "\"two\nlines\"";
        QTest::newRow("equals inside") << "a=b"
                                       << "a=b";
    }
    void csvFieldNeutralisesAndQuotes()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(csvField(cell.toStdString())), written);
    }

    void isoTimesAreUtc_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("iso");
        QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000Z";
        QTest::newRow("2023") << qint64(1700000000123) << "2023-11-14T22:13:20.123Z";
        QTest::newRow("before epoch") << qint64(-1) << "1969-12-31T23:59:59.999Z";
    }
    void isoTimesAreUtc()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, iso);
        QCOMPARE(QString::fromStdString(isoUtcTime(ms)), iso);
    }

    void exportNeutralisesNoteAndCategoricalValue()
    {
        QTemporaryDir dir;
        const std::string evilGroup = "=cmd|' /C calc'!A0";
        auto f = writeFixture(dir.path(), 30, 7, evilGroup);
        auto store = ProjectStore::create(
            (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset)
                         .take();
        std::vector<LabelRecord> labels = {makeLabel(0, LabelValue::Anomaly, 0, 1),
            makeLabel(1, LabelValue::Normal, 0, 1), makeLabel(2, LabelValue::Normal, 0, 1)};
        labels[0].note = "=HYPERLINK(\"http://evil\",\"click\")";
        labels[1].note = "-3";
        labels[2].note = "undone soon";
        QVERIFY(store->recordLabels(labels).ok());
        QVERIFY(store->recordUndo(labels[2]).ok());
        const std::string csvPath = (dir.path() + "/labels.csv").toStdString();
        auto written = store->exportLabels(csvPath, ExportFormat::Csv, true);
        QVERIFY2(written.ok(), written.error().c_str());
        QCOMPARE(written.value(), int64_t(2));
        auto records = parseRfc4180(fileBytes(csvPath));
        QCOMPARE(records.size(), size_t(3));
        const auto& header = records[0];
        QCOMPARE(header[0], std::string("id"));
        QVERIFY(column(header, "id (data)") > 0);
        const auto& row0 = records[1];
        QCOMPARE(row0[column(header, "note")], "'" + labels[0].note);
        QCOMPARE(row0[column(header, "group")], "'" + evilGroup);
        QCOMPARE(row0[column(header, "race")], "'" + evilGroup);
        QCOMPARE(row0[column(header, "comment")], std::string("says \"hi\", twice"));
        QCOMPARE(row0[column(header, "label")], std::string("anomaly"));
        QCOMPARE(row0[column(header, "time")], std::string("2023-11-14T22:13:20.000Z"));
        QCOMPARE(row0[column(header, "id (data)")], std::string("r1"));
        QCOMPARE(records[2][column(header, "note")], std::string("-3"));
        QCOMPARE(records[2][column(header, "group")], std::string("Black"));
        for (const auto& record : records)
            QCOMPARE(record.size(), header.size());
    }

    void jsonExportCarriesValuesUnchanged()
    {
        QTemporaryDir dir;
        const std::string evilGroup = "=1+1";
        auto f = writeFixture(dir.path(), 10, 7, evilGroup);
        auto store = ProjectStore::create(
            (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset)
                         .take();
        std::vector<float> score(10, 0.25f);
        ModelVersionRecord model;
        model.version = 1;
        QVERIFY(store->recordModelVersion(model, score, {}).ok());
        std::vector<LabelRecord> labels = {makeLabel(0, LabelValue::Anomaly, 1, 2)};
        labels[0].note = "=SUM(A1:A9)\ttab";
        labels[0].score = 0.25;
        labels[0].rank = 4;
        QVERIFY(store->recordLabels(labels).ok());
        const std::string jsonPath = (dir.path() + "/labels.json").toStdString();
        QVERIFY(store->exportLabels(jsonPath, ExportFormat::Json, true).ok());
        QJsonParseError error;
        auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(fileBytes(jsonPath)), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(doc.object()["chain_head"].toString(),
            QString::fromStdString(store->auditChainHead().value().hash));
        const QJsonArray exported = doc.object()["labels"].toArray();
        QCOMPARE(exported.size(), 1);
        QJsonObject o = exported[0].toObject();
        QCOMPARE(o["id"].toString(), QString("r1"));
        QCOMPARE(o["label"].toString(), QString("anomaly"));
        QCOMPARE(o["note"].toString(), QString::fromStdString(labels[0].note));
        QCOMPARE(o["group"].toString(), QString::fromStdString(evilGroup));
        QCOMPARE(o["model_version"].toInt(), 1);
        QCOMPARE(o["score"].toDouble(), 0.25);
        QCOMPARE(o["rank"].toInt(), 4);
        QCOMPARE(o["analyst"].toString(), QString("ada"));
        QCOMPARE(o["time"].toString(), QString("2023-11-14T22:13:20.000Z"));
        QCOMPARE(o["group_visible"].toBool(), true);
        QVERIFY(o["review_ms"].isNull()); // not measured
        QCOMPARE(o["columns"].toObject()["race"].toString(), QString::fromStdString(evilGroup));
        QCOMPARE(o["columns"].toObject()["age"].toString().toInt() >= 18, true);
    }

    void failedExportLeavesNoFile()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        auto store = ProjectStore::create(
            (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset)
                         .take();
        auto missingFolder = store->exportLabels(
            (dir.path() + "/no/such/dir/x.csv").toStdString(), ExportFormat::Csv, false);
        QVERIFY(!missingFolder.ok());
        QVERIFY2(missingFolder.error().find("No such file") != std::string::npos,
            missingFolder.error().c_str());
        {
            std::ofstream(f.csvPath, std::ios::app) << "r11,50,White,x\n";
        }
        const std::string out = (dir.path() + "/x.csv").toStdString();
        auto changed = store->exportLabels(out, ExportFormat::Csv, true);
        QVERIFY(!changed.ok());
        QVERIFY2(changed.error().find("has changed") != std::string::npos, changed.error().c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
        QVERIFY(store->exportLabels(out, ExportFormat::Csv, false).ok());
        QCOMPARE(QDir(dir.path()).entryList({"*.part-*"}).size(), 0);
    }

    void exportsTenThousandLabelsQuickly()
    {
        QTemporaryDir dir;
        const int64_t rows = 20000, labelled = 10000;
        auto f = writeFixture(dir.path(), rows);
        auto store = ProjectStore::create(
            (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset)
                         .take();
        std::vector<LabelRecord> labels;
        for (int64_t i = 0; i < labelled; ++i)
            labels.push_back(makeLabel(
                i * 2, i % 5 ? LabelValue::Normal : LabelValue::Anomaly, 0, int(i / 10) + 1));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(store->recordLabels(labels).ok());
        const qint64 recordMs = timer.elapsed();
        qint64 ms[3];
        const char* names[3] = {"CSV", "CSV with original columns", "JSON"};
        for (int i = 0; i < 3; ++i) {
            timer.restart();
            auto written
                = store->exportLabels((dir.path() + "/out" + QString::number(i)).toStdString(),
                    i == 2 ? ExportFormat::Json : ExportFormat::Csv, i == 1);
            ms[i] = timer.elapsed();
            QVERIFY2(written.ok(), written.error().c_str());
            QCOMPARE(written.value(), labelled);
        }
        qInfo("10,000 labels: recorded in one batch in %lld ms; export %s %lld ms, %s %lld ms, "
              "%s %lld ms",
            recordMs, names[0], ms[0], names[1], ms[1], names[2], ms[2]);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(ms[i] < 2000, names[i]);
        auto records = parseRfc4180(fileBytes((dir.path() + "/out1").toStdString()));
        QCOMPARE(records.size(), size_t(labelled + 1));
        QCOMPARE(records[labelled][0], "r" + std::to_string((labelled - 1) * 2 + 1));
        QCOMPARE(records[labelled][column(records[0], "id (data)")], records[labelled][0]);
    }
};

QTEST_GUILESS_MAIN(TestLabelExport)
#include "tst_labelexport.moc"
