// What the analyst (or the CLI) chooses about a model: which one, where it runs, how it is seeded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fr {

enum class ModelKind {
    Active, // the product's default: DAE + Isolation Forest prior + UAI head (ALGORITHMS.md §8)
    UaiNet, // DAE + UAI head as published, with its cold start (ALGORITHMS.md §2.1, §3)
    FadigUai, // FADIG + Isolation Forest prior + UAI head (§2.2, §8)
    Dae, // DAE alone
    Ae, // plain unweighted autoencoder (FADIG ablation baseline)
    Fadig, // FADIG (ALGORITHMS.md §2.2)
    FadigNoEps, // FADIG without the adaptive group weight
    FadigNoFac, // FADIG without the contrastive term
    Fair, // the product's fair detector: plain autoencoder + group calibration (§2.3)
    FairUai, // the fair detector + Isolation Forest prior + UAI head (§2.3, §8)
    AaBigan, // AA-BiGAN, learns from the confirmed anomalies (ALGORITHMS.md §7)
    AaBiganUai, // AA-BiGAN + Isolation Forest prior + UAI head, retrained every round (§7, §8)
    DeepSad, // Deep SAD, the semi-supervised baseline (ALGORITHMS.md §7)
    IsolationForest, // Liu, Ting & Zhou 2008, label-free only (isolation_forest.h; no network)
};

enum class DeviceChoice { Auto, Cpu, Cuda };

struct ModelOptions {
    ModelKind kind = ModelKind::Active;
    DeviceChoice device = DeviceChoice::Auto;
    uint64_t seed = 0;
    bool iad = false; // IAD re-weighting for contaminated data (ALGORITHMS.md §4)
    int pretrainSteps = -1; // -1: the model's documented default
    int roundSteps = -1; // base-detector steps after each labelled batch; -1: defaultRoundSteps()
    int intraOpThreads = 0; // 0: all cores but one (leaves one for the GUI)
};

// "active", "uainet", "fadig-uai", "fair-uai", "dae", "ae", "fadig", "fadig-noeps",
// "fadig-nofac", "fair", "aa-bigan", "aa-bigan-uai", "deep-sad", "iforest".
std::string modelKindName(ModelKind kind);
std::optional<ModelKind> parseModelKind(const std::string& name);
// Every name above, comma-separated, for messages.
std::string modelKindNames();
bool hasUaiHead(ModelKind kind);
// The fair detectors (§2.3): scores calibrated by group after every scoring pass.
bool calibratesByGroup(ModelKind kind);
// Models whose base detector learns from the confirmed anomalies themselves (§7), not only
// through a weight of 0 in its loss.
bool learnsFromAnomalies(ModelKind kind);
// The product's loop (§8): an Isolation Forest score beside the base score, the head ranking from
// the first labels of both classes. The published UaiNet has neither.
bool usesIsolationPrior(ModelKind kind);
// Rounds ranked by the base score before the head takes over: 10 for the published UaiNet
// (ALGORITHMS.md §3), 0 for the product's loop, whose head starts as the prior.
int coldStartRounds(ModelKind kind);
// Training steps of the base detector in each round: 100 for the published UaiNet (ALGORITHMS.md
// §3, each with the head's BCE); 0 for the product's loop, whose head is fitted on the base
// detector as pre-training left it (§8: measured to find as many, 12x faster); 100 for
// aa-bigan-uai, whose AA-BiGAN learns the confirmed anomalies in every round (§7).
int defaultRoundSteps(ModelKind kind);
std::string deviceChoiceName(DeviceChoice device);
std::optional<DeviceChoice> parseDeviceChoice(const std::string& name);

} // namespace fr
