// The internal seam of core/models: a base detector's network with its own unsupervised loss
// (DAE, plain AE, FADIG and its ablations). Tensors are only forward-declared so that this header
// stays free of torch; only core/models and core/active .cpp files use it.
#pragma once

#include "models/model_options.h"
#include "models/torch_forward.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fr::models {

enum class OptimizerKind { RmsProp, Adam };

struct TrainingRecipe {
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    int batchSize = 256;
    int pretrainSteps = 5000;
    bool groupStratifiedBatches = false; // FADIG: every mini-batch holds every group
};

// Sizes a net is built for.
struct NetShape {
    int64_t inputDim = 0;
    int64_t rows = 0;
    int groupCount = 0; // 0 without a sensitive group
};

class AutoencoderNet {
public:
    virtual ~AutoencoderNet() = default;

    virtual int64_t latentDim() const = 0;
    virtual at::Tensor encode(const at::Tensor& x) = 0; // n x d -> n x latentDim
    virtual at::Tensor reconstruct(const at::Tensor& x) = 0; // n x d -> n x d (clean input)
    // Anomaly score per row on clean input, ||x - x_hat||^2: n x d -> n.
    virtual at::Tensor score(const at::Tensor& x) = 0;
    // The model's unsupervised loss on one mini-batch (ALGORITHMS.md §2): groups is an int64
    // tensor of group indices (all 0 without a group), weights a float tensor per row (0 excludes
    // the row: labelled anomalies, IAD). Returns a scalar.
    virtual at::Tensor unsupervisedLoss(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights)
        = 0;

    // Latent code and score of the same rows in one pass (scoring every row each round). The
    // default calls encode() and score(); a net whose score starts from its encoder overrides it.
    virtual void encodeAndScore(const at::Tensor& x, at::Tensor& latent, at::Tensor& score);

    virtual std::vector<at::Tensor> parameters() = 0;
    // The parameters with their module paths ("encoder.0.weight", ...), for exporting the network
    // as TorchScript (torchscript_export.h); empty for a net that does not say (the default).
    virtual std::vector<std::pair<std::string, at::Tensor>> namedParameters();
    virtual void setTraining(bool on) = 0;
    virtual void moveToCuda(bool cuda) = 0;
    // Parameters into and out of a checkpoint (checkpoint_bundle.h), under prefix.
    virtual void save(TensorBundle& bundle, const std::string& prefix) const = 0;
    virtual void load(const TensorBundle& bundle, const std::string& prefix) = 0;

    virtual TrainingRecipe recipe() const = 0;

    // Called by the trainer at the start of every train() call with the training rows x, their
    // weights (0: not trained on) and the rows the analyst (or the semi-supervised protocol)
    // confirmed as anomalies (n_a x d, possibly 0 rows). The nets that learn from confirmed
    // anomalies keep them for their loss (AA-BiGAN, Deep SAD: ALGORITHMS.md §7); Deep SAD also
    // fixes its centre from this first forward pass. The default ignores them.
    virtual void prepareTraining(
        const at::Tensor& x, const at::Tensor& weights, const at::Tensor& anomalies);
    // A net that steps its own optimisers (AA-BiGAN: the discriminator and the encoder-generator
    // pair in turn, each with its learning rate) returns true; the trainer then calls trainStep
    // on every mini-batch instead of unsupervisedLoss and its own optimiser, and builds no
    // optimiser over parameters(). The net saves its optimisers' state with its parameters.
    virtual bool stepsItself() const { return false; }
    // One training step on a mini-batch (as unsupervisedLoss); returns the loss it reports, and
    // leaves the parameters unchanged when that is not finite. Only for stepsItself() nets.
    virtual double trainStep(
        const at::Tensor& x, const at::Tensor& groups, const at::Tensor& weights);
};

// DAE for Dae/UaiNet; Ae, Fadig, FadigNoEps, FadigNoFac (and FadigUai's base) for the others;
// AA-BiGAN for AaBigan and AaBiganUai; Deep SAD for DeepSad.
std::unique_ptr<AutoencoderNet> makeAutoencoderNet(ModelKind kind, const NetShape& shape);

} // namespace fr::models
