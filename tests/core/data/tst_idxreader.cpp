// Tests for the IDX reader and its gzip layer: plain and compressed files, the real Fashion-MNIST
// labels, and every malformed header or stream (fuzzer findings included) with the exact error.
#include "data/gzip_reader.h"
#include "data/idx_reader.h"

#include <QtTest>

#include <zlib.h>

namespace {

std::string gzipBytes(const std::string& plain)
{
    z_stream stream {};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, plain.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    stream.avail_in = static_cast<uInt>(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string bytes(std::initializer_list<int> values)
{
    std::string out;
    for (int v : values)
        out += static_cast<char>(v);
    return out;
}

// Two 2x3 images with pixel values 0..11.
std::string smallImages()
{
    std::string idx = bytes({0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3});
    for (int i = 0; i < 12; ++i)
        idx += static_cast<char>(i);
    return idx;
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private slots:
    void parsesPlainAndCompressedArrays_data()
    {
        QTest::addColumn<bool>("compressed");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }
    void parsesPlainAndCompressedArrays()
    {
        QFETCH(bool, compressed);
        std::string file = compressed ? gzipBytes(smallImages()) : smallImages();
        auto array = fr::parseIdx(file, "x.idx");
        QVERIFY2(array.ok(), array.error().c_str());
        QCOMPARE(array.value().dims(), std::vector<uint32_t>({2, 2, 3}));
        QCOMPARE(array.value().count(), int64_t(2));
        QCOMPARE(array.value().itemSize(), int64_t(6));
        QCOMPARE(int(array.value().item(1)[0]), 6);
        QCOMPARE(int(array.value().item(1)[5]), 11);
    }

    void joinsConcatenatedGzipMembers()
    {
        std::string idx = smallImages();
        std::string file = gzipBytes(idx.substr(0, 10)) + gzipBytes(idx.substr(10));
        auto array = fr::parseIdx(file, "x.idx");
        QVERIFY2(array.ok(), array.error().c_str());
        QCOMPARE(int(array.value().item(1)[5]), 11);
    }

    void readsTheRealFashionMnistLabels()
    {
        auto labels
            = fr::readIdxFile("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");
        QVERIFY2(labels.ok(), labels.error().c_str());
        QCOMPARE(labels.value().dims(), std::vector<uint32_t>({60000}));
        std::vector<int> perClass(10, 0);
        for (int64_t i = 0; i < labels.value().count(); ++i)
            ++perClass.at(labels.value().data()[i]);
        QCOMPARE(perClass, std::vector<int>(10, 6000));
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("error");
        auto raw = [](const std::string& s) { return QByteArray(s.data(), int(s.size())); };
        std::string images = smallImages();
        std::string compressed = gzipBytes(images + std::string(4000, '\x07'));
        QTest::newRow("empty") << QByteArray()
                               << "x.idx: not an IDX file (0 bytes, too short for a header)";
        QTest::newRow("too short")
            << raw(bytes({0, 0, 8})) << "x.idx: not an IDX file (3 bytes, too short for a header)";
        QTest::newRow("wrong magic")
            << QByteArray("PK\x03\x04zipdata")
            << "x.idx: not an IDX file (it starts with 50 4b 03 04, expected 00 00 08 and the "
               "number of dimensions)";
        QTest::newRow("float elements")
            << raw(bytes({0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0}))
            << "x.idx: IDX element type 0x0d is not supported (only unsigned bytes, 0x08)";
        QTest::newRow("zero dimensions")
            << raw(bytes({0, 0, 8, 0})) << "x.idx: IDX header gives 0 dimensions (expected 1 to 4)";
        QTest::newRow("nine dimensions")
            << raw(bytes({0, 0, 8, 9})) << "x.idx: IDX header gives 9 dimensions (expected 1 to 4)";
        QTest::newRow("truncated header")
            << raw(bytes({0, 0, 8, 3, 0, 0, 0, 2, 0, 0})) << "x.idx: truncated IDX header";
        QTest::newRow("missing data")
            << raw(images.substr(0, images.size() - 1))
            << "x.idx: IDX header says 2 x 2 x 3 = 12 bytes of data, but the file holds 11";
        QTest::newRow("extra data") << raw(images + "!")
                                    << "x.idx: IDX header says 2 x 2 x 3 = 12 bytes of data, but "
                                       "the file holds 13";
        // Fuzzer finding: an item size beyond 2^64 hidden behind a zero count.
        QTest::newRow("fuzz: overflowing item size")
            << raw(bytes({0, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0x88, 1, 5, 0, 0, 8, 3, 1, 8, 0}))
            << "x.idx: IDX header sizes 0 x 34817 x 83886088 x 50399232 are too large";
        QTest::newRow("truncated gzip")
            << raw(compressed.substr(0, compressed.size() / 2))
            << "x.idx: truncated gzip file (it ends before the compressed data does)";
        QTest::newRow("gzip header only")
            << raw(bytes({0x1f, 0x8b}))
            << "x.idx: truncated gzip file (it ends before the compressed data does)";
        std::string corrupt = compressed;
        corrupt[10] = static_cast<char>(0xFF); // the first deflate block header: reserved type
        QTest::newRow("corrupt gzip")
            << raw(corrupt) << "x.idx: corrupt gzip data (invalid block type)";
        QTest::newRow("garbage after gzip") << raw(
            compressed + "junk") << "x.idx: unexpected data after the end of the gzip stream";
    }
    void refusesBadFiles()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, error);
        auto array = fr::parseIdx(file.toStdString(), "x.idx");
        QVERIFY(!array.ok());
        QCOMPARE(QString::fromStdString(array.error()), error);
    }

    // Fuzzer finding: zero-sized items with huge counts overflowed itemSize() in 64-bit signed
    // arithmetic. Such a file is consistent (no data, none promised) and must read as such.
    void acceptsEmptyItemsWithoutOverflow()
    {
        auto array = fr::parseIdx(bytes({0, 0, 8, 4, 6, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 4, 0x80, 0, 0, 0, 0}),
            "x.idx");
        QVERIFY2(array.ok(), array.error().c_str());
        QCOMPARE(array.value().itemSize(), int64_t(0));
        QCOMPARE(array.value().count(), int64_t(0x0600ffff));
    }

    void capsTheDecompressedSize()
    {
        std::string file = gzipBytes(smallImages() + std::string(100000, '\0'));
        auto array = fr::parseIdx(file, "x.idx", 1000);
        QCOMPARE(QString::fromStdString(array.error()),
            QString("x.idx: decompresses to more than 1000 bytes"));
    }

    void refusesAMissingFile()
    {
        auto array = fr::readIdxFile("/nonexistent/labels.gz");
        QCOMPARE(QString::fromStdString(array.error()),
            QString("cannot open '/nonexistent/labels.gz': No such file or directory"));
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idxreader.moc"
