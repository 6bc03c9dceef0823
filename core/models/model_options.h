// What the analyst (or the CLI) chooses about a model: which one, where it runs, how it is seeded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fr {

enum class ModelKind {
    UaiNet, // DAE + UAI head (ALGORITHMS.md §2.1, §3)
    FadigUai, // FADIG + UAI head
    Dae, // DAE alone
    Ae, // plain unweighted autoencoder (FADIG ablation baseline)
    Fadig, // FADIG (ALGORITHMS.md §2.2)
    FadigNoEps, // FADIG without the adaptive group weight
    FadigNoFac, // FADIG without the contrastive term
};

enum class DeviceChoice { Auto, Cpu, Cuda };

struct ModelOptions {
    ModelKind kind = ModelKind::UaiNet;
    DeviceChoice device = DeviceChoice::Auto;
    uint64_t seed = 0;
    bool iad = false; // IAD re-weighting for contaminated data (ALGORITHMS.md §4)
    int pretrainSteps = -1; // -1: the model's documented default
    int roundSteps = 100; // UAI updates after each labelled batch (ALGORITHMS.md §3)
    int intraOpThreads = 0; // 0: all cores but one (leaves one for the GUI)
};

// "uainet", "fadig-uai", "dae", "ae", "fadig", "fadig-noeps", "fadig-nofac".
std::string modelKindName(ModelKind kind);
std::optional<ModelKind> parseModelKind(const std::string& name);
bool hasUaiHead(ModelKind kind);
std::string deviceChoiceName(DeviceChoice device);
std::optional<DeviceChoice> parseDeviceChoice(const std::string& name);

} // namespace fr
