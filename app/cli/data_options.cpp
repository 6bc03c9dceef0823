#include "data_options.h"

#include "data/dataset_loader.h"

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace fr::cli {

namespace {

// "C=VALUE" -> (C, VALUE); "C" -> (C, "").
std::pair<std::string, std::string> splitColumnValue(const std::string& text)
{
    auto eq = text.find('=');
    if (eq == std::string::npos)
        return {text, ""};
    return {text.substr(0, eq), text.substr(eq + 1)};
}

FashionMnistOptions fashionMnistOptionsFromArgs(const CliArgs& args, uint64_t seed)
{
    FashionMnistOptions options;
    const std::string setup = args.required("fmnist");
    if (setup == "one-class")
        options.setup = FashionMnistSetup::OneClass;
    else if (setup == "invert")
        options.setup = FashionMnistSetup::Invert;
    else
        throw std::invalid_argument("--fmnist expects one-class or invert, got '" + setup + "'");
    options.normalClass = static_cast<int>(args.integer("normal-class", 0));
    if (options.normalClass < 0 || options.normalClass > 9)
        throw std::invalid_argument("--normal-class expects 0..9");
    options.seed = seed;
    options.directory = args.get("fmnist-dir", options.directory);
    return options;
}

} // namespace

ColumnMapping mappingFromArgs(const CliArgs& args)
{
    ColumnMapping mapping;
    mapping.idColumn = args.get("id", "");
    if (auto truth = args.get("truth"))
        std::tie(mapping.truthColumn, mapping.anomalyValue) = splitColumnValue(*truth);
    if (auto group = args.get("group"))
        std::tie(mapping.groupColumn, mapping.protectedValue) = splitColumnValue(*group);
    if (args.has("truth") && mapping.truthColumn.empty())
        throw std::invalid_argument("--truth expects COLUMN or COLUMN=ANOMALY_VALUE");
    if (args.has("group") && mapping.groupColumn.empty())
        throw std::invalid_argument("--group expects COLUMN or COLUMN=PROTECTED_VALUE");
    return mapping;
}

std::string dataReferenceFromArgs(const CliArgs& args, uint64_t seed)
{
    if (!args.has("fmnist"))
        return args.required("data");
    if (args.has("data"))
        throw std::invalid_argument("give either --data or --fmnist, not both");
    return fashionMnistReference(fashionMnistOptionsFromArgs(args, seed));
}

Result<Dataset> loadDatasetFromArgs(const CliArgs& args, uint64_t seed)
{
    const std::string reference = dataReferenceFromArgs(args, seed);
    if (!args.has("fmnist"))
        args.required("truth");
    StderrProgress progress(args.has("fmnist") ? "reading Fashion-MNIST" : "reading " + reference);
    return loadReferencedDataset(reference, mappingFromArgs(args), progress.callback());
}

ModelOptions modelOptionsFromArgs(const CliArgs& args, const std::string& defaultModel)
{
    ModelOptions options;
    const std::string model
        = defaultModel.empty() ? args.required("model") : args.get("model", defaultModel);
    auto kind = parseModelKind(model);
    if (!kind)
        throw std::invalid_argument("unknown --model '" + model + "' (" + modelKindNames() + ")");
    options.kind = *kind;
    const std::string device = args.get("device", "auto");
    auto choice = parseDeviceChoice(device);
    if (!choice)
        throw std::invalid_argument("--device expects auto, cpu or cuda, got '" + device + "'");
    options.device = *choice;
    const long long seed = args.integer("seed", 0);
    if (seed < 0)
        throw std::invalid_argument("--seed expects a non-negative number");
    options.seed = static_cast<uint64_t>(seed);
    options.intraOpThreads = static_cast<int>(
        args.integer("threads", std::max(1u, std::thread::hardware_concurrency())));
    if (options.intraOpThreads < 1)
        throw std::invalid_argument("--threads expects a positive number");
    options.pretrainSteps = static_cast<int>(args.integer("pretrain-steps", -1));
    options.roundSteps = static_cast<int>(args.integer("round-steps", options.roundSteps));
    if (options.roundSteps < -1)
        throw std::invalid_argument("--round-steps expects a non-negative number");
    options.iad = args.has("iad");
    if (args.has("iad"))
        args.get("iad");
    return options;
}

int64_t countAnomalies(const Dataset& data)
{
    if (!data.hasTruth())
        return -1;
    return std::count(data.truth.begin(), data.truth.end(), 1);
}

StderrProgress::StderrProgress(std::string command)
    : mCommand(std::move(command))
    , mStart(std::chrono::steady_clock::now())
    , mLast(mStart)
{ }

ProgressCallback StderrProgress::callback()
{
    return [this](const Progress& p) {
        using namespace std::chrono;
        auto now = steady_clock::now();
        const bool done = p.total > 0 && p.done >= p.total;
        if (now - mStart < seconds(1) || (now - mLast < seconds(2) && !done && p.phase == mPhase))
            return;
        mLast = now;
        mPhase = p.phase;
        std::cerr << mCommand << ": " << p.phase;
        if (p.total > 0)
            std::cerr << " " << p.done << "/" << p.total;
        std::cerr << "\n";
    };
}

} // namespace fr::cli
