// Tests for CsvStream: blocks of rows read through a small buffer agree with readCsvFile on the
// same file (quotes, CRLF, BOM, empty lines, trimming, line numbers), and errors name the line.
#include "data/csv_reader.h"
#include "data/csv_stream.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace fr;

namespace {

std::string writeText(const QTemporaryDir& dir, const std::string& name, const std::string& text)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace

class TestCsvStream : public QObject {
    Q_OBJECT
private slots:
    void agreesWithTheReader_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("plain") << QByteArray("a,b\n1,2\n3,4\n");
        QTest::newRow("crlf, bom, no final break") << QByteArray("\xEF\xBB\xBF"
                                                                 "a,b\r\n1,2\r\n3,4");
        QTest::newRow("quotes") << QByteArray(
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
        QTest::newRow("empty lines and blanks")
            << QByteArray("a,b\n\n  1 ,\t2\n\r\n\"q\"  , 3\n\n");
    }

    void agreesWithTheReader()
    {
        QFETCH(QByteArray, text);
        QTemporaryDir dir;
        const std::string path = writeText(dir, "t.csv", text.toStdString());
        auto table = readCsvFile(path);
        QVERIFY2(table.ok(), table.ok() ? "" : table.error().c_str());
        auto stream = CsvStream::open(path);
        QVERIFY2(stream.ok(), stream.ok() ? "" : stream.error().c_str());
        QCOMPARE(stream.value()->header(), table.value().columnNames());
        CsvRowBlock block;
        int64_t row = 0;
        for (;;) {
            auto read = stream.value()->readRows(block, 1, 1 << 20);
            QVERIFY(read.ok());
            if (read.value() == 0)
                break;
            const std::string_view* cells = block.cellsOf(0);
            for (size_t c = 0; c < block.columns; ++c)
                QCOMPARE(cells[c], table.value().cell(row, static_cast<int>(c)));
            QCOMPARE(block.lines[0], table.value().lineOf(row));
            ++row;
        }
        QCOMPARE(row, table.value().rowCount());
    }

    void readsBlocksAcrossBufferRefills()
    {
        QTemporaryDir dir;
        std::string text = "id,value\n";
        for (int i = 1; i <= 200000; ++i) // about 2.5 MB: several 1 MiB refills mid-record
            text += std::to_string(i) + ",\"v " + std::to_string(i * 7) + "\"\n";
        auto stream = CsvStream::open(writeText(dir, "big.csv", text));
        QVERIFY(stream.ok());
        CsvRowBlock block;
        int64_t rows = 0;
        while (true) {
            auto read = stream.value()->readRows(block, 65536, 64 << 20);
            QVERIFY(read.ok());
            if (read.value() == 0)
                break;
            for (int64_t r = 0; r < read.value(); ++r, ++rows) {
                const std::string_view* cells = block.cellsOf(r);
                QCOMPARE(cells[0], std::string_view(std::to_string(rows + 1)));
                QCOMPARE(cells[1], std::string_view("v " + std::to_string((rows + 1) * 7)));
                QCOMPARE(block.lines[r], rows + 2);
            }
        }
        QCOMPARE(rows, int64_t(200000));
    }

    void errorsNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("too few fields") << QByteArray(
            "a,b\n1,2\n3\n") << QByteArray("t.csv line 3, column 'b': 1 field, expected 2");
        QTest::newRow("too many fields")
            << QByteArray("a,b\n1,2,3\n") << QByteArray("t.csv line 2: 3 fields, expected 2");
        QTest::newRow("unterminated quote")
            << QByteArray("a,b\n1,2\n\"open,2\n") << QByteArray("t.csv line 3: unterminated quote");
        QTest::newRow("text after a closing quote") << QByteArray(
            "a,b\n\"x\"y,2\n") << QByteArray("t.csv line 2, column 'a': unexpected text");
    }

    void errorsNameTheLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        auto stream = CsvStream::open(writeText(dir, "t.csv", text.toStdString()));
        QVERIFY(stream.ok());
        CsvRowBlock block;
        Result<int64_t> read = int64_t(1);
        while (read.ok() && read.value() > 0)
            read = stream.value()->readRows(block, 1, 1 << 20);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().rfind(message.toStdString(), 0) == 0, read.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestCsvStream)
#include "tst_csvstream.moc"
