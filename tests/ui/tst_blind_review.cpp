// Blind review end to end, offscreen, with the real window, session and project file: with the
// option on (Ctrl+B, kept in the settings), the queue's group column and the detail panel do not
// show the row's group (nor do the latent plot and the retrain diff), and the label stored records
// group_visible = 0 and the time spent on it.
#include "chart_tabs.h"
#include "detail_panel.h"
#include "latent_plot.h"
#include "main_window.h"
#include "queue_panel.h"
#include "retrain_diff_panel.h"
#include "window_test_support.h"

#include "store/project_store.h"
#include "ui_test_data.h"

#include <QAction>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;
using namespace fr::ui;

namespace {
using test::kTrainingWaitMs;
constexpr int kTestPretrainSteps = 200;
constexpr int kRowsLookedAt = 50;

// The texts that could name a single row's group: the detail headline, the latent plot's hover
// summary of the selected row and the rows the retrain diff lists.
QStringList rowTexts(MainWindow& window)
{
    QStringList texts {window.detailPanel()->headline(),
        window.chartTabs()->latentPlot()->rowSummary(window.selectedRow())};
    for (QListWidget* list : {window.chartTabs()->retrainDiff()->enteredList(),
             window.chartTabs()->retrainDiff()->leftList()})
        for (int i = 0; i < list->count(); ++i)
            texts << list->item(i)->text();
    return texts;
}

// The queue's group cells, the row texts above and the latent plot's colours show none of the
// data set's groups.
bool showsNoGroup(MainWindow& window)
{
    const Dataset* data = window.queuePanel()->model()->dataset();
    QAbstractItemModel* queue = window.queuePanel()->proxy();
    const QStringList texts = rowTexts(window);
    LatentPlot* latent = window.chartTabs()->latentPlot();
    if (latent->colourMode() == LatentPlot::ColourMode::Group && !latent->groupHidden())
        return false;
    for (const std::string& name : data->groupNames) {
        const QString group = QString::fromStdString(name);
        for (const QString& text : texts)
            if (text.contains(group))
                return false;
        for (int r = 0; r < std::min(kRowsLookedAt, queue->rowCount()); ++r) {
            const QModelIndex cell = queue->index(r, QueueModel::GroupColumn);
            if (cell.data().toString().contains(group) || cell.data(Qt::DecorationRole).isValid())
                return false;
        }
    }
    return true;
}
} // namespace

class TestBlindReview : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FairReviewTest"));
        QSettings().remove(QStringLiteral("blindReview"));
    }

    void blindLabelHidesTheGroupAndRecordsIt()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("blind.frproj"));
        const OpenRequest request = test::demoTestRequest(project, kTestPretrainSteps);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy trained(window.controller(), &ReviewController::trainingFinished);
        window.openProject(request);
        QVERIFY(trained.wait(kTrainingWaitMs));
        QVERIFY(trained.at(0).at(0).toBool());
        QVERIFY(!window.blindReview());
        QVERIFY(!showsNoGroup(window)); // the group is on show by default

        QTest::keyClick(window.queuePanel()->view(), Qt::Key_B, Qt::ControlModifier);
        QVERIFY(window.blindReview());
        QCOMPARE(QSettings().value(QStringLiteral("blindReview")).toBool(), true);
        QVERIFY(showsNoGroup(window));
        QVERIFY(window.detailPanel()->headline().contains(QStringLiteral("hidden")));

        const int64_t row = window.selectedRow();
        QVERIFY(row >= 0);
        QTest::qWait(30); // some review time
        QTest::keyClick(window.queuePanel()->view(), Qt::Key_A);
        QTRY_COMPARE_WITH_TIMEOUT(window.controller()->pendingWrites(), 0, 10000);
        QVERIFY(showsNoGroup(window)); // the next row too
        window.blindReviewAction()->setChecked(false);
        QVERIFY(!showsNoGroup(window));
        const int64_t seen = window.selectedRow();
        QTest::keyClick(window.queuePanel()->view(), Qt::Key_N);
        QTRY_COMPARE_WITH_TIMEOUT(window.controller()->pendingWrites(), 0, 10000);

        window.controller()->closeProject();
        auto store = ProjectStore::open(project.toStdString());
        QVERIFY2(store.ok(), store.error().c_str());
        auto labels = store.value()->loadSession().take().labels;
        QCOMPARE(int(labels.size()), 2);
        QCOMPARE(labels[0].row, row);
        QCOMPARE(labels[0].groupVisible, false);
        QVERIFY2(labels[0].reviewMs >= 30, std::to_string(labels[0].reviewMs).c_str());
        QCOMPARE(labels[1].row, seen);
        QCOMPARE(labels[1].groupVisible, true);
        QVERIFY(labels[1].reviewMs >= 0);
        QVERIFY(store.value()->verifyAuditChain().value().intact());
    }

    // With the group a model input (here the hand-made data's "sex" column stands for it), its
    // values leave the detail panel's table and the queue's deviations too.
    void groupAsFeatureIsHiddenToo()
    {
        const auto data = fr::test::makeDataset(40);
        for (FeatureInfo& f : data->features)
            f.stdDev = f.sourceColumn == "sex" ? 0.4 : 1.0; // so that deviations exist
        const auto ranking = fr::test::makeRanking(40);
        DetailPanel panel;
        panel.setDataset(data);
        panel.setRanking(ranking);
        panel.showRow(5, RowStatus::Unlabelled, true, {});
        QCOMPARE(panel.featureRowCount(), 3); // age, checks, sex
        panel.setGroupHidden(true, "sex");
        panel.showRow(5, RowStatus::Unlabelled, true, {});
        QCOMPARE(panel.featureRowCount(), 2);
        QueueModel queue;
        queue.setDataset(data);
        queue.setRanking(ranking, {});
        auto mentionsSex = [&] {
            for (int r = 0; r < queue.rowCount(); ++r)
                if (queue.index(r, QueueModel::DeviationColumn).data().toString().contains("sex"))
                    return true;
            return false;
        };
        QVERIFY(mentionsSex()); // a rare category stands out
        queue.setGroupHidden(true, "sex");
        QVERIFY(!mentionsSex());
    }

    void blindReviewIsRememberedForTheNextWindow()
    {
        QSettings().setValue(QStringLiteral("blindReview"), true);
        MainWindow window;
        QVERIFY(window.blindReview());
        QVERIFY(window.queuePanel()->model()->groupHidden());
        QSettings().remove(QStringLiteral("blindReview"));
    }
};

QTEST_MAIN(TestBlindReview)
#include "tst_blind_review.moc"
