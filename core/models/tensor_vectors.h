// Between tensors and plain float vectors, for core/models' .cpp files (the detector's outputs,
// the losses' plain-C++ overloads). Tensors are forward-declared (torch_forward.h).
#pragma once

#include "models/torch_forward.h"

#include <cstdint>
#include <vector>

namespace fr::models {

// The values of t (any device, any floating type), detached, in row-major order; empty for an
// undefined tensor.
std::vector<float> toFloatVector(const at::Tensor& t);

// The rows labelled 1 (anomaly), in the order given: rows and labels are parallel.
std::vector<int64_t> anomalyRows(
    const std::vector<int64_t>& rows, const std::vector<int8_t>& labels);

} // namespace fr::models
