// Shared by the core/metrics tests: comparing figures that may be NaN, and a seeded synthetic
// ranking for the speed and property checks.
#pragma once

#include <QtTest>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

// Exact-up-to-rounding comparison that treats NaN == NaN (a metric's "undefined").
#define COMPARE_FIGURE(actual, expected)                                                           \
    do {                                                                                           \
        const double a_ = (actual), e_ = (expected);                                               \
        if (std::isnan(e_))                                                                        \
            QVERIFY2(std::isnan(a_), qPrintable(QString("expected NaN, got %1").arg(a_)));         \
        else                                                                                       \
            QVERIFY2(std::abs(a_ - e_) <= 1e-12,                                                   \
                qPrintable(                                                                        \
                    QString("expected %1, got %2").arg(e_, 0, 'g', 17).arg(a_, 0, 'g', 17)));      \
    } while (false)

inline double nan()
{
    return std::nan("");
}

struct SyntheticRanking {
    std::vector<float> scores;
    std::vector<int8_t> truth;
    std::vector<int> groups;
};

// Scores on a coarse grid (so that there are many ties), anomalies scoring higher on average,
// and the protected group 1 (30% of rows) a little harder to detect.
inline SyntheticRanking syntheticRanking(size_t rows, double anomalyShare, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);
    SyntheticRanking data;
    for (size_t i = 0; i < rows; ++i) {
        const int group = unit(rng) < 0.3 ? 1 : 0;
        const int8_t anomaly = unit(rng) < anomalyShare ? 1 : 0;
        const double mean = anomaly ? (group ? 1.0 : 2.0) : 0.0;
        data.scores.push_back(static_cast<float>(std::round((mean + noise(rng)) * 20.0) / 20.0));
        data.truth.push_back(anomaly);
        data.groups.push_back(group);
    }
    return data;
}
