// A debug hook for the tests that check what a failure inside a training does to the session, the
// window and the CLI (tst_review_session, tst_main_window, tst_simulate_cli); the product never
// sets it. With the environment variable
//     FAIRREVIEW_INJECT_FAULT=<phase>@<step>[:<kind>]
// UnsupervisedTrainer::train throws at step <step> (1-based) of every training whose phase
// (TrainOptions::phase: "pre-training", "retraining", "IAD round 0", ...) is <phase>, inside the
// step, as torch would: kind gpu-oom (default) throws c10::OutOfMemoryError as a CUDA allocation
// does, host-oom makes a real CPU allocation of 1 EiB fail in torch's allocator, bad-alloc throws
// std::bad_alloc, error a plain c10::Error. The variable is read once at the start of each
// training; change it only while no training runs.
#pragma once

#include <optional>
#include <string>

namespace fr::models {

enum class InjectedFaultKind { GpuOutOfMemory, HostOutOfMemory, BadAlloc, TorchError };

struct InjectedFault {
    int step = 0; // 1-based
    InjectedFaultKind kind = InjectedFaultKind::GpuOutOfMemory;
};

// The fault FAIRREVIEW_INJECT_FAULT asks for in a training of this phase; none when the variable
// is unset, names another phase or cannot be read.
std::optional<InjectedFault> injectedFaultFor(const std::string& phase);
[[noreturn]] void throwInjectedFault(const InjectedFault& fault);

} // namespace fr::models
