// Names of the model kinds and devices as the CLI, the project file and the GUI spell them.
#include "models/model_options.h"

#include <array>
#include <utility>

namespace fr {

namespace {

const std::array<std::pair<ModelKind, const char*>, 14> kModelNames = {{
    {ModelKind::Active, "active"},
    {ModelKind::UaiNet, "uainet"},
    {ModelKind::FadigUai, "fadig-uai"},
    {ModelKind::FairUai, "fair-uai"},
    {ModelKind::Dae, "dae"},
    {ModelKind::Ae, "ae"},
    {ModelKind::Fadig, "fadig"},
    {ModelKind::FadigNoEps, "fadig-noeps"},
    {ModelKind::FadigNoFac, "fadig-nofac"},
    {ModelKind::Fair, "fair"},
    {ModelKind::AaBigan, "aa-bigan"},
    {ModelKind::AaBiganUai, "aa-bigan-uai"},
    {ModelKind::DeepSad, "deep-sad"},
    {ModelKind::IsolationForest, "iforest"},
}};

const std::array<std::pair<DeviceChoice, const char*>, 3> kDeviceNames = {{
    {DeviceChoice::Auto, "auto"},
    {DeviceChoice::Cpu, "cpu"},
    {DeviceChoice::Cuda, "cuda"},
}};

} // namespace

std::string modelKindName(ModelKind kind)
{
    for (const auto& [k, name] : kModelNames)
        if (k == kind)
            return name;
    return "unknown";
}

std::optional<ModelKind> parseModelKind(const std::string& name)
{
    for (const auto& [k, n] : kModelNames)
        if (name == n)
            return k;
    return std::nullopt;
}

std::string modelKindNames()
{
    std::string out;
    for (const auto& [k, name] : kModelNames)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

bool hasUaiHead(ModelKind kind)
{
    return kind == ModelKind::Active || kind == ModelKind::UaiNet || kind == ModelKind::FadigUai
        || kind == ModelKind::FairUai || kind == ModelKind::AaBiganUai;
}

bool learnsFromAnomalies(ModelKind kind)
{
    return kind == ModelKind::AaBigan || kind == ModelKind::AaBiganUai
        || kind == ModelKind::DeepSad;
}

bool calibratesByGroup(ModelKind kind)
{
    return kind == ModelKind::Fair || kind == ModelKind::FairUai;
}

bool usesIsolationPrior(ModelKind kind)
{
    return kind == ModelKind::Active || kind == ModelKind::FadigUai || kind == ModelKind::FairUai
        || kind == ModelKind::AaBiganUai;
}

int coldStartRounds(ModelKind kind)
{
    return kind == ModelKind::UaiNet ? 10 : 0; // ALGORITHMS.md §3, §8
}

int defaultRoundSteps(ModelKind kind)
{
    if (kind == ModelKind::AaBiganUai)
        return 100; // ALGORITHMS.md §7
    return usesIsolationPrior(kind) ? 0 : 100; // ALGORITHMS.md §8, §3
}

std::string deviceChoiceName(DeviceChoice device)
{
    for (const auto& [d, name] : kDeviceNames)
        if (d == device)
            return name;
    return "unknown";
}

std::optional<DeviceChoice> parseDeviceChoice(const std::string& name)
{
    for (const auto& [d, n] : kDeviceNames)
        if (name == n)
            return d;
    return std::nullopt;
}

} // namespace fr
