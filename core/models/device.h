// Device choice (ARCHITECTURE.md: CUDA when present, else CPU), resolved once per model.
#pragma once

#include "models/model_options.h"
#include "util/result.h"

#include <string>

namespace fr::models {

bool cudaAvailable();
// "cpu" or "cuda"; Auto picks CUDA when torch sees a device. Cuda without one is an error.
Result<std::string> resolveDevice(DeviceChoice choice);
// Sizes torch's intra-op pool: threads > 0 as given, 0 = all cores but one (at least 1), -1 = all.
void configureIntraOpThreads(int threads);

} // namespace fr::models
