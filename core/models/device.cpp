// Device choice and torch's thread pool sizing (ARCHITECTURE.md, "Threads").
#include "models/device.h"

#include <torch/torch.h>

#include <algorithm>
#include <dlfcn.h>
#include <thread>

namespace fr::models {

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

Result<std::string> resolveDevice(DeviceChoice choice)
{
    switch (choice) {
    case DeviceChoice::Cpu:
        return std::string("cpu");
    case DeviceChoice::Cuda:
        if (!cudaAvailable())
            return Result<std::string>::failure(
                "--device cuda was asked for, but LibTorch sees no CUDA device on this machine "
                "(use --device auto or cpu)");
        return std::string("cuda");
    case DeviceChoice::Auto:
        break;
    }
    return std::string(cudaAvailable() ? "cuda" : "cpu");
}

void configureIntraOpThreads(int threads)
{
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int wanted = threads > 0 ? threads : threads == 0 ? std::max(1, cores - 1) : cores;
    if (at::get_num_threads() != wanted)
        at::set_num_threads(wanted);
    // A LibTorch built on OpenBLAS's pthread variant (Debian's) runs a second, spinning thread
    // pool inside every matrix product, which fights torch's OpenMP pool and the GUI for the same
    // cores: measured 2-4x slower scoring on 2 shared cores. The parallelism is ours instead
    // (chunks scored in parallel by torch's pool), so OpenBLAS runs single-threaded.
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(1);
}

} // namespace fr::models
