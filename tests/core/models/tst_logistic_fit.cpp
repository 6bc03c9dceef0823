// Tests for the head's prior-centred logistic regression (logistic_fit.h): the optimum's gradient
// is zero (checked by hand on the objective), a huge lambda keeps the prior, lambda 0 on
// separable-by-noise data follows the labels, one class only, and a warm start reaches the same
// optimum.
#include "models/logistic_fit.h"

#include <QtTest>
#include <cmath>
#include <random>

using fr::models::fitLogistic;
using fr::models::LogisticFit;

namespace {

struct Toy {
    std::vector<float> f; // rows x 2
    std::vector<int8_t> y;
};

// Two features: the first predicts the label, the second is noise.
Toy toy(int rows, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    Toy t;
    for (int i = 0; i < rows; ++i) {
        const int8_t label = i % 4 == 0 ? 1 : 0;
        t.y.push_back(label);
        t.f.push_back(noise(rng) + (label ? 1.5f : 0.0f));
        t.f.push_back(noise(rng));
    }
    return t;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

// The objective's gradient at (w, b), computed here independently of the solver.
std::vector<double> gradient(
    const Toy& t, const LogisticFit& fit, const std::vector<double>& prior, double lambda)
{
    const double n = static_cast<double>(t.y.size());
    const double pos = std::count(t.y.begin(), t.y.end(), 1), neg = n - pos;
    std::vector<double> g(3, 0.0);
    for (size_t i = 0; i < t.y.size(); ++i) {
        const double c = t.y[i] ? n / (2 * pos) : n / (2 * neg);
        const double z = fit.weights[0] * t.f[2 * i] + fit.weights[1] * t.f[2 * i + 1] + fit.bias;
        const double r = c * (sigmoid(z) - t.y[i]);
        g[0] += r * t.f[2 * i];
        g[1] += r * t.f[2 * i + 1];
        g[2] += r;
    }
    for (int j = 0; j < 2; ++j)
        g[j] += 2 * lambda * (fit.weights[j] - prior[j]);
    return g;
}

} // namespace

class TestLogisticFit : public QObject {
    Q_OBJECT
private slots:
    void optimumHasZeroGradient_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::newRow("lambda 0.1") << 0.1;
        QTest::newRow("lambda 1") << 1.0;
        QTest::newRow("lambda 50") << 50.0;
    }
    void optimumHasZeroGradient()
    {
        QFETCH(double, lambda);
        const Toy t = toy(200, 1);
        const std::vector<double> prior {0.0, 1.0};
        const LogisticFit fit = fitLogistic(t.f, 2, t.y, prior, lambda, LogisticFit {});
        QVERIFY(fit.converged);
        for (double g : gradient(t, fit, prior, lambda))
            QVERIFY2(std::abs(g) < 1e-6, qPrintable(QString::number(g)));
        QVERIFY(fit.weights[0] > 0.0); // the informative feature counts for the anomalies
    }

    // A prior worth a million labels is kept; without one the noise feature's prior weight of
    // 1 is dropped towards 0.
    void lambdaSetsHowFarLabelsMoveThePrior()
    {
        const Toy t = toy(400, 2);
        const std::vector<double> prior {0.0, 1.0};
        const LogisticFit held = fitLogistic(t.f, 2, t.y, prior, 1e6, LogisticFit {});
        QVERIFY(std::abs(held.weights[0]) < 1e-3 && std::abs(held.weights[1] - 1.0) < 1e-3);
        const LogisticFit free = fitLogistic(t.f, 2, t.y, prior, 1e-3, LogisticFit {});
        QVERIFY(std::abs(free.weights[1]) < 0.3);
        QVERIFY(free.weights[0] > 1.0);
    }

    void warmStartReachesTheSameOptimum()
    {
        const Toy t = toy(200, 3);
        const std::vector<double> prior {0.0, 0.0};
        const LogisticFit cold = fitLogistic(t.f, 2, t.y, prior, 1.0, LogisticFit {});
        LogisticFit start;
        start.weights = {5.0, -5.0};
        start.bias = 3.0;
        const LogisticFit warm = fitLogistic(t.f, 2, t.y, prior, 1.0, start);
        for (int j = 0; j < 2; ++j)
            QVERIFY(std::abs(cold.weights[j] - warm.weights[j]) < 1e-6);
        QVERIFY(std::abs(cold.bias - warm.bias) < 1e-6);
    }

    // Anomalies only: the weights stay at the prior (lambda keeps them), the bias grows.
    void oneClassOnlyIsFinite()
    {
        Toy t = toy(40, 4);
        std::fill(t.y.begin(), t.y.end(), 1);
        const LogisticFit fit = fitLogistic(t.f, 2, t.y, {0.0, 1.0}, 1.0, LogisticFit {});
        QVERIFY(std::isfinite(fit.bias) && fit.bias > 0.0);
        for (double w : fit.weights)
            QVERIFY(std::isfinite(w));
    }
};

QTEST_GUILESS_MAIN(TestLogisticFit)
#include "tst_logistic_fit.moc"
