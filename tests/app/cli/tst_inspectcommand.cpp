// Tests for `fairreview-cli inspect`: the JSON summary of data/arrests.csv, and the exit status
// and message for a bad file. Each run starts the CLI (and LibTorch), so the runs are few.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace {

CliRun inspect(const QStringList& arguments)
{
    return runCli(QStringList({"inspect"}) + arguments);
}

QJsonObject column(const QJsonObject& report, const QString& name)
{
    for (const QJsonValue& value : report["columns"].toArray()) {
        if (value.toObject()["name"] == name)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestInspectCommand : public QObject {
    Q_OBJECT
private slots:
    void summarizesArrests()
    {
        CliRun run = inspect({"--data", FAIRREVIEW_SOURCE_DIR "/data/arrests.csv"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        QJsonParseError error;
        QJsonObject report = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(report["rows"].toInt(), 5226);
        QCOMPARE(report["columns"].toArray().size(), 9);
        QJsonObject colour = column(report, "colour");
        QCOMPARE(colour["type"].toString(), QString("text"));
        QCOMPARE(colour["missing"].toInt(), 0);
        QCOMPARE(colour["values"].toObject()["Black"].toInt(), 1288);
        QCOMPARE(colour["values"].toObject()["White"].toInt(), 3938);
        QCOMPARE(column(report, "released")["values"].toObject()["No"].toInt(), 892);
        QCOMPARE(column(report, "age")["type"].toString(), QString("numeric"));
        QVERIFY(!column(report, "age").contains("values"));
    }

    void failsOnBadInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("ragged") << QByteArray("a,b\n1,2\n3\n")
                                << "bad.csv line 3, column 'b': 1 field, expected 2";
        QTest::newRow("inf") << QByteArray("a\n1\ninf\n")
                             << "bad.csv line 3, column 'a': 'inf' is not a finite number";
    }
    void failsOnBadInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QString path = dir.filePath("bad.csv");
        std::ofstream(path.toStdString(), std::ios::binary) << text.toStdString();
        CliRun run = inspect({"--data", path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(QString(run.err).trimmed(), "fairreview-cli inspect: " + error);
    }

    void failsOnAMissingFileAndMisuse()
    {
        CliRun missing = inspect({"--data", "/nonexistent.csv"});
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(QString(missing.err).trimmed(),
            QString("fairreview-cli inspect: cannot open '/nonexistent.csv': No such file or "
                    "directory"));
        CliRun typo
            = inspect({"--data", FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", "--colums", "x"});
        QCOMPARE(typo.exitCode, 2);
        QCOMPARE(QString(typo.err).trimmed(),
            QString("fairreview-cli inspect: unknown option --colums"));
    }
};

QTEST_GUILESS_MAIN(TestInspectCommand)
#include "tst_inspectcommand.moc"
