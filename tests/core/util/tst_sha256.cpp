// Tests for Sha256 against the FIPS 180-2 example vectors (appendix B) and the empty message, fed
// whole and in pieces that cross the 64-byte block boundary.
#include "util/sha256.h"

#include <QtTest>

class TestSha256 : public QObject {
    Q_OBJECT
private slots:
    void matchesTheFipsVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty")
            << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc")
                             << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("one million a") << QByteArray(
            1000000, 'a') << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    }

    void matchesTheFipsVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, digest);
        const std::string bytes(message.constData(), size_t(message.size()));
        QCOMPARE(QString::fromStdString(fr::sha256Hex(bytes)), digest);
    }

    void piecesGiveTheSameDigestAsTheWhole()
    {
        std::string message;
        for (int i = 0; i < 200; ++i)
            message += char('a' + i % 26);
        const std::string whole = fr::sha256Hex(message);
        for (size_t piece : {size_t(1), size_t(7), size_t(55), size_t(64), size_t(65)}) {
            fr::Sha256 hash;
            for (size_t at = 0; at < message.size(); at += piece)
                hash.update(message.substr(at, piece));
            QCOMPARE(fr::toHex(hash.finish()), whole);
        }
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
