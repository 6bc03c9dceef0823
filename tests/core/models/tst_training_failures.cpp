// Tests for core's exception boundary in training: the FAIRREVIEW_INJECT_FAULT hook, the
// descriptions of torch's and the standard library's exceptions, and that a detector whose
// training throws (also while the UAI head's loss runs on the helper thread) returns a failure
// and keeps, or rebuilds, its model.
#include "../active/synthetic_dataset.h"
#include "models/detector.h"
#include "models/failure_message.h"
#include "models/fault_injection.h"

#include <QtTest>
#include <stdexcept>

using namespace fr;

namespace {

constexpr const char* kFaultVariable = "FAIRREVIEW_INJECT_FAULT";

std::unique_ptr<models::Detector> makeDetector(
    std::shared_ptr<Dataset> data, ModelKind kind, int intraOpThreads)
{
    ModelOptions options;
    options.kind = kind;
    options.device = DeviceChoice::Cpu;
    options.seed = 5;
    options.pretrainSteps = 100;
    options.roundSteps = 20;
    options.intraOpThreads = intraOpThreads;
    auto d = models::Detector::create(data, options);
    return d.ok() ? d.take() : nullptr;
}

// Sets the fault hook for one scope; unset again on every way out of a test function.
class InjectedFault {
public:
    explicit InjectedFault(const QByteArray& spec) { qputenv(kFaultVariable, spec); }
    ~InjectedFault() { qunsetenv(kFaultVariable); }
};

QString describeThrow(const std::function<void()>& thrower)
{
    try {
        thrower();
    } catch (...) {
        return QString::fromStdString(models::describeCurrentException());
    }
    return QString();
}

} // namespace

class TestTrainingFailures : public QObject {
    Q_OBJECT
private slots:
    void faultSpecification_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QString>("phase");
        QTest::addColumn<int>("step"); // 0: no fault
        QTest::addColumn<int>("kind");
        const int oom = int(models::InjectedFaultKind::GpuOutOfMemory);
        QTest::newRow("default kind") << QByteArray("retraining@3") << "retraining" << 3 << oom;
        QTest::newRow("bad-alloc") << QByteArray("pre-training@7:bad-alloc") << "pre-training" << 7
                                   << int(models::InjectedFaultKind::BadAlloc);
        QTest::newRow("host-oom") << QByteArray("retraining@2:host-oom") << "retraining" << 2
                                  << int(models::InjectedFaultKind::HostOutOfMemory);
        QTest::newRow("phase with spaces") << QByteArray("IAD round 2@1:error") << "IAD round 2"
                                           << 1 << int(models::InjectedFaultKind::TorchError);
        QTest::newRow("other phase") << QByteArray("retraining@3") << "pre-training" << 0 << 0;
        QTest::newRow("phase prefix") << QByteArray("retrain@3") << "retraining" << 0 << 0;
        QTest::newRow("step 0") << QByteArray("retraining@0") << "retraining" << 0 << 0;
        QTest::newRow("no step") << QByteArray("retraining") << "retraining" << 0 << 0;
        QTest::newRow("unknown kind") << QByteArray("retraining@3:segv") << "retraining" << 0 << 0;
    }
    void faultSpecification()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QString, phase);
        QFETCH(int, step);
        QFETCH(int, kind);
        InjectedFault set(spec);
        const auto fault = models::injectedFaultFor(phase.toStdString());
        QCOMPARE(fault.has_value(), step > 0);
        if (fault) {
            QCOMPARE(fault->step, step);
            QCOMPARE(int(fault->kind), kind);
        }
    }

    void noVariableNoFault()
    {
        qunsetenv(kFaultVariable);
        QVERIFY(!models::injectedFaultFor("retraining"));
    }

    void descriptions_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("gpu-oom") << int(models::InjectedFaultKind::GpuOutOfMemory)
                                 << "out of GPU memory — retry on the CPU?";
        QTest::newRow("host-oom, torch's own allocator")
            << int(models::InjectedFaultKind::HostOutOfMemory)
            << "out of memory — close other programs or use a smaller data set";
        QTest::newRow("bad-alloc")
            << int(models::InjectedFaultKind::BadAlloc)
            << "out of memory — close other programs or use a smaller data set";
        QTest::newRow("torch error") << int(models::InjectedFaultKind::TorchError)
                                     << "an injected torch error (injected by "
                                        "FAIRREVIEW_INJECT_FAULT)";
    }
    void descriptions()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const models::InjectedFault fault {1, static_cast<models::InjectedFaultKind>(kind)};
        QCOMPARE(describeThrow([&] { models::throwInjectedFault(fault); }), expected);
    }

    void otherExceptions()
    {
        QCOMPARE(describeThrow([] { throw std::runtime_error("first line\nsecond line"); }),
            QString("first line"));
        QCOMPARE(describeThrow([] { throw 42; }),
            QString("an unexpected error that carries no message"));
        QVERIFY(!QString::fromStdString(models::describeCurrentException()).isEmpty());
        const Status guarded = models::callGuarded(
            "scoring", []() -> Status { throw std::runtime_error("no memory left"); });
        QCOMPARE(
            QString::fromStdString(guarded.error()), QString("scoring stopped: no memory left"));
        QCOMPARE(int(guarded.code()), int(ErrorCode::Failed));
    }

    // Rows 0..59 with their truth: both classes, so that the UAI head's loss takes part.
    void failedUpdateKeepsTheModel_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<int>("threads");
        QTest::addColumn<QString>("description");
        // Two intra-op threads put the head's loss on the helper thread (unsupervised_trainer.cpp):
        // the throw then happens while that thread runs, which once called std::terminate.
        QTest::newRow("gpu-oom, helper thread")
            << QByteArray("gpu-oom") << 2 << "out of GPU memory — retry on the CPU?";
        QTest::newRow("bad-alloc, one thread") << QByteArray(
            "bad-alloc") << 1 << "out of memory — close other programs or use a smaller data set";
        QTest::newRow("torch error, helper thread") << QByteArray(
            "error") << 2 << "an injected torch error (injected by FAIRREVIEW_INJECT_FAULT)";
    }
    void failedUpdateKeepsTheModel()
    {
        QFETCH(QByteArray, kind);
        QFETCH(int, threads);
        QFETCH(QString, description);
        auto data = test::syntheticDataset(600, 20);
        auto detector = makeDetector(data, ModelKind::UaiNet, threads);
        QVERIFY(detector);
        CancelToken cancel;
        QVERIFY(detector->pretrain(cancel).ok());
        const test::TruthLabels first = test::firstRowsByTruth(*data, 60);
        QVERIFY(detector->update(first.rows, first.labels, cancel).ok());
        auto before = detector->scoreAll(true);
        QVERIFY(before.ok());

        Status failed = Status::success();
        {
            InjectedFault set("retraining@3:" + kind);
            failed = detector->update(first.rows, first.labels, cancel);
        }
        QVERIFY(!failed.ok());
        QCOMPARE(int(failed.code()), int(ErrorCode::Failed));
        QCOMPARE(QString::fromStdString(failed.error()),
            "retraining stopped at step 3 of 20: " + description);
        auto after = detector->scoreAll(true);
        QVERIFY(after.ok());
        QCOMPARE(after.value().score, before.value().score);
        QCOMPARE(after.value().probability, before.value().probability);
        QVERIFY(detector->update(first.rows, first.labels, cancel).ok()); // and it trains on
    }

    void cancelledUpdateIsACode()
    {
        auto data = test::syntheticDataset(300, 10);
        auto detector = makeDetector(data, ModelKind::UaiNet, 1);
        QVERIFY(detector);
        CancelToken cancel;
        QVERIFY(detector->pretrain(cancel).ok());
        cancel.cancel();
        const Status s = detector->update({0, 1}, {1, 0}, cancel);
        QVERIFY(s.isCancelled());
    }

    // A failed pre-training leaves the network as create() built it: the next attempt gives
    // exactly what a fresh detector's first one gives.
    void failedPretrainStartsAfresh()
    {
        auto data = test::syntheticDataset(400, 12);
        auto failing = makeDetector(data, ModelKind::Dae, 1);
        QVERIFY(failing);
        CancelToken cancel;
        Status failed = Status::success();
        {
            InjectedFault set("pre-training@50:bad-alloc");
            failed = failing->pretrain(cancel);
        }
        QVERIFY(!failed.ok());
        QVERIFY(QString::fromStdString(failed.error())
                    .startsWith("pre-training stopped at step 50 of 100: out of memory"));
        QVERIFY(!failing->learningRateFellBack()); // an exception is not a divergence
        QVERIFY(failing->pretrain(cancel).ok());
        auto retried = failing->scoreAll(false);
        QVERIFY(retried.ok());

        auto fresh = makeDetector(data, ModelKind::Dae, 1);
        QVERIFY(fresh);
        QVERIFY(fresh->pretrain(cancel).ok());
        auto expected = fresh->scoreAll(false);
        QVERIFY(expected.ok());
        QCOMPARE(retried.value().score, expected.value().score);
    }
};

QTEST_GUILESS_MAIN(TestTrainingFailures)
#include "tst_training_failures.moc"
