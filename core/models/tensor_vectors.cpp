// Tensors to plain vectors (tensor_vectors.h).
#include "models/tensor_vectors.h"

#include <torch/torch.h>

namespace fr::models {

std::vector<float> toFloatVector(const at::Tensor& t)
{
    if (!t.defined())
        return {};
    at::Tensor c = t.detach().to(torch::kCPU, torch::kFloat).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::vector<int64_t> anomalyRows(
    const std::vector<int64_t>& rows, const std::vector<int8_t>& labels)
{
    std::vector<int64_t> out;
    for (size_t i = 0; i < rows.size() && i < labels.size(); ++i)
        if (labels[i] == 1)
            out.push_back(rows[i]);
    return out;
}

} // namespace fr::models
