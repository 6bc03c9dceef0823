// A weighted logistic regression with a Gaussian prior on its weights, solved to convergence by
// Newton's method: the product's UAI head (ALGORITHMS.md §8). Minimises
//   sum_i c_i BCE(sigmoid(f_i . w + b), y_i) + lambda ||w - w0||^2,
// with c_i the class weights (each class carries half of the total weight), the bias free. The
// prior w0 is the label-free ranking the head starts as, and lambda is how many labels it is
// worth: a few labels move the ranking only as far as they can justify. Plain C++.
#pragma once

#include <cstdint>
#include <vector>

namespace fr::models {

struct LogisticFit {
    std::vector<double> weights;
    double bias = 0.0;
    int iterations = 0;
    bool converged = false;
};

// features: rows x dim row-major; labels 0/1 per row; start: the weights (and bias) to begin from
// (a warm start, e.g. the last round's), prior: w0. With one class only, the class weights are 1.
LogisticFit fitLogistic(const std::vector<float>& features, int64_t dim,
    const std::vector<int8_t>& labels, const std::vector<double>& prior, double lambda,
    const LogisticFit& start);

} // namespace fr::models
