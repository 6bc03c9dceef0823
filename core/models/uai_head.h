// The UAI head of UaiNets (ALGORITHMS.md §3): a logistic regression on [l(x); s~(x)], where s~ are
// the base scores (one for the published UaiNet, the autoencoder's and the Isolation Forest's for
// the product's loop, §8), each standardised over the data set and detached, so that the gradient
// reaches the encoder through the latent code l only. Tensors are forward-declared (see
// autoencoder_net.h); uaiLossCheck() runs the same code on plain vectors for tests.
#pragma once

#include "models/torch_forward.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace fr::models {

class UaiHead {
public:
    // Starts as the label-free ranking: scoreWeights on the standardised scores (the prior, §8;
    // {1} for the published UaiNet), 0 on the latent code, bias 0, so that the first labels refine
    // what the base scores know instead of starting from nothing (decision; the paper leaves the
    // initialisation open).
    // featureDim: columns of the preprocessed row the head also sees (0: none, as published).
    UaiHead(int64_t latentDim, int64_t featureDim, const std::vector<float>& scoreWeights);
    ~UaiHead();
    UaiHead(const UaiHead&) = delete;
    UaiHead& operator=(const UaiHead&) = delete;

    // Logit per row from latent (n x latentDim), the rows themselves (n x featureDim; ignored when
    // featureDim is 0) and the standardised scores (n x scoreCount, detached here).
    at::Tensor logits(const at::Tensor& latent, const at::Tensor& features,
        const at::Tensor& standardisedScores) const;
    int64_t featureDim() const;
    int64_t scoreCount() const;
    // The weights (latent, features, scores in that order) and bias as plain numbers, the weights
    // it started as, and setting them: the product's head is fitted outside torch (§8).
    std::vector<double> weights() const;
    double bias() const;
    std::vector<double> startWeights() const;
    void setWeights(const std::vector<double>& weights, double bias);

    std::vector<at::Tensor> parameters();
    void moveToCuda(bool cuda);
    void save(TensorBundle& bundle, const std::string& prefix) const;
    void load(const TensorBundle& bundle, const std::string& prefix);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Binary cross-entropy with logits, class-weighted (ALGORITHMS.md §3 decision): each class
// carries half of the total weight, w = n / (2 n_class); with one class only, plain mean.
// labels: float 0/1 per row.
at::Tensor uaiLoss(const at::Tensor& logits, const at::Tensor& labels);
// The class weights uaiLoss uses, per row of labels (float 0/1).
at::Tensor uaiClassWeights(const at::Tensor& labels);
// The same loss on a uniform sample of the labelled rows, with the weights computed over all of
// them: an unbiased estimate of uaiLoss over every labelled row.
at::Tensor uaiLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& weights);

// The head's loss and its gradients on plain vectors (for tests): latent is rows x dim
// row-major, headWeights has dim + 1 entries (the last one multiplies s~).
struct UaiLossCheck {
    double loss = 0.0;
    std::vector<float> gradLatent; // rows x dim
    std::vector<float> gradScore; // rows; zero when the score is detached
    std::vector<float> gradHeadWeights;
    float gradHeadBias = 0.0f;
};
UaiLossCheck uaiLossCheck(const std::vector<float>& latent, int64_t dim,
    const std::vector<float>& score, double scoreMean, double scoreStd,
    const std::vector<int8_t>& labels, const std::vector<float>& headWeights, float headBias);

} // namespace fr::models
