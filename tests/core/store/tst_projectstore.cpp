// Tests for ProjectStore: reopening restores exactly, undo, atomic batches, the project lock, the
// data-file check, a full disk, and the bulk creation speed.
#include "store/project_store.h"
#include "store_test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <set>
#include <thread>
#include <unistd.h>

using namespace fr;
using namespace fr::test;

namespace {

ModelVersionRecord makeModel(int64_t version, size_t checkpointBytes)
{
    ModelVersionRecord m;
    m.version = version;
    m.kind = "fadig-uai";
    m.hyperParameters = R"({"epochs":10,"lr":0.001})";
    m.device = "cpu";
    m.seed = 0xfedcba9876543210ull; // above INT64_MAX: must survive the signed column
    m.metrics = R"({"auc":0.91})";
    m.labelsUsed = version * 10;
    m.createdUtcMs = 1700000000000 + version;
    for (size_t i = 0; i < checkpointBytes; ++i)
        m.checkpoint.push_back(uint8_t(i * 31 + version));
    return m;
}

std::vector<float> makeScores(int64_t rows, float shift)
{
    std::vector<float> s(rows);
    for (int64_t i = 0; i < rows; ++i)
        s[i] = float(i % 97) / 97.0f + shift;
    return s;
}

void compareLabels(const LabelRecord& a, const LabelRecord& b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.row, b.row);
    QCOMPARE(a.rowId, b.rowId);
    QCOMPARE(a.label, b.label);
    QCOMPARE(a.note, b.note);
    QCOMPARE(a.analyst, b.analyst);
    QCOMPARE(a.timeUtcMs, b.timeUtcMs);
    QCOMPARE(a.modelVersion, b.modelVersion);
    QCOMPARE(a.score, b.score);
    QCOMPARE(a.rank, b.rank);
    QCOMPARE(a.strategy, b.strategy);
    QCOMPARE(a.round, b.round);
    QCOMPARE(a.undone, b.undone);
    QCOMPARE(a.groupVisible, b.groupVisible);
    QCOMPARE(a.reviewMs, b.reviewMs);
}

std::unique_ptr<ProjectStore> createStore(const QTemporaryDir& dir, const StoreFixture& f)
{
    auto store = ProjectStore::create(
        (dir.path() + "/p.frproject").toStdString(), f.reference, f.mapping, f.dataset);
    if (!store.ok())
        qFatal("%s", store.error().c_str());
    return store.take();
}

} // namespace

class TestProjectStore : public QObject {
    Q_OBJECT
private slots:
    void reopenRestoresExactly()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 500);
        std::vector<LabelRecord> first
            = {makeLabel(3, LabelValue::Anomaly, 0, 1), makeLabel(4, LabelValue::Normal, 0, 1)};
        first[0].note = "comma, \"quote\"\nline two, ünïcode";
        first[1].groupVisible = false; // blind review
        first[1].reviewMs = 2750;
        std::vector<LabelRecord> second;
        std::vector<float> score = makeScores(500, 0.25f), probability = makeScores(500, 0.0f);
        RoundRecord round {1, 2, 2, 1, {{"White", 1, 0, -1.0}, {"Black", 1, 1, 0.5}}};
        {
            auto store = createStore(dir, f);
            QVERIFY(store->recordLabels(first).ok());
            QVERIFY(first[0].id > 0 && first[1].id == first[0].id + 1);
            QCOMPARE(first[0].rowId, std::string("r4"));
            QVERIFY(store->recordModelVersion(makeModel(1, 10), makeScores(500, 0.f), {}).ok());
            QVERIFY(store->recordModelVersion(makeModel(2, 100000), score, probability).ok());
            QVERIFY(store->recordRound(round).ok());
            second = {makeLabel(10, LabelValue::Anomaly, 2, 2)};
            QVERIFY(store->recordLabels(second).ok());
            QVERIFY(store->recordUndo(first[1]).ok());
            first[1].undone = true;
        }
        auto reopened = ProjectStore::open((dir.path() + "/p.frproject").toStdString());
        QVERIFY2(reopened.ok(), reopened.error().c_str());
        auto saved = reopened.value()->loadSession();
        QVERIFY2(saved.ok(), saved.error().c_str());
        const SavedSession& s = saved.value();
        QCOMPARE(s.labels.size(), size_t(3));
        compareLabels(s.labels[0], first[0]);
        compareLabels(s.labels[1], first[1]);
        compareLabels(s.labels[2], second[0]);
        QVERIFY(s.hasModel);
        ModelVersionRecord expected = makeModel(2, 100000);
        QCOMPARE(s.model.version, expected.version);
        QCOMPARE(s.model.kind, expected.kind);
        QCOMPARE(s.model.hyperParameters, expected.hyperParameters);
        QCOMPARE(s.model.device, expected.device);
        QCOMPARE(s.model.seed, expected.seed);
        QCOMPARE(s.model.metrics, expected.metrics);
        QCOMPARE(s.model.labelsUsed, expected.labelsUsed);
        QCOMPARE(s.model.createdUtcMs, expected.createdUtcMs);
        QVERIFY(s.model.checkpoint == expected.checkpoint);
        QVERIFY(s.score == score);
        QVERIFY(s.probability == probability);
        QCOMPARE(s.rounds.size(), size_t(1));
        QCOMPARE(s.rounds[0].round, 1);
        QCOMPARE(s.rounds[0].modelVersion, int64_t(2));
        QCOMPARE(s.rounds[0].groups.size(), size_t(2));
        QCOMPARE(s.rounds[0].groups[0].group, std::string("White"));
        QCOMPARE(s.rounds[0].groups[0].recallAtK, -1.0);
        QCOMPARE(s.rounds[0].groups[1].found, int64_t(1));
        QCOMPARE(reopened.value()->columnMapping().groupColumn, std::string("race"));
        QCOMPARE(reopened.value()->columnMapping().roles.at("comment"), ColumnRole::Ignore);
        QCOMPARE(reopened.value()->datasetReference().contentHash, f.reference.contentHash);
        QCOMPARE(reopened.value()->rowCount(), int64_t(500));
        QCOMPARE(reopened.value()->integrityCheck().value(), std::string("ok"));
        QCOMPARE(reopened.value()->eventCount("label").value(), int64_t(3));
        QCOMPARE(reopened.value()->eventCount("model-version").value(), int64_t(2));
        QCOMPARE(reopened.value()->eventCount("project-created").value(), int64_t(1));
    }

    void undoIsAFlagAndAnEventNeverADelete()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 20);
        auto store = createStore(dir, f);
        std::vector<LabelRecord> labels = {makeLabel(1, LabelValue::Anomaly, 0, 1)};
        QVERIFY(store->recordLabels(labels).ok());
        QVERIFY(store->recordUndo(labels[0]).ok());
        Status again = store->recordUndo(labels[0]);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().find("already undone") != std::string::npos, again.error().c_str());
        LabelRecord missing = labels[0];
        missing.id = 999;
        QVERIFY(store->recordUndo(missing).error().find("does not exist") != std::string::npos);
        auto saved = store->loadSession().take();
        QCOMPARE(saved.labels.size(), size_t(1));
        QVERIFY(saved.labels[0].undone);
        QCOMPARE(store->eventCount("undo").value(), int64_t(1));
        auto counts = store->labelCountsByGroup().take();
        QCOMPARE(counts.size(), size_t(1));
        QCOMPARE(counts[0].group, std::string("Black"));
        QCOMPARE(counts[0].anomalies, int64_t(0));
        QCOMPARE(counts[0].undone, int64_t(1));
        // The row may be labelled again after an undo; both records stay.
        std::vector<LabelRecord> relabel = {makeLabel(1, LabelValue::Normal, 0, 1)};
        QVERIFY(store->recordLabels(relabel).ok());
        QCOMPARE(store->loadSession().value().labels.size(), size_t(2));
    }

    void invalidBatchIsAllOrNothing_data()
    {
        QTest::addColumn<int64_t>("row");
        QTest::addColumn<QString>("rowId");
        QTest::addColumn<int64_t>("modelVersion");
        QTest::addColumn<QString>("expected");
        QTest::newRow("row out of range") << int64_t(20) << "" << int64_t(0) << "rows 0..19";
        QTest::newRow("negative row") << int64_t(-1) << "" << int64_t(0) << "rows 0..19";
        QTest::newRow("id of another row") << int64_t(2) << "r9" << int64_t(0) << "names id 'r9'";
        QTest::newRow("unknown model") << int64_t(2) << "" << int64_t(5) << "model version 5";
    }
    void invalidBatchIsAllOrNothing()
    {
        QFETCH(int64_t, row);
        QFETCH(QString, rowId);
        QFETCH(int64_t, modelVersion);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        auto store = createStore(dir, writeFixture(dir.path(), 20));
        std::vector<LabelRecord> batch = {makeLabel(0, LabelValue::Anomaly, 0, 1),
            makeLabel(row, LabelValue::Normal, modelVersion, 1)};
        batch[1].rowId = rowId.toStdString();
        Status status = store->recordLabels(batch);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().find(expected.toStdString()) != std::string::npos,
            status.error().c_str());
        QVERIFY(status.error().find("none of the batch was saved") != std::string::npos);
        QCOMPARE(batch[0].id, int64_t(0));
        QVERIFY(store->loadSession().value().labels.empty());
        QCOMPARE(store->eventCount("label").value(), int64_t(0));
    }

    void modelVersionChecks()
    {
        QTemporaryDir dir;
        auto store = createStore(dir, writeFixture(dir.path(), 50));
        Status wrongSize = store->recordModelVersion(makeModel(1, 4), makeScores(49, 0), {});
        QVERIFY(
            wrongSize.error().find("scored 49 rows but the data set has 50") != std::string::npos);
        QVERIFY(store->recordModelVersion(makeModel(1, 0), makeScores(50, 0), {}).ok());
        Status twice = store->recordModelVersion(makeModel(1, 4), makeScores(50, 0), {});
        QVERIFY(twice.error().find("already stored") != std::string::npos);
        QCOMPARE(store->modelVersions().value().size(), size_t(1));
        QCOMPARE(store->loadSession().value().model.checkpoint.size(), size_t(0));
        QVERIFY(store->loadSession().value().probability.empty());
    }

    void rollbackMakesAStoredVersionCurrentAcrossReopen()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/p.frproject").toStdString();
        {
            auto store = createStore(dir, writeFixture(dir.path(), 20));
            for (int64_t v = 1; v <= 3; ++v)
                QVERIFY(
                    store->recordModelVersion(makeModel(v, 8), makeScores(20, float(v)), {}).ok());
            QCOMPARE(store->loadSession().value().model.version, int64_t(3));
            Status missing = store->recordRollback(3, 7);
            QVERIFY(missing.error().find("does not have that version") != std::string::npos);
            QVERIFY(store->recordRollback(3, 1).ok());
            QCOMPARE(store->eventCount("rollback").value(), int64_t(1));
            auto stored = store->loadModelVersion(2);
            QVERIFY2(stored.ok(), stored.error().c_str());
            QCOMPARE(stored.value().model.checkpoint, makeModel(2, 8).checkpoint);
            QCOMPARE(stored.value().score, makeScores(20, 2.0f));
            QVERIFY(!store->loadModelVersion(9).ok());
        }
        auto reopened = ProjectStore::open(path);
        QVERIFY2(reopened.ok(), reopened.error().c_str());
        const SavedSession saved = reopened.value()->loadSession().take();
        QCOMPARE(saved.model.version, int64_t(1)); // the rollback survives the reopen
        QCOMPARE(saved.latestVersion, int64_t(3));
        QCOMPARE(saved.score, makeScores(20, 1.0f));
        QCOMPARE(saved.model.checkpoint, makeModel(1, 8).checkpoint);
        // A new version becomes current in its turn.
        QVERIFY(reopened.value()->recordModelVersion(makeModel(4, 8), makeScores(20, 4), {}).ok());
        QCOMPARE(reopened.value()->loadSession().value().model.version, int64_t(4));
    }

    void roundRecordedAgainReplacesItsFigures()
    {
        QTemporaryDir dir;
        auto store = createStore(dir, writeFixture(dir.path(), 10));
        QVERIFY(store->recordRound({1, 0, 3, 1, {{"White", 2, 1, 0.5}, {"Black", 1, 0, 0}}}).ok());
        QVERIFY(store->recordRound({1, 0, 4, 2, {{"Black", 4, 2, 1.0}}}).ok());
        auto rounds = store->loadSession().value().rounds;
        QCOMPARE(rounds.size(), size_t(1));
        QCOMPARE(rounds[0].labelsSpent, int64_t(4));
        QCOMPARE(rounds[0].groups.size(), size_t(1));
        QCOMPARE(rounds[0].groups[0].group, std::string("Black"));
        QCOMPARE(store->eventCount("round-replaced").value(), int64_t(1));
    }

    void secondOpenIsRefusedWithTheOwnersPid()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        std::string path = (dir.path() + "/p.frproject").toStdString();
        auto store = createStore(dir, f);
        auto second = ProjectStore::open(path);
        QVERIFY(!second.ok());
        std::string expected = "project " + path + " is open in another FairReview (pid "
            + std::to_string(getpid()) + ")";
        QCOMPARE(second.error(), expected);
        auto concurrentCreate = ProjectStore::create(path, f.reference, f.mapping, f.dataset);
        QVERIFY(concurrentCreate.error().find("already exists") != std::string::npos);
        store.reset();
        auto third = ProjectStore::open(path);
        QVERIFY2(third.ok(), third.error().c_str());
    }

    void createRefusesAnExistingFile()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 10);
        std::string path = (dir.path() + "/p.frproject").toStdString();
        {
            std::ofstream(path) << "precious";
        }
        auto store = ProjectStore::create(path, f.reference, f.mapping, f.dataset);
        QVERIFY(!store.ok());
        QVERIFY(store.error().find("already exists") != std::string::npos);
        QCOMPARE(fileBytes(path), std::string("precious"));
    }

    void findRowByDataSetId()
    {
        QTemporaryDir dir;
        auto store = createStore(dir, writeFixture(dir.path(), 10));
        QCOMPARE(store->findRow("r7").value(), int64_t(6));
        QVERIFY(store->findRow("nope").error().find("no row with id 'nope'") != std::string::npos);
    }

    void dataFileChangeIsReportedAndNothingIsOverwritten()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 30);
        std::string path = (dir.path() + "/p.frproject").toStdString();
        std::vector<LabelRecord> labels = {makeLabel(2, LabelValue::Anomaly, 0, 1)};
        {
            auto store = createStore(dir, f);
            QCOMPARE(store->verifyDataFile().value().state, DataFileCheck::State::Unchanged);
            QVERIFY(store->recordLabels(labels).ok());
        }
        {
            std::ofstream(f.csvPath, std::ios::app) << "r31,40,White,x\n";
        }
        auto store = ProjectStore::open(path).take();
        auto check = store->verifyDataFile().take();
        QCOMPARE(check.state, DataFileCheck::State::Changed);
        QVERIFY2(check.message.find("has changed since the project was made") != std::string::npos,
            check.message.c_str());
        QCOMPARE(store->datasetReference().contentHash, f.reference.contentHash);
        QCOMPARE(store->loadSession().value().labels.size(), size_t(1));
        std::remove(f.csvPath.c_str());
        QCOMPARE(store->verifyDataFile().value().state, DataFileCheck::State::Missing);
    }

    void fullDiskFailsCleanlyAndKeepsEverything()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 2000);
        std::string path = (dir.path() + "/p.frproject").toStdString();
        std::vector<LabelRecord> kept = {makeLabel(5, LabelValue::Anomaly, 0, 1)};
        {
            auto store = createStore(dir, f);
            QVERIFY(store->recordLabels(kept).ok());
            // A few pages of room: the 2 MB checkpoint cannot fit.
            QVERIFY(store->limitFileSizeForTesting(80).ok());
            Status full = store->recordModelVersion(makeModel(1, 2000000), makeScores(2000, 0), {});
            QVERIFY(!full.ok());
            QVERIFY2(
                full.error().find("the disk is full") != std::string::npos, full.error().c_str());
            QVERIFY(full.error().find("nothing of this change was saved") != std::string::npos);
            QVERIFY(!store->loadSession().value().hasModel);
            QCOMPARE(store->eventCount("model-version").value(), int64_t(0));
            // A big label batch fails as a whole too.
            std::vector<LabelRecord> big;
            for (int i = 100; i < 1900; ++i)
                big.push_back(makeLabel(i, LabelValue::Normal, 0, 2));
            for (auto& l : big)
                l.note = std::string(2000, 'x');
            QVERIFY(!store->recordLabels(big).ok());
            QCOMPARE(big[0].id, int64_t(0));
            QCOMPARE(store->loadSession().value().labels.size(), size_t(1));
            QCOMPARE(store->integrityCheck().value(), std::string("ok"));
        }
        auto reopened = ProjectStore::open(path);
        QVERIFY2(reopened.ok(), reopened.error().c_str());
        QCOMPARE(reopened.value()->integrityCheck().value(), std::string("ok"));
        auto labels = reopened.value()->loadSession().value().labels;
        QCOMPARE(labels.size(), size_t(1));
        compareLabels(labels[0], kept[0]);
        // With room again, the same write succeeds.
        QVERIFY(reopened.value()
                    ->recordModelVersion(makeModel(1, 2000000), makeScores(2000, 0), {})
                    .ok());
    }

    void labelsAndModelsFromSeveralThreads()
    {
        // The review session submits labels on the GUI thread while its worker stores models.
        QTemporaryDir dir;
        auto store = createStore(dir, writeFixture(dir.path(), 4000));
        std::atomic<int> failures {0};
        auto labeller = [&](int64_t first) {
            for (int64_t row = first; row < first + 2000; row += 20) {
                std::vector<LabelRecord> batch;
                for (int64_t r = row; r < row + 20; ++r)
                    batch.push_back(makeLabel(r, LabelValue::Normal, 0, 1));
                failures += store->recordLabels(batch).ok() ? 0 : 1;
            }
        };
        std::thread a(labeller, 0), b(labeller, 2000);
        for (int64_t version = 1; version <= 5; ++version)
            failures
                += store->recordModelVersion(makeModel(version, 1000), makeScores(4000, 0), {}).ok()
                ? 0
                : 1;
        a.join();
        b.join();
        QCOMPARE(failures.load(), 0);
        auto saved = store->loadSession().take();
        QCOMPARE(saved.labels.size(), size_t(4000));
        std::set<int64_t> rows;
        for (const auto& l : saved.labels)
            rows.insert(l.row);
        QCOMPARE(rows.size(), size_t(4000));
        QCOMPARE(saved.model.version, int64_t(5));
    }

    void createsAMillionRowsQuickly()
    {
        QTemporaryDir dir;
        const int64_t rows = 1000000;
        Dataset dataset;
        dataset.matrix.rows = rows;
        dataset.groupNames = {"a", "b"};
        for (int64_t i = 0; i < rows; ++i) {
            dataset.ids.push_back(std::to_string(i + 1));
            dataset.groups.push_back(int(i % 2));
        }
        DatasetReference reference {"data.csv", 1, "fnv1a-64:0000000000000000"};
        QElapsedTimer timer;
        timer.start();
        auto store = ProjectStore::create(
            (dir.path() + "/big.frproject").toStdString(), reference, {}, dataset);
        qint64 createMs = timer.elapsed();
        QVERIFY2(store.ok(), store.error().c_str());
        timer.restart();
        QVERIFY(store.value()->recordModelVersion(makeModel(1, 0), makeScores(rows, 0), {}).ok());
        qint64 scoresMs = timer.elapsed();
        timer.restart();
        QCOMPARE(store.value()->loadSession().value().score.size(), size_t(rows));
        qint64 loadMs = timer.elapsed();
        qInfo("1,000,000 rows: create %lld ms, one model version's scores %lld ms, load %lld ms",
            createMs, scoresMs, loadMs);
        QVERIFY2(createMs < 15000, "creating a 1,000,000-row project took over 15 s");
        QCOMPARE(store.value()->findRow("777777").value(), int64_t(777776));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
