// Forward declarations of the LibTorch types that core/models' internal headers name, so that
// those headers stay free of torch (torch is included only by .cpp files).
#pragma once

namespace at {
class Tensor;
}
namespace fr {
class TensorBundle; // util/tensor_bundle.h, the checkpoint format
}
namespace torch::nn {
class Module;
}
