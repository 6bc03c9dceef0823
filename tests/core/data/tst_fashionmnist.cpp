// Tests for the two Fashion-MNIST set-ups (shared/datasets/README.md): row, anomaly and group
// counts, pixel scaling, inversion, reproducibility by seed, and every bad input file.
#include "data/dataset_loader.h"
#include "data/idx_reader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

namespace {

const std::string kFashionDir = "/usr/share/datasets/fashion-mnist";

struct TrainingLabels {
    fr::IdxArray labels = fr::readIdxFile(kFashionDir + "/train-labels-idx1-ubyte.gz").take();
    fr::IdxArray images = fr::readIdxFile(kFashionDir + "/train-images-idx3-ubyte.gz").take();
};

const TrainingLabels& training()
{
    static const TrainingLabels set;
    return set;
}

int64_t trainingIndex(const std::string& id)
{
    return std::stoll(id.substr(6));
}

fr::Dataset loadSetup(fr::FashionMnistSetup setup, int normalClass, uint64_t seed)
{
    fr::FashionMnistOptions options;
    options.setup = setup;
    options.normalClass = normalClass;
    options.seed = seed;
    auto dataset = fr::loadFashionMnist(options);
    if (!dataset.ok())
        qFatal("%s", dataset.error().c_str());
    return dataset.take();
}

std::string idx(std::initializer_list<uint32_t> dims, const std::string& data)
{
    std::string out {0, 0, 8, static_cast<char>(dims.size())};
    for (uint32_t d : dims) {
        for (int shift : {24, 16, 8, 0})
            out += static_cast<char>((d >> shift) & 0xFF);
    }
    return out + data;
}

std::string readAll(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    file.open(QIODevice::ReadOnly);
    return file.readAll().toStdString();
}

// A directory with the given images and labels files (raw IDX bytes or a gzip file's bytes).
class FashionDir {
public:
    FashionDir(const std::string& images, const std::string& labels)
    {
        write("train-images-idx3-ubyte.gz", images);
        write("train-labels-idx1-ubyte.gz", labels);
    }
    std::string path() const { return mDir.path().toStdString(); }

private:
    void write(const std::string& name, const std::string& bytes)
    {
        std::ofstream(path() + "/" + name, std::ios::binary) << bytes;
    }
    QTemporaryDir mDir;
};

} // namespace

class TestFashionMnist : public QObject {
    Q_OBJECT
private slots:
    void buildsTheOneClassSetup_data()
    {
        QTest::addColumn<int>("normalClass");
        QTest::newRow("class 0") << 0;
        QTest::newRow("class 7") << 7;
    }
    void buildsTheOneClassSetup()
    {
        QFETCH(int, normalClass);
        fr::Dataset d = loadSetup(fr::FashionMnistSetup::OneClass, normalClass, 42);
        QCOMPARE(d.rowCount(), int64_t(6667));
        QCOMPARE(d.matrix.cols, int64_t(784));
        QCOMPARE(d.imageWidth, 28);
        QCOMPARE(d.imageHeight, 28);
        QVERIFY(!d.hasGroups());
        std::vector<int> perClass(10, 0);
        int64_t anomalies = 0;
        std::set<std::string> ids;
        for (int64_t row = 0; row < d.rowCount(); ++row) {
            int label = training().labels.data()[trainingIndex(d.ids[row])];
            ++perClass[label];
            QCOMPARE(int(d.truth[row]), label == normalClass ? 0 : 1);
            anomalies += d.truth[row];
            ids.insert(d.ids[row]);
        }
        QCOMPARE(anomalies, int64_t(667));
        QCOMPARE(perClass[normalClass], 6000);
        QCOMPARE(int(ids.size()), 6667);
        // Uniform over the other nine classes: about 74 each.
        for (int c = 0; c < 10; ++c) {
            if (c != normalClass)
                QVERIFY2(perClass[c] > 40 && perClass[c] < 110,
                    qPrintable(QString::number(perClass[c])));
        }
        // Pixels are x / 255 of the training image the id names.
        for (int64_t row : {0, 3333, 6666}) {
            const uint8_t* image = training().images.item(trainingIndex(d.ids[row]));
            for (int p = 0; p < 784; ++p)
                QCOMPARE(d.matrix.at(row, p), image[p] / 255.0f);
        }
        QCOMPARE(d.features[0].name, std::string("pixel 0,0"));
        QCOMPARE(d.features[783].name, std::string("pixel 27,27"));
        QCOMPARE(d.features[30].name, std::string("pixel 1,2"));
        QCOMPARE(d.features[0].scale, 255.0);
        QCOMPARE(d.features[0].sourceColumn, std::string("image"));
        QVERIFY(d.features[400].mean > 0 && d.features[400].stdDev > 0);
    }

    void buildsTheInvertSetup()
    {
        fr::Dataset plain = loadSetup(fr::FashionMnistSetup::OneClass, 0, 7);
        fr::Dataset d = loadSetup(fr::FashionMnistSetup::Invert, 0, 7);
        QCOMPARE(d.rowCount(), int64_t(6667));
        QCOMPARE(d.groupNames, std::vector<std::string>({"original", "inverted"}));
        QCOMPARE(d.protectedGroup, 1);
        QCOMPARE(d.ids, plain.ids); // the same rows; inversion comes after the draw
        QCOMPARE(d.truth, plain.truth);
        int64_t inverted = 0, invertedAnomalies = 0;
        for (int64_t row = 0; row < d.rowCount(); ++row) {
            inverted += d.groups[row];
            invertedAnomalies += d.groups[row] && d.truth[row];
            for (int p : {0, 300, 783}) {
                float expected
                    = d.groups[row] ? 1.0f - plain.matrix.at(row, p) : plain.matrix.at(row, p);
                QCOMPARE(d.matrix.at(row, p), expected);
            }
        }
        QCOMPARE(inverted, int64_t(667));
        // A random 10% of all rows: about 67 of the 667 anomalies are inverted.
        QVERIFY2(invertedAnomalies > 35 && invertedAnomalies < 100,
            qPrintable(QString::number(invertedAnomalies)));
    }

    void isReproducibleBySeed()
    {
        fr::Dataset a = loadSetup(fr::FashionMnistSetup::Invert, 2, 11);
        fr::Dataset b = loadSetup(fr::FashionMnistSetup::Invert, 2, 11);
        fr::Dataset c = loadSetup(fr::FashionMnistSetup::Invert, 2, 12);
        QCOMPARE(a.ids, b.ids);
        QCOMPARE(a.groups, b.groups);
        QVERIFY(a.matrix.values == b.matrix.values);
        QVERIFY(a.ids != c.ids);
        QVERIFY(a.groups != c.groups);
    }

    void reportsProgress()
    {
        fr::FashionMnistOptions options;
        int calls = 0;
        fr::Progress last;
        auto d = fr::loadFashionMnist(options, [&](const fr::Progress& p) {
            ++calls;
            last = p;
        });
        QVERIFY(d.ok());
        QVERIFY(calls >= 2);
        QCOMPARE(last.phase, std::string("building images"));
        QCOMPARE(last.done, last.total);
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<int>("normalClass");
        QTest::addColumn<QString>("error");
        auto raw = [](const std::string& s) { return QByteArray(s.data(), int(s.size())); };
        std::string fiveImages = idx({5, 28, 28}, std::string(5 * 784, '\x10'));
        std::string fiveLabels = idx({5}, std::string {0, 0, 0, 1, 2});
        std::string realLabels = readAll(kFashionDir + "/train-labels-idx1-ubyte.gz");
        QTest::newRow("wrong magic in images")
            << QByteArray("GIF89a....") << raw(fiveLabels) << 0
            << "train-images-idx3-ubyte.gz: not an IDX file (it starts with 47 49 46 38, "
               "expected 00 00 08 and the number of dimensions)";
        QTest::newRow("image/label count mismatch")
            << raw(fiveImages) << raw(idx({4}, std::string {0, 0, 0, 1})) << 0
            << "Fashion-MNIST: train-images-idx3-ubyte.gz holds 5 images but "
               "train-labels-idx1-ubyte.gz holds 4 labels";
        QTest::newRow("real labels, five images")
            << raw(fiveImages) << raw(realLabels) << 0
            << "Fashion-MNIST: train-images-idx3-ubyte.gz holds 5 images but "
               "train-labels-idx1-ubyte.gz holds 60000 labels";
        QTest::newRow("truncated gz")
            << raw(fiveImages) << raw(realLabels.substr(0, realLabels.size() - 100)) << 0
            << "train-labels-idx1-ubyte.gz: truncated gzip file (it ends before the compressed "
               "data does)";
        QTest::newRow("wrong image size")
            << raw(idx({5, 32, 32}, std::string(5 * 1024, '\0'))) << raw(fiveLabels) << 0
            << "train-images-idx3-ubyte.gz: expected images of 28 x 28 pixels (count x 28 x 28), "
               "found 5 x 32 x 32";
        QTest::newRow("labels with two dimensions")
            << raw(fiveImages) << raw(idx({5, 1}, std::string(5, '\0'))) << 0
            << "train-labels-idx1-ubyte.gz: expected one label per image (1 dimension), found 2 "
               "dimensions";
        QTest::newRow("label out of range")
            << raw(fiveImages) << raw(idx({5}, std::string {0, 1, 12, 1, 2})) << 0
            << "train-labels-idx1-ubyte.gz: label 12 at index 2 is not a class 0-9";
        QTest::newRow("too few anomalies")
            << raw(fiveImages) << raw(idx({5}, std::string(5, '\0'))) << 0
            << "train-labels-idx1-ubyte.gz: class 0 has 5 images and the other classes 0: too "
               "few for the one-class set-up";
        QTest::newRow("no image of the class")
            << raw(fiveImages) << raw(fiveLabels) << 5
            << "train-labels-idx1-ubyte.gz: class 5 has 0 images and the other classes 5: too "
               "few for the one-class set-up";
        QTest::newRow("class out of range") << raw(fiveImages) << raw(fiveLabels) << 10
                                            << "Fashion-MNIST: normal class 10 is not one of 0-9";
    }
    void refusesBadInput()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(int, normalClass);
        QFETCH(QString, error);
        FashionDir dir(images.toStdString(), labels.toStdString());
        fr::FashionMnistOptions options;
        options.directory = dir.path();
        options.normalClass = normalClass;
        auto dataset = fr::loadFashionMnist(options);
        QVERIFY(!dataset.ok());
        QCOMPARE(QString::fromStdString(dataset.error()), error);
    }

    void buildsFromSmallFiles()
    {
        // Nine of class 0 need one anomaly (10% of 10): drawn from the single image of class 4.
        std::string labels = {0, 0, 0, 0, 4, 0, 0, 0, 0, 0};
        std::string pixels;
        for (int i = 0; i < 10; ++i)
            pixels += std::string(784, static_cast<char>(i * 20));
        FashionDir dir(idx({10, 28, 28}, pixels), idx({10}, labels));
        fr::FashionMnistOptions options;
        options.directory = dir.path();
        auto d = fr::loadFashionMnist(options);
        QVERIFY2(d.ok(), d.error().c_str());
        QCOMPARE(d.value().rowCount(), int64_t(10));
        QCOMPARE(d.value().ids[4], std::string("train-4"));
        QCOMPARE(int(d.value().truth[4]), 1);
        QCOMPARE(d.value().matrix.at(9, 100), 180 / 255.0f);
    }

    void refusesAMissingDirectory()
    {
        fr::FashionMnistOptions options;
        options.directory = "/nonexistent";
        auto dataset = fr::loadFashionMnist(options);
        QCOMPARE(QString::fromStdString(dataset.error()),
            QString("cannot open '/nonexistent/train-images-idx3-ubyte.gz': No such file or "
                    "directory"));
    }
};

QTEST_GUILESS_MAIN(TestFashionMnist)
#include "tst_fashionmnist.moc"
