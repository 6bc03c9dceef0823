// Tests that an input/output error in the middle of a write (injected by a SQLite VFS shim that
// fails write() or fsync() on demand) fails that one call with a clear message, saves nothing of
// it, and leaves the project intact and writable.
#include "store/project_store.h"
#include "store_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace fr;
using namespace fr::test;

namespace {

// The shim: the default VFS with the io methods of every file it opens swapped for a copy whose
// xWrite/xSync fail while armed. The real file object is used as is; only pMethods changes (one
// copy per distinct set of methods, which the copy's functions call through).
struct FaultInjection {
    static constexpr int kMethodSets = 4; // the unix VFS uses one for databases, one for the WAL
    static inline sqlite3_vfs* real = nullptr;
    static inline sqlite3_vfs shim {};
    static inline const sqlite3_io_methods* realMethods[kMethodSets] = {};
    static inline sqlite3_io_methods methods[kMethodSets] = {};
    static inline bool failWrites = false;
    static inline bool failSyncs = false;
    static inline int injected = 0;

    template <int Set>
    static int write(sqlite3_file* file, const void* data, int bytes, sqlite3_int64 offset)
    {
        if (failWrites) {
            ++injected;
            return SQLITE_IOERR_WRITE;
        }
        return realMethods[Set]->xWrite(file, data, bytes, offset);
    }

    template <int Set> static int sync(sqlite3_file* file, int flags)
    {
        if (failSyncs) {
            ++injected;
            return SQLITE_IOERR_FSYNC;
        }
        return realMethods[Set]->xSync(file, flags);
    }

    template <int Set> static void wrap(const sqlite3_io_methods* original)
    {
        realMethods[Set] = original;
        methods[Set] = *original;
        methods[Set].xWrite = write<Set>;
        methods[Set].xSync = sync<Set>;
    }

    static const sqlite3_io_methods* wrapped(const sqlite3_io_methods* original)
    {
        for (int set = 0; set < kMethodSets; ++set)
            if (realMethods[set] == original)
                return &methods[set];
        if (!realMethods[0])
            wrap<0>(original);
        else if (!realMethods[1])
            wrap<1>(original);
        else if (!realMethods[2])
            wrap<2>(original);
        else if (!realMethods[3])
            wrap<3>(original);
        else
            qFatal("more io method sets than the shim knows");
        return wrapped(original);
    }

    static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out)
    {
        int rc = real->xOpen(real, name, file, flags, out);
        if (rc == SQLITE_OK && file->pMethods)
            file->pMethods = wrapped(file->pMethods);
        return rc;
    }

    static void install()
    {
        real = sqlite3_vfs_find(nullptr);
        shim = *real;
        shim.zName = "fault-injection";
        shim.xOpen = open;
        sqlite3_vfs_register(&shim, 1); // the default for every later sqlite3_open
    }
};

} // namespace

class TestStoreIoFailure : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { FaultInjection::install(); }

    void failedWriteSavesNothingAndKeepsTheProject_data()
    {
        QTest::addColumn<bool>("failWrite");
        QTest::newRow("write() fails") << true;
        QTest::newRow("fsync() fails") << false;
    }
    void failedWriteSavesNothingAndKeepsTheProject()
    {
        QFETCH(bool, failWrite);
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 200);
        const std::string path = (dir.path() + "/p.frproject").toStdString();
        std::vector<LabelRecord> kept = {makeLabel(1, LabelValue::Anomaly, 0, 1)};
        {
            auto store = ProjectStore::create(path, f.reference, f.mapping, f.dataset).take();
            QVERIFY(store->recordLabels(kept).ok());
            std::vector<LabelRecord> lost = {makeLabel(2, LabelValue::Normal, 0, 1)};
            FaultInjection::injected = 0;
            (failWrite ? FaultInjection::failWrites : FaultInjection::failSyncs) = true;
            Status status = store->recordLabels(lost);
            FaultInjection::failWrites = FaultInjection::failSyncs = false;
            QVERIFY(FaultInjection::injected > 0);
            QVERIFY(!status.ok());
            qInfo("%s", status.error().c_str());
            QVERIFY2(status.error().find("input/output error") != std::string::npos,
                status.error().c_str());
            QVERIFY(status.error().find("nothing of this change was saved") != std::string::npos);
            QCOMPARE(lost[0].id, int64_t(0));
            // The same connection carries on once the device works again.
            auto saved = store->loadSession();
            QVERIFY2(saved.ok(), saved.error().c_str());
            QCOMPARE(saved.value().labels.size(), size_t(1));
            QVERIFY(store->recordLabels(lost).ok());
        }
        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), store.error().c_str());
        QCOMPARE(store.value()->integrityCheck().value(), std::string("ok"));
        auto labels = store.value()->loadSession().value().labels;
        QCOMPARE(labels.size(), size_t(2));
        QCOMPARE(labels[0].id, kept[0].id);
        QCOMPARE(labels[1].row, int64_t(2));
    }

    void failedModelVersionWriteSavesNothing()
    {
        QTemporaryDir dir;
        auto f = writeFixture(dir.path(), 5000);
        const std::string path = (dir.path() + "/p.frproject").toStdString();
        auto store = ProjectStore::create(path, f.reference, f.mapping, f.dataset).take();
        ModelVersionRecord model;
        model.version = 1;
        model.checkpoint.assign(3000000, 7);
        FaultInjection::failSyncs = true;
        Status status = store->recordModelVersion(model, std::vector<float>(5000, 0.5f), {});
        FaultInjection::failSyncs = false;
        QVERIFY(!status.ok());
        QVERIFY(!store->loadSession().value().hasModel);
        QCOMPARE(store->eventCount("model-version").value(), int64_t(0));
        QVERIFY(store->recordModelVersion(model, std::vector<float>(5000, 0.5f), {}).ok());
        QCOMPARE(store->loadSession().value().model.checkpoint.size(), size_t(3000000));
        QCOMPARE(store->integrityCheck().value(), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestStoreIoFailure)
#include "tst_storeiofailure.moc"
