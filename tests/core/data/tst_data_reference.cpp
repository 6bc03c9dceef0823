// Tests for a project's data reference (data/dataset_loader.h, store/dataset_reference.h): a
// Fashion-MNIST set-up written as a reference reads back as the same set-up, anything else is a
// data file's path, and the reference's size and hash are those of the training images.
#include "data/dataset_loader.h"
#include "store/dataset_reference.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace fr;

class TestDataReference : public QObject {
    Q_OBJECT
private slots:
    void fashionMnistReferenceRoundTrips()
    {
        FashionMnistOptions options;
        options.setup = FashionMnistSetup::Invert;
        options.normalClass = 7;
        options.seed = 18446744073709551615ull; // all 64 bits survive
        options.directory = "/data/with:colon/fashion";
        const std::string reference = fashionMnistReference(options);
        QCOMPARE(reference,
            std::string(
                "fashion-mnist:invert:7:seed=18446744073709551615:/data/with:colon/fashion"));
        const auto back = parseFashionMnistReference(reference);
        QVERIFY(back.has_value());
        QVERIFY(back->setup == FashionMnistSetup::Invert);
        QCOMPARE(back->normalClass, 7);
        QCOMPARE(back->seed, options.seed);
        QCOMPARE(back->directory, options.directory);
    }

    void anythingElseIsAPath_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("csv") << "/home/analyst/arrests.csv";
        QTest::newRow("no directory") << "fashion-mnist:oneclass:0:seed=0";
        QTest::newRow("class 10") << "fashion-mnist:oneclass:10:seed=0:/d";
        QTest::newRow("negative class") << "fashion-mnist:oneclass:-1:seed=0:/d";
        QTest::newRow("unknown setup") << "fashion-mnist:twoclass:1:seed=0:/d";
        QTest::newRow("seed not a number") << "fashion-mnist:invert:1:seed=x:/d";
        QTest::newRow("seed too large") << "fashion-mnist:invert:1:seed=99999999999999999999:/d";
        QTest::newRow("no seed key") << "fashion-mnist:invert:1:7:/d";
    }
    void anythingElseIsAPath()
    {
        QFETCH(QString, reference);
        QVERIFY(!parseFashionMnistReference(reference.toStdString()).has_value());
    }

    // The reference keeps its own path; size and hash are the training images' (what the check
    // on reopening compares).
    void describesTheTrainingImages()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FashionMnistOptions options;
        options.directory = dir.path().toStdString();
        {
            std::ofstream images(fashionMnistImagesPath(options), std::ios::binary);
            images << "not really images";
        }
        const std::string reference = fashionMnistReference(options);
        auto described = describeReferencedData(reference);
        QVERIFY2(described.ok(), described.error().c_str());
        QCOMPARE(described.value().path, reference);
        QCOMPARE(described.value().sizeBytes, int64_t(17));
        auto file = describeDataFile(fashionMnistImagesPath(options));
        QCOMPARE(described.value().contentHash, file.value().contentHash);

        options.directory += "/missing";
        auto missing = describeReferencedData(fashionMnistReference(options));
        QVERIFY(!missing.ok());
        QVERIFY(QString::fromStdString(missing.error()).contains("train-images-idx3-ubyte.gz"));
    }
};

QTEST_APPLESS_MAIN(TestDataReference)
#include "tst_data_reference.moc"
