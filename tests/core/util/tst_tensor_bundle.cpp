// Tests for the checkpoint format (util/tensor_bundle.h): what is encoded decodes to the same
// arrays, and every damaged or foreign input is a message, never a crash or an over-read.
#include "util/tensor_bundle.h"

#include <QtTest>
#include <cstring>
#include <zlib.h>

using namespace fr;

namespace {

BundleArray floats(std::vector<int64_t> shape, const std::vector<float>& values)
{
    BundleArray a;
    a.type = BundleType::Float32;
    a.shape = std::move(shape);
    a.bytes.resize(values.size() * sizeof(float));
    std::memcpy(a.bytes.data(), values.data(), a.bytes.size());
    return a;
}

TensorBundle sampleBundle()
{
    TensorBundle b;
    b.put("net.encoder.0.weight", floats({2, 3}, {1, 2, 3, 4, 5, 6}));
    b.put("net.encoder.0.bias", floats({2}, {-1, 0.5f}));
    BundleArray meta;
    meta.type = BundleType::Float64;
    meta.shape = {1};
    const double lr = 1e-3;
    meta.bytes.resize(8);
    std::memcpy(meta.bytes.data(), &lr, 8);
    b.put("meta", meta);
    b.put("empty", floats({0, 4}, {}));
    return b;
}

QString errorOf(const std::vector<uint8_t>& bytes)
{
    auto decoded = TensorBundle::decode(bytes);
    return decoded.ok() ? QString() : QString::fromStdString(decoded.error());
}

// Writes the trailing checksum again after a deliberate change, so that the structural checks (not
// the checksum) must catch it.
void seal(std::vector<uint8_t>& bytes)
{
    bytes.resize(bytes.size() - 4);
    const uint32_t crc
        = static_cast<uint32_t>(::crc32(0L, bytes.data(), static_cast<uInt>(bytes.size())));
    const auto* p = reinterpret_cast<const uint8_t*>(&crc);
    bytes.insert(bytes.end(), p, p + 4);
}

} // namespace

class TestTensorBundle : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEveryArray()
    {
        const TensorBundle b = sampleBundle();
        const std::vector<uint8_t> bytes = b.encode();
        auto decoded = TensorBundle::decode(bytes);
        QVERIFY2(decoded.ok(), decoded.error().c_str());
        QCOMPARE(decoded.value().arrays().size(), b.arrays().size());
        for (const auto& [name, array] : b.arrays()) {
            const BundleArray* back = decoded.value().find(name);
            QVERIFY(back);
            QVERIFY(back->type == array.type);
            QVERIFY(back->shape == array.shape);
            QVERIFY(back->bytes == array.bytes);
        }
        QVERIFY(decoded.value().encode() == bytes); // deterministic
        QCOMPARE(decoded.value().find("net.encoder.0.weight")->elementCount(), int64_t(6));
    }

    void everyTruncationIsRefused()
    {
        const std::vector<uint8_t> bytes = sampleBundle().encode();
        for (size_t n = 0; n < bytes.size(); ++n) {
            const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
            QVERIFY2(!errorOf(cut).isEmpty(), qPrintable(QString::number(n)));
        }
    }

    void everyFlippedByteIsRefused()
    {
        const std::vector<uint8_t> bytes = sampleBundle().encode();
        for (size_t i = 0; i < bytes.size(); ++i) {
            std::vector<uint8_t> flipped = bytes;
            flipped[i] ^= 0x40;
            QVERIFY2(!errorOf(flipped).isEmpty(), qPrintable(QString::number(i)));
        }
    }

    void foreignInputIsNamed()
    {
        QVERIFY(errorOf({}).contains("not a FairReview checkpoint"));
        QVERIFY(errorOf(std::vector<uint8_t>(200, 7)).contains("not a FairReview checkpoint"));
        const std::vector<uint8_t> zip = {'P', 'K', 3, 4, 0, 0, 0, 0};
        QVERIFY(errorOf(zip).contains("LibTorch archive"));
    }

    // Found by fuzz_checkpoint: arrays out of name order decoded, so that one bundle had two
    // encodings. The names must now be strictly increasing.
    void arraysOutOfOrderAreRefused()
    {
        TensorBundle b;
        b.put("a", floats({1}, {1}));
        b.put("b", floats({1}, {2}));
        std::vector<uint8_t> bytes = b.encode();
        // Layout: magic(8) version(4) count(4), then nameLength(2) name(1) type(1) ndim(1)
        // extent(8) element(4) per array: rename the second "b" to "a".
        const size_t secondName = 8 + 4 + 4 + (2 + 1 + 1 + 1 + 8 + 4) + 2;
        QCOMPARE(char(bytes[secondName]), 'b');
        bytes[secondName] = 'a';
        seal(bytes);
        const QString error = errorOf(bytes);
        QVERIFY2(error.contains("'a' is out of order or appears twice"), qPrintable(error));
    }

    // A well-sealed input whose shape claims more elements than there are bytes: the checks are
    // structural, not only the checksum.
    void oversizedShapeIsRefusedEvenWithAGoodChecksum()
    {
        TensorBundle b;
        b.put("w", floats({2}, {1, 2}));
        std::vector<uint8_t> bytes = b.encode();
        // Layout: magic(8) version(4) count(4) nameLength(2) "w"(1) type(1) ndim(1) extent(8) ...
        const size_t extentAt = 8 + 4 + 4 + 2 + 1 + 1 + 1;
        const int64_t huge = int64_t(1) << 60;
        std::memcpy(bytes.data() + extentAt, &huge, 8);
        seal(bytes);
        const QString error = errorOf(bytes);
        QVERIFY2(error.contains("'w' is larger than the bytes that follow"), qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TestTensorBundle)
#include "tst_tensor_bundle.moc"
