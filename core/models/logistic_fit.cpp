// Newton's method for the head's logistic regression (logistic_fit.h).
#include "models/logistic_fit.h"

#include <algorithm>
#include <cmath>

namespace fr::models {

namespace {

constexpr int kMaxIterations = 50;
constexpr double kStepTolerance = 1e-7;
constexpr double kBiasRidge = 1e-8; // keeps the Hessian definite when one class is absent

double sigmoid(double z)
{
    return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

// log(1 + e^z) without overflow.
double softplus(double z)
{
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

// Solves A x = b in place for a symmetric positive definite A (n x n, row-major) by Cholesky.
bool solveSpd(std::vector<double>& a, std::vector<double>& b, int64_t n)
{
    for (int64_t j = 0; j < n; ++j) {
        double diag = a[j * n + j];
        for (int64_t k = 0; k < j; ++k)
            diag -= a[j * n + k] * a[j * n + k];
        if (!(diag > 0.0))
            return false;
        diag = std::sqrt(diag);
        a[j * n + j] = diag;
        for (int64_t i = j + 1; i < n; ++i) {
            double v = a[i * n + j];
            for (int64_t k = 0; k < j; ++k)
                v -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = v / diag;
        }
    }
    for (int64_t i = 0; i < n; ++i) { // L y = b
        for (int64_t k = 0; k < i; ++k)
            b[i] -= a[i * n + k] * b[k];
        b[i] /= a[i * n + i];
    }
    for (int64_t i = n - 1; i >= 0; --i) { // L^T x = y
        for (int64_t k = i + 1; k < n; ++k)
            b[i] -= a[k * n + i] * b[k];
        b[i] /= a[i * n + i];
    }
    return true;
}

struct Problem {
    const std::vector<float>& f;
    int64_t dim;
    const std::vector<int8_t>& y;
    std::vector<double> c; // class weights
    const std::vector<double>& prior;
    double lambda;

    // theta = [w; b]
    double logit(const std::vector<double>& theta, int64_t row) const
    {
        double z = theta[dim];
        const float* x = f.data() + row * dim;
        for (int64_t j = 0; j < dim; ++j)
            z += theta[j] * x[j];
        return z;
    }

    double objective(const std::vector<double>& theta) const
    {
        double loss = 0.0;
        for (size_t i = 0; i < y.size(); ++i) {
            const double z = logit(theta, static_cast<int64_t>(i));
            loss += c[i] * (softplus(z) - (y[i] == 1 ? z : 0.0));
        }
        for (int64_t j = 0; j < dim; ++j)
            loss += lambda * (theta[j] - prior[j]) * (theta[j] - prior[j]);
        return loss;
    }
};

std::vector<double> classWeights(const std::vector<int8_t>& labels)
{
    const double n = static_cast<double>(labels.size());
    const double positives = static_cast<double>(std::count(labels.begin(), labels.end(), 1));
    const double negatives = n - positives;
    std::vector<double> c(labels.size(), 1.0);
    if (positives == 0.0 || negatives == 0.0)
        return c;
    for (size_t i = 0; i < labels.size(); ++i)
        c[i] = labels[i] == 1 ? n / (2.0 * positives) : n / (2.0 * negatives);
    return c;
}

} // namespace

LogisticFit fitLogistic(const std::vector<float>& features, int64_t dim,
    const std::vector<int8_t>& labels, const std::vector<double>& prior, double lambda,
    const LogisticFit& start)
{
    const Problem problem {features, dim, labels, classWeights(labels), prior, lambda};
    const int64_t p = dim + 1;
    std::vector<double> theta(static_cast<size_t>(p), 0.0);
    for (int64_t j = 0; j < dim; ++j)
        theta[j] = j < static_cast<int64_t>(start.weights.size()) ? start.weights[j] : prior[j];
    theta[dim] = start.bias;
    LogisticFit fit;
    double current = problem.objective(theta);
    for (int it = 0; it < kMaxIterations; ++it) {
        std::vector<double> grad(static_cast<size_t>(p), 0.0), hess(static_cast<size_t>(p * p));
        for (size_t i = 0; i < labels.size(); ++i) {
            const int64_t row = static_cast<int64_t>(i);
            const double s = sigmoid(problem.logit(theta, row));
            const double g = problem.c[i] * (s - (labels[i] == 1 ? 1.0 : 0.0));
            const double h = problem.c[i] * s * (1.0 - s);
            const float* x = features.data() + row * dim;
            for (int64_t a = 0; a < p; ++a) {
                const double xa = a < dim ? x[a] : 1.0;
                grad[a] += g * xa;
                for (int64_t b = 0; b <= a; ++b)
                    hess[a * p + b] += h * xa * (b < dim ? x[b] : 1.0);
            }
        }
        for (int64_t a = 0; a < p; ++a)
            for (int64_t b = 0; b < a; ++b)
                hess[b * p + a] = hess[a * p + b];
        for (int64_t j = 0; j < dim; ++j) {
            grad[j] += 2.0 * lambda * (theta[j] - prior[j]);
            hess[j * p + j] += 2.0 * lambda;
        }
        hess[dim * p + dim] += kBiasRidge;
        std::vector<double> step = grad;
        if (!solveSpd(hess, step, p))
            break;
        // Backtracking: the full Newton step, halved until the objective does not rise.
        double scale = 1.0, next = current;
        std::vector<double> candidate(theta.size());
        for (int half = 0; half < 30; ++half, scale *= 0.5) {
            for (int64_t j = 0; j < p; ++j)
                candidate[j] = theta[j] - scale * step[j];
            next = problem.objective(candidate);
            if (next <= current)
                break;
        }
        if (!(next <= current))
            break;
        double moved = 0.0;
        for (int64_t j = 0; j < p; ++j)
            moved = std::max(moved, std::abs(candidate[j] - theta[j]));
        theta = candidate;
        current = next;
        fit.iterations = it + 1;
        if (moved < kStepTolerance) {
            fit.converged = true;
            break;
        }
    }
    fit.weights.assign(theta.begin(), theta.begin() + dim);
    fit.bias = theta[dim];
    return fit;
}

} // namespace fr::models
