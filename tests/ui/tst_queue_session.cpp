// The queue and the session, offscreen, with the real window, session and project file: sorting
// by a column header and labelling in the sorted order, the score filter reached by keyboard, a
// reopened project looking as it was left (selected row, K, chart tab), a project file dropped on
// the window, the shortcut list built from the window's actions, and a tooltip on every control.
#include "chart_tabs.h"
#include "file_drop.h"
#include "main_window.h"
#include "queue_panel.h"
#include "shortcut_list.h"
#include "window_test_support.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace fr;
using namespace fr::ui;

namespace {
using test::kTrainingWaitMs;
constexpr int kTestPretrainSteps = 200;

OpenRequest demo(const QString& projectPath)
{
    return test::demoTestRequest(projectPath, kTestPretrainSteps);
}

bool openAndTrain(MainWindow& window, const OpenRequest& request)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QSignalSpy finished(window.controller(), &ReviewController::trainingFinished);
    window.openProject(request);
    return finished.wait(kTrainingWaitMs) && finished.at(0).at(0).toBool();
}

// Opens a saved project (its model is in the file: no training) and waits for its ranking.
bool reopen(MainWindow& window, const QString& project)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QSignalSpy snapshot(window.controller(), &ReviewController::snapshotChanged);
    window.openProjectFile(project);
    return snapshot.wait(kTrainingWaitMs);
}

std::unique_ptr<QMimeData> fileDrop(const QString& path)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setUrls({QUrl::fromLocalFile(path)});
    return mime;
}

// The controls a user can click or type into, leaving out the parts Qt builds inside them.
bool isControl(const QWidget* widget)
{
    const QWidget* parent = widget->parentWidget();
    const bool insideAnother = qobject_cast<const QAbstractSpinBox*>(parent)
        || qobject_cast<const QComboBox*>(parent) || qobject_cast<const QLineEdit*>(parent)
        || qobject_cast<const QTabBar*>(parent)
        || widget->objectName() == QLatin1String("qt_toolbar_ext_button");
    if (insideAnother || !widget->isVisibleTo(widget->window()))
        return false;
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QComboBox*>(widget)
        || qobject_cast<const QLineEdit*>(widget) || qobject_cast<const QAbstractSpinBox*>(widget);
}
} // namespace

class TestQueueSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FairReviewTest"));
        // A name is stored, so that opening a project asks for none (tst_desk tests the asking).
        QSettings().setValue(QStringLiteral("analyst/name"), QStringLiteral("test analyst"));
        QVERIFY(mDir.isValid());
        mProject = mDir.filePath(QStringLiteral("session.frproj"));
        MainWindow window; // one trained project for every test
        QVERIFY(openAndTrain(window, demo(mProject)));
        window.close();
    }
    void reopenedProjectRestoresRowKAndChartTab();
    void sortedLabellingFollowsTheSortedOrder();
    void scoreFilterIsReachedByKeyboard();
    void droppedProjectFileOpens();
    void droppedFileKinds_data();
    void droppedFileKinds();
    void shortcutListHasEveryShortcut();
    void everyControlHasATooltip();

private:
    QTemporaryDir mDir;
    QString mProject;
};

void TestQueueSession::reopenedProjectRestoresRowKAndChartTab()
{
    int64_t row = -1;
    int64_t k = 0;
    {
        MainWindow window;
        QVERIFY(reopen(window, mProject));
        QueuePanel* queue = window.queuePanel();
        queue->view()->selectProxyRow(7);
        row = window.selectedRow();
        QVERIFY(row >= 0);
        QVERIFY(row != window.controller()->batchRows().front());
        k = window.controller()->metricsK() + 25;
        window.chartTabs()->kSpinBox()->setValue(int(k));
        QCOMPARE(window.controller()->metricsK(), k);
        window.chartTabs()->tabs()->setCurrentIndex(2);
        window.close(); // keeps the look, releases the project file
    }
    MainWindow window;
    QVERIFY(reopen(window, mProject));
    QCOMPARE(window.selectedRow(), row);
    QCOMPARE(window.controller()->metricsK(), k);
    QCOMPARE(int64_t(window.chartTabs()->kSpinBox()->value()), k);
    QCOMPARE(window.chartTabs()->tabs()->currentIndex(), 2);
    window.close();
}

void TestQueueSession::sortedLabellingFollowsTheSortedOrder()
{
    MainWindow window;
    QVERIFY(reopen(window, mProject));
    QueuePanel* queue = window.queuePanel();
    QueueFilterModel* proxy = queue->proxy();
    const RankingSnapshot* ranking = queue->model()->ranking();
    emit queue->view()->horizontalHeader()->sectionClicked(QueueModel::ScoreColumn);
    QCOMPARE(queue->view()->sortColumn(), int(QueueModel::ScoreColumn));
    for (int i = 1; i < proxy->rowCount(); ++i)
        QVERIFY(ranking->score[size_t(proxy->datasetRow(i - 1))]
            <= ranking->score[size_t(proxy->datasetRow(i))]);

    queue->view()->selectProxyRow(0);
    const int64_t first = window.selectedRow();
    QCOMPARE(first, proxy->datasetRow(0)); // the lowest score
    const int64_t second = proxy->datasetRow(1);
    QTest::keyClick(queue->view(), Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->pendingWrites(), 0, 10000);
    QCOMPARE(window.controller()->status(first), RowStatus::Normal);
    QCOMPARE(window.selectedRow(), second); // the next row as the analyst sees them
    QTest::keyClick(queue->view(), Qt::Key_S);
    QCOMPARE(window.selectedRow(), proxy->datasetRow(2));

    QTest::keyClick(queue->view(), Qt::Key_Z, Qt::ControlModifier); // leave the project unlabelled
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->status(first), RowStatus::Unlabelled, 10000);
    window.close();
}

void TestQueueSession::scoreFilterIsReachedByKeyboard()
{
    MainWindow window;
    QVERIFY(reopen(window, mProject));
    QueuePanel* queue = window.queuePanel();
    queue->setStatusFilter(QueueFilterModel::StatusFilter::All);
    const int all = queue->proxy()->rowCount();
    const RankingSnapshot* ranking = queue->model()->ranking();
    const float median = ranking->score[size_t(ranking->order[size_t(all / 2)])];
    QTest::keyClick(queue->view(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), queue->scoreMinEdit());
    QTest::keyClicks(queue->scoreMinEdit(), QString::number(median, 'f', 4));
    const int shown = queue->proxy()->rowCount();
    QVERIFY2(shown > 0 && shown < all, qPrintable(QStringLiteral("%1 of %2").arg(shown).arg(all)));
    for (int i = 0; i < shown; ++i)
        QVERIFY(ranking->score[size_t(queue->proxy()->datasetRow(i))] >= median - 1e-3f);
    QTest::keyClick(queue->scoreMinEdit(), Qt::Key_Tab); // the next field: the maximum
    QCOMPARE(QApplication::focusWidget(), queue->scoreMaxEdit());
    queue->clearScoreRange();
    QCOMPARE(queue->proxy()->rowCount(), all);
    window.close();
}

void TestQueueSession::droppedProjectFileOpens()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto mime = fileDrop(mProject);
    QDragEnterEvent enter(
        QPoint(20, 20), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    const auto text = fileDrop(mDir.filePath(QStringLiteral("notes.txt")));
    QDragEnterEvent refused(
        QPoint(20, 20), Qt::CopyAction, text.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());

    QSignalSpy opened(window.controller(), &ReviewController::opened);
    QVERIFY(window.openDroppedFile(mime.get()));
    QVERIFY(opened.wait(kTrainingWaitMs));
    QCOMPARE(QFileInfo(window.controller()->projectPath()).canonicalFilePath(),
        QFileInfo(mProject).canonicalFilePath());
    QVERIFY(!window.openDroppedFile(text.get()));
    window.close();
}

void TestQueueSession::droppedFileKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    QTest::newRow("csv") << "arrests.csv" << int(DroppedFile::Kind::Csv);
    QTest::newRow("CSV") << "ARRESTS.CSV" << int(DroppedFile::Kind::Csv);
    QTest::newRow("frproj") << "a.frproj" << int(DroppedFile::Kind::Project);
    QTest::newRow("frproject") << "a.frproject" << int(DroppedFile::Kind::Project);
    QTest::newRow("other") << "a.txt" << int(DroppedFile::Kind::None);
}

void TestQueueSession::droppedFileKinds()
{
    QFETCH(QString, name);
    QFETCH(int, kind);
    const QString path = mDir.filePath(name);
    const DroppedFile file = droppedFile(fileDrop(path).get());
    QCOMPARE(int(file.kind), kind);
    if (file.kind != DroppedFile::Kind::None)
        QCOMPARE(file.path, path);
    QMimeData remote;
    remote.setUrls({QUrl(QStringLiteral("https://example.org/") + name)});
    QCOMPARE(int(droppedFile(&remote).kind), int(DroppedFile::Kind::None));
}

void TestQueueSession::shortcutListHasEveryShortcut()
{
    MainWindow window;
    const std::vector<ShortcutEntry> entries = shortcutEntries(window);
    int withKeys = 0;
    for (const QAction* action : window.findChildren<QAction*>()) {
        if (action->shortcut().isEmpty())
            continue;
        ++withKeys;
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        text.remove(QStringLiteral("…"));
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        const bool listed
            = std::any_of(entries.begin(), entries.end(), [&](const ShortcutEntry& e) {
                  return e.action == text.trimmed() && e.keys.contains(keys);
              });
        QVERIFY2(listed, qPrintable(text + QStringLiteral(" ") + keys));
    }
    QVERIFY(withKeys >= 12); // A, N, S, Enter, Ctrl+Z, Ctrl+B, Ctrl+F, Alt+1…, …
    ShortcutDialog dialog(window);
    QCOMPARE(dialog.table()->rowCount(), int(entries.size()));
    const auto anomaly = std::find_if(entries.begin(), entries.end(),
        [](const ShortcutEntry& e) { return e.action == QStringLiteral("Label anomaly"); });
    QVERIFY(anomaly != entries.end());
    QCOMPARE(anomaly->keys, QStringLiteral("A"));
    QCOMPARE(anomaly->menu, QStringLiteral("Review"));
}

void TestQueueSession::everyControlHasATooltip()
{
    MainWindow window;
    QVERIFY(reopen(window, mProject));
    QStringList missing;
    int controls = 0;
    for (QWidget* widget : window.findChildren<QWidget*>()) {
        if (!isControl(widget))
            continue;
        ++controls;
        if (widget->toolTip().isEmpty())
            missing << QStringLiteral("%1 in %2")
                           .arg(QString::fromLatin1(widget->metaObject()->className()),
                               QString::fromLatin1(
                                   widget->parentWidget()->metaObject()->className()));
    }
    QVERIFY2(controls >= 15, qPrintable(QString::number(controls)));
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
    QTabBar* tabs = window.chartTabs()->tabs()->tabBar();
    for (int i = 0; i < tabs->count(); ++i)
        QVERIFY2(!tabs->tabToolTip(i).isEmpty(), qPrintable(tabs->tabText(i)));
    window.close();
}

QTEST_MAIN(TestQueueSession)
#include "tst_queue_session.moc"
