// The training loop's optimiser against torch::optim: FlatOptimizer says it applies the update
// rules and defaults of torch::optim::RMSprop and Adam (ALGORITHMS.md §2), so 50 steps on the same
// small net from the same start and data must give the same parameters up to float rounding.
#include "flat_optimizer_torch.h"

#include <QtTest>

using namespace fr;

Q_DECLARE_METATYPE(fr::models::OptimizerKind)

namespace {
constexpr int kSteps = 50; // issue 12: "50 steps of RMSprop and Adam"
constexpr double kTolerance = 1e-6; // largest |parameter difference| allowed at any step
} // namespace

class TestFlatOptimizer : public QObject {
    Q_OBJECT
private slots:
    void matchesTorchOptim_data()
    {
        QTest::addColumn<models::OptimizerKind>("kind");
        QTest::addColumn<double>("learningRate");
        // The learning rates the recipes use (ALGORITHMS.md §2.1, §2.2) and the §2.1 fallback.
        QTest::newRow("rmsprop lr 0.01") << models::OptimizerKind::RmsProp << 0.01;
        QTest::newRow("rmsprop lr 1e-3") << models::OptimizerKind::RmsProp << 1e-3;
        QTest::newRow("adam lr 1e-3") << models::OptimizerKind::Adam << 1e-3;
        QTest::newRow("adam lr 0.01") << models::OptimizerKind::Adam << 0.01;
    }
    void matchesTorchOptim()
    {
        QFETCH(models::OptimizerKind, kind);
        QFETCH(double, learningRate);
        const test::OptimizerAgreement agreement
            = test::compareWithTorchOptim(kind, learningRate, kSteps, 11);
        qInfo("max |FlatOptimizer - torch::optim| = %.3g over %d steps (parameters moved by up to "
              "%.3g)",
            agreement.maxAbsDifference, kSteps, agreement.maxAbsChange);
        // Agreement means something only if the parameters really moved.
        QVERIFY2(agreement.maxAbsChange > 1000 * kTolerance,
            qPrintable(QString("the parameters moved by only %1").arg(agreement.maxAbsChange)));
        QVERIFY2(agreement.maxAbsDifference <= kTolerance,
            qPrintable(QString("FlatOptimizer is %1 away from torch::optim")
                           .arg(agreement.maxAbsDifference)));
    }
};

QTEST_GUILESS_MAIN(TestFlatOptimizer)
#include "tst_flat_optimizer.moc"
