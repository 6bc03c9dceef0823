// RMSprop and Adam over flat parameter and gradient buffers (flat_optimizer.h).
#include "models/flat_optimizer.h"

#include "models/checkpoint_bundle.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace fr::models {

// Measured at about a fifth of a DAE training step on the CPU compared with per-tensor updates
// (ALGORITHMS.md §2 asks for 100 steps per labelled batch within an interactive round);
// tst_flat_optimizer checks the parameters against torch::optim::RMSprop and Adam.
struct FlatOptimizer::Impl {
    std::vector<at::Tensor> params;
    at::Tensor flat, grad, first, second; // values, gradients, optimiser moments
    int64_t steps = 0;

    int64_t numel() const
    {
        int64_t n = 0;
        for (const at::Tensor& p : params)
            n += p.numel();
        return n;
    }

    // True while every parameter and gradient still lives inside the flat buffers.
    bool bound() const
    {
        if (!flat.defined())
            return params.empty();
        int64_t offset = 0;
        for (const at::Tensor& p : params) {
            if (p.data_ptr() != static_cast<void*>(flat.data_ptr<float>() + offset)
                || !p.grad().defined()
                || p.grad().data_ptr() != static_cast<void*>(grad.data_ptr<float>() + offset))
                return false;
            offset += p.numel();
        }
        return true;
    }

    // Moves the parameters' current values into fresh flat buffers; keeps the moments when
    // their size still fits.
    void bind()
    {
        if (params.empty())
            return;
        torch::NoGradGuard noGrad;
        const int64_t total = numel();
        auto options = params.front().options().requires_grad(false);
        flat = torch::empty({total}, options);
        grad = torch::zeros({total}, options);
        int64_t offset = 0;
        for (at::Tensor& p : params) {
            const int64_t n = p.numel();
            flat.slice(0, offset, offset + n).copy_(p.detach().reshape({-1}));
            p.set_data(flat.slice(0, offset, offset + n).view(p.sizes()));
            p.mutable_grad() = grad.slice(0, offset, offset + n).view(p.sizes());
            offset += n;
        }
        if (!first.defined() || first.numel() != total || first.device() != flat.device())
            resetState();
    }

    void resetState()
    {
        if (!flat.defined())
            return;
        first = torch::zeros_like(flat);
        second = torch::zeros_like(flat);
        steps = 0;
    }

    // The same operations, in the same order, as torch::optim's RMSprop::step and Adam::step
    // (LibTorch 1.13), so that the results agree to float rounding.
    void step(OptimizerKind kind, double lr)
    {
        torch::NoGradGuard noGrad;
        ++steps;
        if (kind == OptimizerKind::RmsProp) {
            constexpr double alpha = 0.99, eps = 1e-8;
            first.mul_(alpha).addcmul_(grad, grad, 1.0 - alpha);
            flat.addcdiv_(grad, first.sqrt().add_(eps), -lr);
            return;
        }
        constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        first.mul_(beta1).add_(grad, 1.0 - beta1);
        second.mul_(beta2).addcmul_(grad, grad, 1.0 - beta2);
        const double correction1 = 1.0 - std::pow(beta1, static_cast<double>(steps));
        const double correction2 = 1.0 - std::pow(beta2, static_cast<double>(steps));
        at::Tensor denominator = (second.sqrt() / std::sqrt(correction2)).add_(eps);
        flat.addcdiv_(first, denominator, -lr / correction1);
    }
};

FlatOptimizer::FlatOptimizer(const std::vector<at::Tensor>& parameters)
    : d(std::make_unique<Impl>())
{
    d->params = parameters;
    d->bind();
}

FlatOptimizer::~FlatOptimizer() = default;

bool FlatOptimizer::empty() const
{
    return d->params.empty();
}

void FlatOptimizer::ensureBound()
{
    if (!d->bound())
        d->bind();
}

void FlatOptimizer::zeroGrad()
{
    if (d->grad.defined())
        d->grad.zero_();
}

void FlatOptimizer::step(OptimizerKind kind, double learningRate)
{
    if (d->flat.defined())
        d->step(kind, learningRate);
}

void FlatOptimizer::resetState()
{
    d->resetState();
}

void FlatOptimizer::save(TensorBundle& bundle, const std::string& prefix) const
{
    if (!d->flat.defined())
        return;
    putTensor(bundle, prefix + ".first", d->first);
    putTensor(bundle, prefix + ".second", d->second);
    putTensor(bundle, prefix + ".steps", torch::tensor({d->steps}, torch::kLong));
}

void FlatOptimizer::load(const TensorBundle& bundle, const std::string& prefix)
{
    if (!d->flat.defined())
        return;
    // Filled in copies first, so that a checkpoint that does not fit leaves the state as it was.
    at::Tensor first = torch::empty({d->flat.numel()}, d->flat.options());
    at::Tensor second = torch::empty({d->flat.numel()}, d->flat.options());
    at::Tensor steps = torch::zeros({1}, torch::kLong);
    takeInto(bundle, prefix + ".first", first);
    takeInto(bundle, prefix + ".second", second);
    takeInto(bundle, prefix + ".steps", steps);
    if (steps.item<int64_t>() < 0)
        throw std::runtime_error("the checkpoint's '" + prefix + ".steps' is negative");
    d->first = first;
    d->second = second;
    d->steps = steps.item<int64_t>();
}

} // namespace fr::models
