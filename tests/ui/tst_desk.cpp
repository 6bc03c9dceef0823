// The analyst's desk, offscreen: the analyst's name asked once and carried by every label; a
// second review by another analyst (the first label and, under blind review, the group not shown),
// stored apart from the labels with its agreement (Cohen's kappa as core computes it) in the
// window, the project file, `fairreview-cli kappa` and the report; the fairness report as a PDF
// from the window and from `fairreview-cli report`, with the expected page count.
#include "analyst_name.h"
#include "chart_tabs.h"
#include "fairness_report.h"
#include "fairness_text.h"
#include "main_window.h"
#include "report_export.h"
#include "second_review_dialog.h"
#include "window_test_support.h"

#include "metrics/cohen_kappa.h"
#include "store/project_store.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>

using namespace fr;
using namespace fr::ui;

namespace {
using test::kTrainingWaitMs;
constexpr int kTestPretrainSteps = 300;

bool waitForTraining(ReviewController* controller)
{
    QSignalSpy finished(controller, &ReviewController::trainingFinished);
    return finished.wait(kTrainingWaitMs) && finished.at(0).at(0).toBool();
}

// Answers the next analyst-name dialog with `name` once it is shown.
void answerNameDialog(const QString& name, bool* seen)
{
    QTimer::singleShot(0, [name, seen] {
        auto* dialog = qobject_cast<AnalystNameDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        *seen = true;
        dialog->nameEdit()->setText(name);
        dialog->accept();
    });
}

// Page objects of a PDF file (not the /Pages tree node).
int pdfPageCount(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("%PDF-"))
        return -1;
    return int(QString::fromLatin1(bytes).count(
        QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
}

QJsonObject runCli(const QStringList& arguments)
{
    QProcess cli;
    cli.start(QStringLiteral(FAIRREVIEW_CLI), arguments);
    if (!cli.waitForFinished(120000) || cli.exitCode() != 0) {
        qWarning("%s", cli.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}
} // namespace

class TestDesk : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FairReviewDeskTest"));
        QSettings().clear();
    }

    void nameIsAskedOnceThenKept()
    {
        QSettings().remove(QStringLiteral("analyst/name"));
        MainWindow window;
        bool seen = false;
        answerNameDialog(QStringLiteral("  Ada Analyst "), &seen);
        QVERIFY(window.ensureAnalystName());
        QVERIFY(seen);
        QCOMPARE(storedAnalystName(), QStringLiteral("Ada Analyst"));
        QCOMPARE(window.controller()->analyst(), QStringLiteral("Ada Analyst"));
        seen = false;
        answerNameDialog(QStringLiteral("Someone else"), &seen);
        QVERIFY(window.ensureAnalystName()); // stored: no dialog
        QTest::qWait(10);
        QVERIFY(!seen);
        QCOMPARE(storedAnalystName(), QStringLiteral("Ada Analyst"));
    }

    void fewLabelsAreWarnedAbout()
    {
        MetricsSnapshot metrics;
        auto group = [](const char* name, int64_t labels, int64_t found) {
            GroupFigure g;
            g.group = name;
            g.labelsSpent = labels;
            g.found = found;
            return g;
        };
        metrics.groups = {group("A", 25, 5), group("B", 4, 1), group("C", 12, 0)};
        const QStringList warnings = fewLabelWarnings(metrics);
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings[0].startsWith(QStringLiteral("Group B: 4 labels (1 anomaly), too few")),
            qPrintable(warnings[0]));
        QVERIFY2(warnings[1].contains(QStringLiteral("all of one class")), qPrintable(warnings[1]));
        FairnessReport report;
        ReviewSnapshot snapshot;
        snapshot.metrics = metrics;
        report.setSnapshot(snapshot, Dataset(), 41);
        QVERIFY(report.documentHtml().contains(QStringLiteral("Too few labels to judge")));
        QVERIFY(report.html().contains(QStringLiteral("Group B: 4 labels")));
    }

    void twoAnalystsSecondReviewKappaAndPdf()
    {
        storeAnalystName(QStringLiteral("Ada Analyst"));
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("desk.frproj"));
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openProject(test::demoTestRequest(project, kTestPretrainSteps));
        ReviewController* controller = window.controller();
        QVERIFY(waitForTraining(controller));

        // Ada labels the top 30 rows from the ground truth; the labels carry her name.
        const Dataset& data = *controller->dataset();
        const auto& order = controller->snapshot()->ranking->order;
        const std::vector<int64_t> batch(order.begin(), order.begin() + 30);
        for (int64_t row : batch)
            controller->label(
                row, data.truth[size_t(row)] ? LabelValue::Anomaly : LabelValue::Normal, QString());
        QVERIFY(QTest::qWaitFor([&] { return controller->pendingWrites() == 0; }, 20000));
        QCOMPARE(controller->activeLabelCount(), 30);
        for (const LabelRecord& l : controller->labels())
            QCOMPARE(l.analyst, std::string("Ada Analyst"));

        // Ada has nothing to review: every label is hers.
        QTimer::singleShot(0, [] {
            if (auto* box = QApplication::activeModalWidget())
                box->close();
        });
        window.showSecondReview();
        QVERIFY(!window.secondReviewDialog());

        // Bea, under blind review: the sample hides the first label and the group.
        bool seen = false;
        answerNameDialog(QStringLiteral("Bea Second"), &seen);
        window.changeAnalystName();
        QVERIFY(seen);
        window.blindReviewAction()->setChecked(true);
        QVERIFY(window.secondReviewAction()->isEnabled());
        window.secondReviewAction()->trigger();
        SecondReviewDialog* dialog = window.secondReviewDialog();
        QVERIFY(dialog);
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QCOMPARE(dialog->remaining(), 20);
        QVERIFY2(dialog->headingText().contains(QStringLiteral("group hidden")),
            qPrintable(dialog->headingText()));
        for (const std::string& group : data.groupNames)
            QVERIFY(!dialog->headingText().contains(QString::fromStdString(group)));
        QVERIFY(!dialog->rowText().contains(QStringLiteral("anomaly"), Qt::CaseInsensitive));

        // Bea disagrees on the first two rows and agrees on the rest; keys A and N answer.
        std::map<int64_t, LabelValue> firstOf;
        for (const LabelRecord& l : controller->labels())
            firstOf[l.id] = l.label;
        std::vector<int8_t> first, second;
        QSignalSpy stored(controller, &ReviewController::secondReviewsChanged);
        for (int i = 0; i < 20; ++i) {
            const LabelValue a = firstOf.at(dialog->currentLabelId());
            const LabelValue b = i < 2 ? LabelValue(1 - int(a)) : a;
            first.push_back(int8_t(a));
            second.push_back(int8_t(b));
            QTest::keyClick(dialog, b == LabelValue::Anomaly ? Qt::Key_A : Qt::Key_N);
        }
        QCOMPARE(dialog->remaining(), 0);
        QVERIFY(QTest::qWaitFor([&] { return stored.count() == 20; }, 20000));
        const KappaResult expected = cohenKappa(first, second);
        const ReviewAgreement agreement = controller->agreement();
        QCOMPARE(agreement.overall.pairs, int64_t(20));
        QCOMPARE(agreement.overall.agreements, int64_t(18));
        QCOMPARE(agreement.overall.kappa, expected.kappa);
        const QString kappa = QString::number(expected.kappa, 'f', 2);
        QVERIFY2(dialog->agreementText().contains(kappa), qPrintable(dialog->agreementText()));
        const QString tab = window.chartTabs()->fairnessTable()->agreementText();
        QVERIFY2(tab.contains(QStringLiteral("κ = ") + kappa), qPrintable(tab));
        // Second reviews train nothing and change no label.
        QCOMPARE(controller->activeLabelCount(), int(batch.size()));
        QVERIFY(!controller->isTraining());

        // The report as a PDF from the window: text pages, then the four charts two a page.
        ReportContent content;
        content.title = QStringLiteral("desk");
        content.model = controller->modelDescription();
        content.snapshot = controller->snapshot();
        content.dataset = controller->dataset();
        content.labels = controller->activeLabelCount();
        content.chain = controller->auditChainHead().value();
        content.agreement = agreement;
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        const ReportWritten written = writeFairnessReportFile(content, *window.chartTabs(), pdf);
        QVERIFY2(written.ok, qPrintable(written.error));
        QVERIFY(written.pages >= 3);
        QCOMPARE(pdfPageCount(pdf), written.pages);
        QVERIFY(QFileInfo(pdf).size() > 20000);
        QVERIFY(window.exportFairnessReport(dir.filePath(QStringLiteral("menu.pdf"))));
        QCOMPARE(pdfPageCount(dir.filePath(QStringLiteral("menu.pdf"))), written.pages);
        // The HTML report carries the agreement, the chain head and the hyper-parameters too.
        QVERIFY(window.exportFairnessReport(dir.filePath(QStringLiteral("report.html"))));
        QFile html(dir.filePath(QStringLiteral("report.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(html.readAll());
        QVERIFY(text.contains(QStringLiteral("Second review: agreement between analysts")));
        QVERIFY(text.contains(QString::fromStdString(content.chain->hash)));
        QVERIFY(text.contains(QStringLiteral("pretrain_steps")));
        controller->closeProject();

        // The project file: 20 reviews by Bea, blind, the chain intact; the CLI agrees.
        {
            auto store = ProjectStore::open(project.toStdString());
            QVERIFY2(store.ok(), store.error().c_str());
            const auto reviews = store.value()->secondReviews().take();
            QCOMPARE(reviews.size(), size_t(20));
            for (const SecondReviewRecord& r : reviews) {
                QCOMPARE(r.analyst, std::string("Bea Second"));
                QVERIFY(!r.groupVisible);
                QVERIFY(r.reviewMs >= 0);
            }
            QVERIFY(store.value()->verifyAuditChain().value().intact());
            QCOMPARE(store.value()->loadSession().value().labels.size(), batch.size());
        }
        const QJsonObject cliKappa
            = runCli({QStringLiteral("kappa"), QStringLiteral("--project"), project});
        QCOMPARE(cliKappa.value(QStringLiteral("overall"))
                     .toObject()
                     .value(QStringLiteral("pairs"))
                     .toInt(),
            20);
        QVERIFY(std::abs(cliKappa.value(QStringLiteral("overall"))
                             .toObject()
                             .value(QStringLiteral("kappa"))
                             .toDouble()
                    - expected.kappa)
            < 1e-9);
        const QString cliPdf = dir.filePath(QStringLiteral("cli.pdf"));
        const QJsonObject report = runCli({QStringLiteral("report"), QStringLiteral("--project"),
            project, QStringLiteral("--out"), cliPdf});
        QCOMPARE(report.value(QStringLiteral("format")).toString(), QStringLiteral("pdf"));
        QCOMPARE(pdfPageCount(cliPdf), report.value(QStringLiteral("pages")).toInt());
        QCOMPARE(report.value(QStringLiteral("pages")).toInt(), written.pages);
        window.blindReviewAction()->setChecked(false);
    }
};

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
