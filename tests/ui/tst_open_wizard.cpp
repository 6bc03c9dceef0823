// The open wizard: a CSV's preview is read in the background, the column roles and the model
// choices become the OpenRequest, Fashion-MNIST skips the column page, a project finishes at once.
#include "open_wizard.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;
using namespace fr::ui;

namespace {
QString arrests()
{
    return QStringLiteral(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv");
}

void choose(QComboBox* combo, const QString& text)
{
    QVERIFY(combo);
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
}
} // namespace

class TestOpenWizard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void csvColumnRolesBecomeTheMapping();
    void groupProxyIsWarnedAbout();
    void pagesFollowTheSource_data();
    void pagesFollowTheSource();
};

void TestOpenWizard::csvColumnRolesBecomeTheMapping()
{
    OpenWizard wizard;
    wizard.show();
    wizard.findChild<QRadioButton*>("sourceCsv")->setChecked(true);
    wizard.findChild<QLineEdit*>("csvPath")->setText(arrests());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(OpenWizard::ColumnsPageId));
    QComboBox* id = wizard.findChild<QComboBox*>("idColumn");
    QVERIFY(QTest::qWaitFor([id] { return id->count() > 1; }, 20000)); // the preview arrived
    QCOMPARE(id->currentText(), QStringLiteral("id")); // guessed from its name
    choose(wizard.findChild<QComboBox*>("groupColumn"), QStringLiteral("colour"));
    choose(wizard.findChild<QComboBox*>("protectedValue"), QStringLiteral("Black"));
    choose(wizard.findChild<QComboBox*>("truthColumn"), QStringLiteral("released"));
    choose(wizard.findChild<QComboBox*>("anomalyValue"), QStringLiteral("No"));
    QListWidget* features = wizard.findChild<QListWidget*>("featureColumns");
    QCOMPARE(features->count(), 6); // year, age, sex, employed, citizen, checks
    features->findItems(QStringLiteral("year"), Qt::MatchExactly)
        .first()
        ->setCheckState(Qt::Unchecked);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(OpenWizard::ModelPageId));
    QVERIFY(wizard.findChild<QLineEdit*>("projectPath")->text().endsWith("arrests.frproj"));
    auto* model = wizard.findChild<QComboBox*>("modelKind");
    choose(model, model->itemText(model->findData(QStringLiteral("fadig-uai"))));
    wizard.findChild<QSpinBox*>("batchSize")->setValue(5);

    const OpenRequest request = wizard.request();
    QCOMPARE(request.source, OpenRequest::Source::Csv);
    QCOMPARE(QString::fromStdString(request.dataPath), arrests());
    QCOMPARE(request.mapping.idColumn, std::string("id"));
    QCOMPARE(request.mapping.groupColumn, std::string("colour"));
    QCOMPARE(request.mapping.protectedValue, std::string("Black"));
    QCOMPARE(request.mapping.truthColumn, std::string("released"));
    QCOMPARE(request.mapping.anomalyValue, std::string("No"));
    QCOMPARE(int(request.mapping.roles.size()), 1);
    QCOMPARE(request.mapping.roles.at("year"), ColumnRole::Ignore);
    QCOMPARE(request.session.model.kind, ModelKind::FadigUai);
    QCOMPARE(request.session.batchSize, 5);
}

// "age" is the group in disguise (every member of "old" is over 60, every "young" under 30):
// once the group column is picked, the page says so; with no group column it says nothing.
void TestOpenWizard::groupProxyIsWarnedAbout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("proxy.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray text = "id,cohort,age,spend\n";
    for (int r = 0; r < 60; ++r) {
        const bool old = r % 2 == 0;
        text += QStringLiteral("%1,%2,%3,%4\n")
                    .arg(r)
                    .arg(old ? "old" : "young")
                    .arg(old ? 61 + r % 20 : 18 + r % 11)
                    .arg((r * 37) % 100)
                    .toUtf8();
    }
    file.write(text);
    file.close();

    OpenWizard wizard;
    wizard.show();
    wizard.findChild<QRadioButton*>("sourceCsv")->setChecked(true);
    wizard.findChild<QLineEdit*>("csvPath")->setText(path);
    wizard.next();
    QComboBox* id = wizard.findChild<QComboBox*>("idColumn");
    QVERIFY(QTest::qWaitFor([id] { return id->count() > 1; }, 20000));
    QLabel* warning = wizard.findChild<QLabel*>("proxyWarning");
    QVERIFY(warning);
    QVERIFY(warning->isHidden()); // no group column yet
    choose(wizard.findChild<QComboBox*>("groupColumn"), QStringLiteral("cohort"));
    QVERIFY(QTest::qWaitFor(
        [warning] { return warning->text().contains(QStringLiteral("age predicts")); }, 20000));
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral(
                 "age predicts the group (AUC 1.00): the model can see the group through it")),
        qPrintable(warning->text()));
    QVERIFY(!warning->text().contains(QStringLiteral("spend")));
    // Unchecking age takes it away from the model, and with it the warning.
    QListWidget* features = wizard.findChild<QListWidget*>("featureColumns");
    features->findItems(QStringLiteral("age"), Qt::MatchExactly)
        .first()
        ->setCheckState(Qt::Unchecked);
    QVERIFY(QTest::qWaitFor([warning] { return warning->isHidden(); }, 20000));
    choose(wizard.findChild<QComboBox*>("groupColumn"), QStringLiteral("(none)"));
    QVERIFY(warning->isHidden());
}

void TestOpenWizard::pagesFollowTheSource_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("nextPage");
    QTest::newRow("CSV: columns next") << "sourceCsv" << int(OpenWizard::ColumnsPageId);
    QTest::newRow("Fashion-MNIST: model next")
        << "sourceFashionMnist" << int(OpenWizard::ModelPageId);
    QTest::newRow("project: nothing more") << "sourceProject" << -1;
}

void TestOpenWizard::pagesFollowTheSource()
{
    QFETCH(QString, source);
    QFETCH(int, nextPage);
    OpenWizard wizard;
    wizard.show();
    wizard.findChild<QRadioButton*>(source)->setChecked(true);
    QCOMPARE(wizard.nextId(), nextPage);
}

QTEST_MAIN(TestOpenWizard)
#include "tst_open_wizard.moc"
