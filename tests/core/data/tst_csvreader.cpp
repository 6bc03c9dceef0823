// Tests for the CSV reader: RFC 4180 quoting, CRLF, BOM, empty lines, line numbers, and every
// malformed input it must refuse with file, line, column and reason.
#include "data/csv_reader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace {

std::string cells(const fr::CsvTable& table)
{
    std::string out;
    for (int64_t row = 0; row < table.rowCount(); ++row) {
        for (int column = 0; column < table.columnCount(); ++column)
            out += (column ? "|" : "") + std::string(table.cell(row, column));
        out += ";";
    }
    return out;
}

std::string writeFile(const QTemporaryDir& dir, const std::string& name, const std::string& bytes)
{
    std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT
private slots:
    void parsesValidText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("a,b\n1,2\n3,4\n") << "a|b"
                               << "1|2;3|4;";
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << "a|b"
                                          << "1|2;";
        QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << "a|b"
                              << "1|2;";
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBFid,x\n7,8\n") << "id|x"
                             << "7|8;";
        QTest::newRow("embedded comma") << QByteArray("a,b\n\"x, y\",2\n") << "a|b"
                                        << "x, y|2;";
        QTest::newRow("doubled quotes") << QByteArray("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n") << "a|b"
                                        << "say \"hi\"|\";";
        QTest::newRow("embedded newline") << QByteArray("a,b\r\n\"two\r\nlines\",2\r\n") << "a|b"
                                          << "two\r\nlines|2;";
        QTest::newRow("quoted header") << QByteArray("\"a,1\",\"b\"\n1,2\n") << "a,1|b"
                                       << "1|2;";
        QTest::newRow("empty cells") << QByteArray("a,b,c\n,,\n1,,\n") << "a|b|c"
                                     << "||;1||;";
        QTest::newRow("blank lines skipped") << QByteArray("\n\na,b\n\n1,2\n\n\n3,4\n\n") << "a|b"
                                             << "1|2;3|4;";
        QTest::newRow("spaces trimmed outside quotes")
            << QByteArray("a , b\n 1 ,\" 2 \" \n") << "a|b"
            << "1| 2 ;";
        QTest::newRow("quote inside unquoted cell") << QByteArray("h,w\n5'10\",x\n") << "h|w"
                                                    << "5'10\"|x;";
        QTest::newRow("utf8 text") << QByteArray("n\nK\xC3\xB6ln\n") << "n"
                                   << "K\xC3\xB6ln;";
        QTest::newRow("empty header name") << QByteArray(",b\n1,2\n") << "column 1|b"
                                           << "1|2;";
        QTest::newRow("lone cr line ends") << QByteArray("a\r1\r2\r") << "a"
                                           << "1;2;";
    }
    void parsesValidText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, header);
        QFETCH(QString, expected);
        auto table = fr::parseCsv(text.toStdString(), "t.csv");
        QVERIFY2(table.ok(), table.error().c_str());
        QStringList names;
        for (const auto& name : table.value().columnNames())
            names << QString::fromStdString(name);
        QCOMPARE(names.join('|'), header);
        QCOMPARE(QString::fromStdString(cells(table.value())), expected);
    }

    void namesTheLineWhereARecordStarts()
    {
        auto table = fr::parseCsv("a,b\n1,\"x\ny\nz\"\n\n2,3\n", "t.csv");
        QVERIFY2(table.ok(), table.error().c_str());
        QCOMPARE(table.value().rowCount(), int64_t(2));
        QCOMPARE(table.value().lineOf(0), int64_t(2));
        QCOMPARE(table.value().lineOf(1), int64_t(6));
        QCOMPARE(table.value().columnIndex("b"), 1);
        QCOMPARE(table.value().columnIndex("c"), -1);
    }

    void refusesBadText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty file") << QByteArray("") << "t.csv: the file is empty";
        QTest::newRow("only newlines") << QByteArray("\r\n\n") << "t.csv: the file is empty";
        QTest::newRow("only a bom") << QByteArray("\xEF\xBB\xBF") << "t.csv: the file is empty";
        QTest::newRow("header only")
            << QByteArray("a,b,c\n") << "t.csv: only a header row, no data rows";
        QTest::newRow("header only, blank lines after")
            << QByteArray("a,b\n\n\n") << "t.csv: only a header row, no data rows";
        QTest::newRow("too few fields") << QByteArray("a,b,c\n1,2,3\n4,5\n")
                                        << "t.csv line 3, column 'c': 2 fields, expected 3";
        QTest::newRow("too many fields")
            << QByteArray("a,b\n1,2\n3,4\n5,6,7\n")
            << "t.csv line 4: 3 fields, expected 2 (more fields than header columns)";
        QTest::newRow("ragged after a multi-line cell") << QByteArray(
            "a,b\n\"1\n2\",3\n4\n") << "t.csv line 4, column 'b': 1 field, expected 2";
        QTest::newRow("unterminated quote")
            << QByteArray("a,b\n1,2\n3,\"open\n4,5\n")
            << "t.csv line 3, column 'b': unterminated quote (the file ends inside a quoted "
               "value)";
        QTest::newRow("unterminated quote in header")
            << QByteArray("a,\"b\n1,2\n")
            << "t.csv line 1, column 'column 2': unterminated quote (the file ends inside a "
               "quoted value)";
        QTest::newRow("text after closing quote")
            << QByteArray("a,b\n\"x\"y,2\n")
            << "t.csv line 2, column 'a': unexpected text after a closing quote (a quote inside a "
               "quoted value must be doubled: \"\")";
        QTest::newRow("duplicate column names")
            << QByteArray("id,age,x,age\n1,2,3,4\n")
            << "t.csv line 1: duplicate column name 'age' (columns 2 and 4)";
        QTest::newRow("binary garbage (NUL)")
            << QByteArray("a,b\n1,2\n\x7f\x45\x4c\x46\x02\x01\x00\x00", 16)
            << "t.csv line 3: binary data (a NUL byte at offset 14); this is not a text CSV file";
        QTest::newRow("binary garbage (not UTF-8)")
            << QByteArray("a,b\n\x89PNG\r\n\x1a\n")
            << "t.csv line 2: not UTF-8 text (byte 0x89 at offset 4); save the file as UTF-8 "
               "CSV";
        QTest::newRow("latin-1 text")
            << QByteArray("name\nK\xF6ln\n")
            << "t.csv line 2: not UTF-8 text (byte 0xf6 at offset 6); save the file as UTF-8 CSV";
        QTest::newRow("overlong utf-8")
            << QByteArray("a\n\xC0\xAF\n")
            << "t.csv line 2: not UTF-8 text (byte 0xc0 at offset 2); save the file as UTF-8 CSV";
    }
    void refusesBadText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        auto table = fr::parseCsv(text.toStdString(), "t.csv");
        QVERIFY(!table.ok());
        QCOMPARE(QString::fromStdString(table.error()), error);
    }

    void refusesMissingFileAndFolder()
    {
        QTemporaryDir dir;
        std::string missing = dir.filePath("nope.csv").toStdString();
        auto table = fr::readCsvFile(missing);
        QVERIFY(!table.ok());
        QCOMPARE(QString::fromStdString(table.error()),
            QString::fromStdString("cannot open '" + missing + "': No such file or directory"));
        auto folder = fr::readCsvFile(dir.path().toStdString());
        QCOMPARE(QString::fromStdString(folder.error()),
            QString("cannot read '%1': it is a folder").arg(dir.path()));
    }

    void readsAFileAndNamesItByItsBaseName()
    {
        QTemporaryDir dir;
        std::string path = writeFile(dir, "ragged.csv", "a,b\n1\n");
        auto table = fr::readCsvFile(path);
        QCOMPARE(QString::fromStdString(table.error()),
            QString("ragged.csv line 2, column 'b': 1 field, expected 2"));
    }

    void reportsProgressWhileReading()
    {
        QTemporaryDir dir;
        std::string text = "x,y\n";
        while (text.size() < (size_t(20) << 20))
            text += "12345.678,-0.25\n";
        std::string path = writeFile(dir, "big.csv", text);
        QStringList phases;
        int64_t lastDone = -1, lastTotal = 0;
        auto table = fr::readCsvFile(path, [&](const fr::Progress& p) {
            if (!phases.contains(QString::fromStdString(p.phase)))
                phases << QString::fromStdString(p.phase);
            lastDone = p.done;
            lastTotal = p.total;
        });
        QVERIFY2(table.ok(), table.error().c_str());
        QCOMPARE(phases, QStringList({"reading", "parsing"}));
        QCOMPARE(lastDone, int64_t(text.size()));
        QCOMPARE(lastTotal, int64_t(text.size()));
        QCOMPARE(table.value().rowCount(), int64_t((text.size() - 4) / 16));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
