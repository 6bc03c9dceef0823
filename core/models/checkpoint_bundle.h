// Between torch tensors and a TensorBundle (util/tensor_bundle.h), the checkpoint format: a model
// writes its parameters and state into a bundle under a prefix and reads them back, each read
// checking the stored array's type and shape against the tensor it fills (a checkpoint of another
// model fails here with the array's name, never inside torch). Internal to core/models.
#pragma once

#include "models/torch_forward.h"
#include "util/tensor_bundle.h"

#include <string>

namespace fr::models {

// Stores t (float32, float64 or int64; any device) as name.
void putTensor(TensorBundle& bundle, const std::string& name, const at::Tensor& t);
// Copies the array called name into target (in place: views of target stay valid); throws
// std::runtime_error when it is missing, of another type or of another shape.
void takeInto(const TensorBundle& bundle, const std::string& name, at::Tensor& target);

// Every parameter and buffer of module, as prefix + "." + its name.
void putModule(TensorBundle& bundle, const std::string& prefix, const torch::nn::Module& module);
// Fills every parameter and buffer of module from the bundle (takeInto).
void takeModule(const TensorBundle& bundle, const std::string& prefix, torch::nn::Module& module);

} // namespace fr::models
