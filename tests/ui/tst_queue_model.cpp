// The review queue's model, filter proxy and view: cells, roles, filters, search, sorting, status
// updates, thumbnails, and the cost of a re-rank with a million rows.
#include "queue_filter_model.h"
#include "queue_model.h"
#include "queue_panel.h"
#include "queue_view.h"
#include "ui_test_data.h"

#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace fr;
using namespace fr::ui;

class TestQueueModel : public QObject {
    Q_OBJECT
private slots:
    void emptyBeforeRanking();
    void rowsFollowTheRanking();
    void customRoles();
    void filters_data();
    void filters();
    void labelledRowsStayInReviewUntilReRank();
    void statusChangeEmitsDataChanged();
    void sortByScoreAscending();
    void headerClickSortsAndReverses_data();
    void headerClickSortsAndReverses();
    void nextRowFollowsTheSortedOrder();
    void blindReviewTurnsOffGroupSort();
    void scoreRangeHidesRowsOutside_data();
    void scoreRangeHidesRowsOutside();
    void thumbnailsForImageData();
    void millionRowsResetAndPaint();
};

void TestQueueModel::emptyBeforeRanking()
{
    QueueModel model;
    model.setDataset(test::makeDataset(50));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
}

void TestQueueModel::rowsFollowTheRanking()
{
    QueueModel model;
    model.setDataset(test::makeDataset(100));
    auto ranking = test::makeRanking(100);
    model.setRanking(ranking, {ranking->order[0], ranking->order[1]});
    QCOMPARE(model.rowCount(), 100);
    // Row 0 (score 10 + 1/2) is the most suspicious, then rows 10, 20, ...
    QCOMPARE(model.index(0, QueueModel::IdColumn).data().toString(), QStringLiteral("r1"));
    QCOMPARE(model.index(1, QueueModel::IdColumn).data().toString(), QStringLiteral("r11"));
    QCOMPARE(model.index(0, QueueModel::RankColumn).data().toLongLong(), 1LL);
    QCOMPARE(model.index(0, QueueModel::ScoreColumn).data().toString(), QStringLiteral("10.500"));
    QCOMPARE(model.index(0, QueueModel::ProbabilityColumn).data().toString(), QStringLiteral("–"));
    QCOMPARE(model.index(0, QueueModel::GroupColumn).data().toString(), QStringLiteral("Black"));
    QCOMPARE(model.index(0, QueueModel::LabelColumn).data().toString(), QStringLiteral("–"));
    QVERIFY(model.index(0, 0).data(Qt::BackgroundRole).isValid()); // in the batch
    QVERIFY(!model.index(5, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.modelRow(10), 1);
    QCOMPARE(model.datasetRow(1), int64_t(10));
}

void TestQueueModel::customRoles()
{
    QueueModel model;
    model.setDataset(test::makeDataset(30));
    model.setRanking(test::makeRanking(30, 2, true), {});
    const QModelIndex first = model.index(0, 0);
    QCOMPARE(first.data(QueueModel::DatasetRowRole).toLongLong(), 0LL);
    QCOMPARE(first.data(QueueModel::GroupRole).toInt(), 1);
    QCOMPARE(first.data(QueueModel::StatusRole).toInt(), int(RowStatus::Unlabelled));
    QVERIFY(first.data(QueueModel::ProbabilityRole).toFloat() > 0.99f);
    QVERIFY(!model.index(0, 0).data(QueueModel::InBatchRole).toBool());
}

void TestQueueModel::filters_data()
{
    QTest::addColumn<int>("statusFilter");
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("expectedRows");
    // 60 rows, rows 0..5 labelled below (0,1,2 anomaly; 3,4 normal; 5 skipped), 20 Black rows.
    QTest::newRow("all") << int(QueueFilterModel::StatusFilter::All) << -1 << QString() << 60;
    QTest::newRow("labelled") << int(QueueFilterModel::StatusFilter::Labelled) << -1 << QString()
                              << 5;
    QTest::newRow("anomalies") << int(QueueFilterModel::StatusFilter::Anomalies) << -1 << QString()
                               << 3;
    QTest::newRow("normals") << int(QueueFilterModel::StatusFilter::Normals) << -1 << QString()
                             << 2;
    QTest::newRow("skipped") << int(QueueFilterModel::StatusFilter::Skipped) << -1 << QString()
                             << 1;
    QTest::newRow("group Black") << int(QueueFilterModel::StatusFilter::All) << 1 << QString()
                                 << 20;
    QTest::newRow("Black anomalies")
        << int(QueueFilterModel::StatusFilter::Anomalies) << 1 << QString() << 1;
    QTest::newRow("search r1") << int(QueueFilterModel::StatusFilter::All) << -1
                               << QStringLiteral("R1") << 11;
    QTest::newRow("search none") << int(QueueFilterModel::StatusFilter::All) << -1
                                 << QStringLiteral("zz") << 0;
}

void TestQueueModel::filters()
{
    QFETCH(int, statusFilter);
    QFETCH(int, group);
    QFETCH(QString, search);
    QFETCH(int, expectedRows);
    QueueModel model;
    model.setDataset(test::makeDataset(60));
    model.setRanking(test::makeRanking(60), {});
    std::vector<RowStatus> statuses(60, RowStatus::Unlabelled);
    statuses[0] = statuses[1] = statuses[2] = RowStatus::Anomaly;
    statuses[3] = statuses[4] = RowStatus::Normal;
    statuses[5] = RowStatus::Skipped;
    model.setStatuses(statuses);
    QueueFilterModel proxy;
    proxy.setQueueModel(&model);
    proxy.setStatusFilter(static_cast<QueueFilterModel::StatusFilter>(statusFilter));
    proxy.setGroupFilter(group);
    proxy.setIdSearch(search);
    QCOMPARE(proxy.rowCount(), expectedRows);
}

void TestQueueModel::labelledRowsStayInReviewUntilReRank()
{
    QueueModel model;
    model.setDataset(test::makeDataset(40));
    model.setRanking(test::makeRanking(40), {});
    QueueFilterModel proxy;
    proxy.setQueueModel(&model);
    QCOMPARE(proxy.statusFilter(), QueueFilterModel::StatusFilter::ToReview);
    QCOMPARE(proxy.rowCount(), 40);
    model.setStatus(7, RowStatus::Anomaly);
    QCOMPARE(proxy.rowCount(), 40); // still visible: labelled in this round
    QCOMPARE(proxy.index(proxy.proxyRow(7), QueueModel::LabelColumn).data().toString(),
        QStringLiteral("anomaly"));
    model.setRanking(test::makeRanking(40, 2), {});
    QCOMPARE(proxy.rowCount(), 39);
    QCOMPARE(proxy.proxyRow(7), -1);
}

void TestQueueModel::statusChangeEmitsDataChanged()
{
    QueueModel model;
    model.setDataset(test::makeDataset(20));
    model.setRanking(test::makeRanking(20), {});
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    model.setStatus(10, RowStatus::Normal);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toModelIndex().row(), model.modelRow(10));
    QCOMPARE(model.status(10), RowStatus::Normal);
}

void TestQueueModel::sortByScoreAscending()
{
    QueueModel model;
    model.setDataset(test::makeDataset(50));
    auto ranking = test::makeRanking(50);
    model.setRanking(ranking, {});
    QueueFilterModel proxy;
    proxy.setQueueModel(&model);
    proxy.sort(QueueModel::ScoreColumn, Qt::AscendingOrder);
    const int64_t last = ranking->order.back();
    QCOMPARE(proxy.datasetRow(0), last);
    for (int i = 1; i < proxy.rowCount(); ++i)
        QVERIFY(ranking->score[size_t(proxy.datasetRow(i - 1))]
            <= ranking->score[size_t(proxy.datasetRow(i))]);
}

namespace {
// A queue panel over 60 hand-made rows, ranked, shown.
struct PanelFixture {
    QueuePanel panel;
    std::shared_ptr<RankingSnapshot> ranking = test::makeRanking(60, 1, true);
    PanelFixture()
    {
        panel.setDataset(test::makeDataset(60));
        panel.setStatusFilter(QueueFilterModel::StatusFilter::All);
        panel.model()->setRanking(ranking, {});
    }
    QueueView* view() { return panel.view(); }
    QueueFilterModel* proxy() { return panel.proxy(); }
    QVariant cell(int proxyRow, int column) { return proxy()->index(proxyRow, column).data(); }
};

void clickHeader(QueueView* view, int column)
{
    QHeaderView* header = view->horizontalHeader();
    emit header->sectionClicked(column);
}

// Whether `before(a, b)` holds for every pair of neighbouring rows of the proxy.
template <typename Before> bool inOrder(QueueFilterModel* proxy, Before before)
{
    for (int i = 1; i < proxy->rowCount(); ++i)
        if (before(proxy->datasetRow(i), proxy->datasetRow(i - 1)))
            return false;
    return true;
}
} // namespace

void TestQueueModel::headerClickSortsAndReverses_data()
{
    QTest::addColumn<int>("column");
    QTest::newRow("rank") << int(QueueModel::RankColumn);
    QTest::newRow("id") << int(QueueModel::IdColumn);
    QTest::newRow("score") << int(QueueModel::ScoreColumn);
    QTest::newRow("probability") << int(QueueModel::ProbabilityColumn);
    QTest::newRow("group") << int(QueueModel::GroupColumn);
    QTest::newRow("label") << int(QueueModel::LabelColumn);
}

void TestQueueModel::headerClickSortsAndReverses()
{
    QFETCH(int, column);
    PanelFixture f;
    f.panel.model()->setStatus(f.ranking->order[5], RowStatus::Anomaly);
    f.panel.model()->setStatus(f.ranking->order[9], RowStatus::Normal);
    const QueueModel* model = f.panel.model();
    const auto& score = f.ranking->score;
    const auto& probability = f.ranking->probability;
    const Dataset* data = model->dataset();
    auto key = [&](int64_t a, int64_t b) {
        const auto i = size_t(a), j = size_t(b);
        switch (column) {
        case QueueModel::IdColumn:
            return data->ids[i] < data->ids[j];
        case QueueModel::ScoreColumn:
            return score[i] < score[j];
        case QueueModel::ProbabilityColumn:
            return probability[i] < probability[j];
        case QueueModel::GroupColumn:
            return model->groupOf(a) < model->groupOf(b);
        case QueueModel::LabelColumn:
            return model->status(a) < model->status(b);
        default:
            return f.ranking->rankOfRow[i] < f.ranking->rankOfRow[j];
        }
    };
    QCOMPARE(f.view()->sortColumn(), int(QueueModel::RankColumn)); // the default
    QCOMPARE(f.proxy()->datasetRow(0), f.ranking->order[0]);
    if (column != QueueModel::RankColumn)
        clickHeader(f.view(), column);
    QCOMPARE(f.view()->sortColumn(), column);
    QCOMPARE(f.view()->sortOrder(), Qt::AscendingOrder);
    QVERIFY(inOrder(f.proxy(), key));
    clickHeader(f.view(), column); // again: reversed
    QCOMPARE(f.view()->sortOrder(), Qt::DescendingOrder);
    QVERIFY(inOrder(f.proxy(), [&](int64_t a, int64_t b) { return key(b, a); }));
    QCOMPARE(f.view()->horizontalHeader()->sortIndicatorSection(), column);
}

void TestQueueModel::nextRowFollowsTheSortedOrder()
{
    PanelFixture f;
    clickHeader(f.view(), QueueModel::ScoreColumn); // lowest score first: rank order reversed
    f.view()->selectProxyRow(0);
    const int64_t current = f.view()->currentDatasetRow();
    QCOMPARE(current, f.ranking->order.back());
    QCOMPARE(f.panel.nextUnlabelledRow(), f.proxy()->datasetRow(1));
    f.panel.model()->setStatus(f.proxy()->datasetRow(1), RowStatus::Normal);
    QCOMPARE(f.panel.nextUnlabelledRow(), f.proxy()->datasetRow(2)); // labelled rows are passed
}

void TestQueueModel::blindReviewTurnsOffGroupSort()
{
    PanelFixture f;
    clickHeader(f.view(), QueueModel::GroupColumn);
    QCOMPARE(f.view()->sortColumn(), int(QueueModel::GroupColumn));
    f.panel.setGroupHidden(true, "sex");
    QCOMPARE(f.view()->sortColumn(), int(QueueModel::RankColumn)); // back to the rank
    QCOMPARE(f.proxy()->datasetRow(0), f.ranking->order[0]);
    QVERIFY(!f.view()->isSortable(QueueModel::GroupColumn));
    clickHeader(f.view(), QueueModel::GroupColumn);
    QCOMPARE(f.view()->sortColumn(), int(QueueModel::RankColumn));
    QCOMPARE(f.view()->horizontalHeader()->sortIndicatorSection(), int(QueueModel::RankColumn));
    f.panel.setGroupHidden(false, "sex");
    QVERIFY(f.view()->isSortable(QueueModel::GroupColumn));
}

void TestQueueModel::scoreRangeHidesRowsOutside_data()
{
    // makeRanking(60): six rows score about 10, the other 54 between 1 and 1.5.
    QTest::addColumn<QString>("minimum");
    QTest::addColumn<QString>("maximum");
    QTest::addColumn<int>("expectedRows");
    QTest::newRow("no range") << QString() << QString() << 60;
    QTest::newRow("high only") << QStringLiteral("5") << QString() << 6;
    QTest::newRow("low only") << QString() << QStringLiteral("5") << 54;
    QTest::newRow("between") << QStringLiteral("1.0255") << QStringLiteral("1.5") << 34;
    QTest::newRow("empty range") << QStringLiteral("3") << QStringLiteral("4") << 0;
}

void TestQueueModel::scoreRangeHidesRowsOutside()
{
    QFETCH(QString, minimum);
    QFETCH(QString, maximum);
    QFETCH(int, expectedRows);
    PanelFixture f;
    f.panel.scoreMinEdit()->setText(minimum);
    f.panel.scoreMaxEdit()->setText(maximum);
    QCOMPARE(f.proxy()->rowCount(), expectedRows);
    const double low = minimum.isEmpty() ? -1e9 : minimum.toDouble();
    const double high = maximum.isEmpty() ? 1e9 : maximum.toDouble();
    for (int64_t r = 0; r < 60; ++r) {
        const double score = f.ranking->score[size_t(r)];
        QCOMPARE(f.proxy()->proxyRow(r) >= 0, score >= low && score <= high);
    }
    f.panel.clearScoreRange();
    QCOMPARE(f.proxy()->rowCount(), 60);
}

void TestQueueModel::thumbnailsForImageData()
{
    auto data = std::make_shared<Dataset>();
    data->imageWidth = data->imageHeight = 2;
    data->matrix.rows = 3;
    data->matrix.cols = 4;
    data->matrix.values = {0, 1, 0, 1, 1, 1, 1, 1, 0.5f, 0, 0, 1};
    for (int i = 0; i < 4; ++i)
        data->features.push_back({"pixel " + std::to_string(i), "image", 0.5, 255.0, 0.0});
    QueueModel model;
    model.setDataset(data);
    model.setRanking(test::makeRanking(3), {});
    const QImage image = model.index(model.modelRow(0), QueueModel::IdColumn)
                             .data(Qt::DecorationRole)
                             .value<QImage>();
    QCOMPARE(image.size(), QSize(2, 2));
    QCOMPARE(qGray(image.pixel(0, 0)), 0);
    QCOMPARE(qGray(image.pixel(1, 0)), 255);
}

void TestQueueModel::millionRowsResetAndPaint()
{
    constexpr int64_t kRows = 1000000;
    auto data = test::makeDataset(kRows);
    auto first = test::makeRanking(kRows, 1);
    auto second = test::makeRanking(kRows, 2, true);
    QueueModel model;
    model.setDataset(data);
    QueueFilterModel proxy;
    proxy.setQueueModel(&model);
    QueueView view;
    view.setModel(&proxy);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.setRanking(first, {});
    view.repaint();

    QElapsedTimer timer;
    timer.start();
    model.setRanking(second, {second->order[0]});
    view.repaint(); // the paint is synchronous: it includes every data() call of the first screen
    const qint64 elapsedMs = timer.elapsed();
    qInfo("re-rank of %lld rows: model reset + first paint took %lld ms", (long long)kRows,
        (long long)elapsedMs);
    QCOMPARE(proxy.rowCount(), int(kRows));
    QCOMPARE(view.model()->index(0, QueueModel::IdColumn).data().toString(),
        QString::fromStdString(data->ids[size_t(second->order[0])]));
    QVERIFY2(elapsedMs < 500, qPrintable(QStringLiteral("%1 ms").arg(elapsedMs)));
}

QTEST_MAIN(TestQueueModel)
#include "tst_queue_model.moc"
