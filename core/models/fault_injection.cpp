// The FAIRREVIEW_INJECT_FAULT debug hook (fault_injection.h).
#include "models/fault_injection.h"

#include <torch/torch.h>

#include <cstdlib>
#include <new>
#include <stdexcept>

namespace fr::models {

namespace {
constexpr const char* kVariable = "FAIRREVIEW_INJECT_FAULT";

std::optional<InjectedFaultKind> parseKind(const std::string& name)
{
    if (name.empty() || name == "gpu-oom")
        return InjectedFaultKind::GpuOutOfMemory;
    if (name == "host-oom")
        return InjectedFaultKind::HostOutOfMemory;
    if (name == "bad-alloc")
        return InjectedFaultKind::BadAlloc;
    if (name == "error")
        return InjectedFaultKind::TorchError;
    return std::nullopt;
}
} // namespace

std::optional<InjectedFault> injectedFaultFor(const std::string& phase)
{
    const char* value = std::getenv(kVariable);
    if (!value)
        return std::nullopt;
    const std::string spec = value;
    const size_t at = spec.rfind('@');
    if (at == std::string::npos || spec.compare(0, at, phase) != 0 || at != phase.size())
        return std::nullopt;
    const size_t colon = spec.find(':', at);
    const std::string step
        = spec.substr(at + 1, colon == std::string::npos ? colon : colon - at - 1);
    const auto kind = parseKind(colon == std::string::npos ? "" : spec.substr(colon + 1));
    char* end = nullptr;
    const long n = std::strtol(step.c_str(), &end, 10);
    if (!kind || step.empty() || *end != '\0' || n < 1)
        return std::nullopt;
    return InjectedFault {static_cast<int>(n), *kind};
}

void throwInjectedFault(const InjectedFault& fault)
{
    const std::string origin = std::string(" (injected by ") + kVariable + ")";
    switch (fault.kind) {
    case InjectedFaultKind::GpuOutOfMemory:
        TORCH_CHECK_WITH(
            OutOfMemoryError, false, "CUDA out of memory. Tried to allocate 2.00 GiB" + origin);
        break;
    case InjectedFaultKind::HostOutOfMemory: {
        // 2^60 bytes: more than any address space, so the allocator fails whatever the kernel's
        // overcommit policy, without touching memory.
        const at::Tensor tooLarge = torch::empty({int64_t(1) << 58}, torch::kFloat);
        throw std::logic_error("the injected 1 EiB allocation did not fail");
    }
    case InjectedFaultKind::BadAlloc:
        throw std::bad_alloc();
    case InjectedFaultKind::TorchError:
        TORCH_CHECK(false, "an injected torch error" + origin);
        break;
    }
    throw std::logic_error("unknown injected fault");
}

} // namespace fr::models
