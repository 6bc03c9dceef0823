// Tensors into and out of the checkpoint format (checkpoint_bundle.h).
#include "models/checkpoint_bundle.h"

#include <torch/torch.h>

#include <cstring>
#include <stdexcept>

namespace fr::models {
namespace {

BundleType bundleType(at::ScalarType dtype)
{
    switch (dtype) {
    case torch::kFloat:
        return BundleType::Float32;
    case torch::kDouble:
        return BundleType::Float64;
    case torch::kLong:
        return BundleType::Int64;
    default:
        throw std::invalid_argument(
            std::string("a checkpoint cannot hold tensors of type ") + c10::toString(dtype));
    }
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "x" : "") + std::to_string(shape[i]);
    return text + "]";
}

const BundleArray& arrayOfType(
    const TensorBundle& bundle, const std::string& name, at::ScalarType dtype)
{
    const BundleArray* array = bundle.find(name);
    if (!array)
        throw std::runtime_error("the checkpoint has no '" + name + "'");
    if (array->type != bundleType(dtype))
        throw std::runtime_error("the checkpoint's '" + name + "' has another element type");
    return *array;
}

at::Tensor cpuTensor(const BundleArray& array, at::ScalarType dtype)
{
    at::Tensor t = torch::empty(array.shape, torch::TensorOptions().dtype(dtype));
    if (!array.bytes.empty())
        std::memcpy(t.data_ptr(), array.bytes.data(), array.bytes.size());
    return t;
}

} // namespace

void putTensor(TensorBundle& bundle, const std::string& name, const at::Tensor& t)
{
    const at::Tensor cpu = t.detach().to(torch::kCPU).contiguous();
    BundleArray array;
    array.type = bundleType(cpu.scalar_type());
    array.shape = cpu.sizes().vec();
    const auto* bytes = static_cast<const uint8_t*>(cpu.data_ptr());
    array.bytes.assign(bytes, bytes + cpu.numel() * cpu.element_size());
    bundle.put(name, std::move(array));
}

void takeInto(const TensorBundle& bundle, const std::string& name, at::Tensor& target)
{
    const BundleArray& array = arrayOfType(bundle, name, target.scalar_type());
    if (array.shape != target.sizes().vec())
        throw std::runtime_error("the checkpoint's '" + name + "' has shape "
            + shapeText(array.shape) + ", the model " + shapeText(target.sizes().vec()));
    torch::NoGradGuard noGrad;
    target.copy_(cpuTensor(array, target.scalar_type()));
}

void putModule(TensorBundle& bundle, const std::string& prefix, const torch::nn::Module& module)
{
    for (const auto& p : module.named_parameters())
        putTensor(bundle, prefix + "." + p.key(), p.value());
    for (const auto& b : module.named_buffers())
        putTensor(bundle, prefix + "." + b.key(), b.value());
}

void takeModule(const TensorBundle& bundle, const std::string& prefix, torch::nn::Module& module)
{
    for (auto& p : module.named_parameters())
        takeInto(bundle, prefix + "." + p.key(), p.value());
    for (auto& b : module.named_buffers())
        takeInto(bundle, prefix + "." + b.key(), b.value());
}

} // namespace fr::models
