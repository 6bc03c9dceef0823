// The retrain diff tab and rollback, offscreen: the panel's counts on a hand-made pair of rankings,
// then end to end on the demo: a retrain's diff as core computes it, a rollback to version 1 (its
// scores exactly, the event in the project file) and a label made after it that names version 1.
#include "chart_tabs.h"
#include "main_window.h"
#include "queue_panel.h"
#include "retrain_diff_panel.h"
#include "window_test_support.h"

#include "metrics/top_k_diff.h"
#include "store/project_store.h"

#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;
using namespace fr::ui;

namespace {
using test::kTrainingWaitMs;
constexpr int kTestPretrainSteps = 400;

std::shared_ptr<const RankingSnapshot> ranking(int64_t version, std::vector<int64_t> order)
{
    auto r = std::make_shared<RankingSnapshot>();
    r->modelVersion = version;
    r->rankOfRow.resize(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        r->rankOfRow[static_cast<size_t>(order[i])] = static_cast<int64_t>(i) + 1;
    r->order = std::move(order);
    return r;
}

bool waitForTraining(ReviewController* controller)
{
    QSignalSpy finished(controller, &ReviewController::trainingFinished);
    return finished.wait(kTrainingWaitMs) && finished.at(0).at(0).toBool();
}
} // namespace

class TestRetrainDiff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FairReviewTest"));
    }

    void panelShowsTheCountsAndSelectsARow()
    {
        auto data = std::make_shared<Dataset>();
        data->ids = {"a", "b", "c", "d", "e", "f"};
        data->groups = {0, 1, 0, 1, 0, 1};
        data->groupNames = {"Black", "White"};
        data->protectedGroup = 0;
        RetrainDiffPanel panel;
        panel.setDataset(data);
        panel.setK(3);
        panel.showRanking(ranking(1, {0, 1, 2, 3, 4, 5}));
        QVERIFY(panel.summaryText().startsWith(QStringLiteral("No retrain yet")));
        panel.showRanking(ranking(2, {5, 0, 4, 1, 2, 3})); // in: f (White), e (Black); out: b, c
        const QString text = panel.summaryText();
        QVERIFY2(text.contains(QStringLiteral("v1 → v2: +2 / −2 in the top 3")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("protected group Black +1 / −1, White +1 / −1")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("33.3%")), qPrintable(text));
        QCOMPARE(panel.enteredList()->count(), 2);
        QCOMPARE(panel.enteredList()->item(0)->text(), QStringLiteral("id f · White · rank 6 → 1"));
        QCOMPARE(panel.leftList()->item(1)->text(), QStringLiteral("id c · Black · rank 3 → 5"));
        QSignalSpy clicked(&panel, &RetrainDiffPanel::rowClicked);
        emit panel.leftList()->itemClicked(panel.leftList()->item(0));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), qint64(1)); // row b
        panel.setK(6); // every row: nothing enters or leaves
        QVERIFY(panel.summaryText().contains(QStringLiteral("+0 / −0 in the top 6")));
    }

    void retrainDiffThenRollbackThenLabel()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("demo.frproj"));
        const OpenRequest request = test::demoTestRequest(project, kTestPretrainSteps);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openProject(request);
        ReviewController* controller = window.controller();
        QVERIFY(waitForTraining(controller));
        const auto first = controller->snapshot()->ranking;
        QCOMPARE(first->modelVersion, int64_t(1));

        // One batch labelled from the ground truth, then Enter: version 2 and its diff.
        for (int64_t row : controller->batchRows())
            controller->label(row,
                controller->dataset()->truth[size_t(row)] ? LabelValue::Anomaly
                                                          : LabelValue::Normal,
                QString());
        QVERIFY(QTest::qWaitFor([&] { return controller->pendingWrites() == 0; }, 10000));
        controller->submitBatch();
        QVERIFY(waitForTraining(controller));
        const auto second = controller->snapshot()->ranking;
        QCOMPARE(second->modelVersion, int64_t(2));
        const int64_t k = controller->metricsK();
        const Dataset& data = *controller->dataset();
        auto expected = diffTopK(
            first->order, second->order, k, data.groups, static_cast<int>(data.groupNames.size()));
        QVERIFY(expected.ok());
        RetrainDiffPanel* panel = window.chartTabs()->retrainDiff();
        const QString counts = QStringLiteral("v1 → v2: +%1 / −%2 in the top %3")
                                   .arg(expected.value().entered.size())
                                   .arg(expected.value().left.size())
                                   .arg(k);
        QVERIFY2(panel->summaryText().contains(counts), qPrintable(panel->summaryText()));
        QCOMPARE(panel->enteredList()->count(), int(expected.value().entered.size()));

        // Rollback to version 1: its scores exactly, the diff v2 → v1, then a label names v1.
        controller->rollBack(1);
        QVERIFY(waitForTraining(controller));
        QCOMPARE(controller->snapshot()->model.version, int64_t(1));
        QCOMPARE(controller->snapshot()->ranking->score, first->score);
        QVERIFY(panel->summaryText().contains(QStringLiteral("v2 → v1")));
        const int64_t row = controller->batchRows().front();
        controller->label(row, LabelValue::Normal, QString());
        QVERIFY(QTest::qWaitFor([&] { return controller->pendingWrites() == 0; }, 10000));
        QCOMPARE(controller->labels().back().row, row);
        QCOMPARE(controller->labels().back().modelVersion, int64_t(1));
        controller->closeProject();

        auto store = ProjectStore::open(project.toStdString());
        QVERIFY2(store.ok(), store.error().c_str());
        QCOMPARE(store.value()->eventCount("rollback").value(), int64_t(1));
        QCOMPARE(store.value()->loadSession().value().model.version, int64_t(1));
    }
};

QTEST_MAIN(TestRetrainDiff)
#include "tst_retrain_diff.moc"
