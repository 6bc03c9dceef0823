// A project's data-set reference: a data file's path, or a Fashion-MNIST set-up written as
// "fashion-mnist:<oneclass|invert>:<normal class>:seed=<seed>:<directory>" (dataset_loader.h).
#include "data/dataset_loader.h"

#include <cerrno>
#include <cstdlib>

namespace fr {
namespace {

const std::string kPrefix = "fashion-mnist:";

// The whole of text as a decimal number, or false.
bool parseDecimal(const std::string& text, unsigned long long& value)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    errno = 0;
    value = std::strtoull(text.c_str(), nullptr, 10);
    return errno == 0;
}

} // namespace

std::string fashionMnistReference(const FashionMnistOptions& options)
{
    const char* setup = options.setup == FashionMnistSetup::Invert ? "invert" : "oneclass";
    return kPrefix + setup + ":" + std::to_string(options.normalClass)
        + ":seed=" + std::to_string(options.seed) + ":" + options.directory;
}

std::optional<FashionMnistOptions> parseFashionMnistReference(const std::string& reference)
{
    if (reference.compare(0, kPrefix.size(), kPrefix) != 0)
        return std::nullopt;
    // setup : class : seed=N : directory (which may itself hold colons)
    std::string parts[3];
    size_t at = kPrefix.size();
    for (std::string& part : parts) {
        const size_t colon = reference.find(':', at);
        if (colon == std::string::npos)
            return std::nullopt;
        part = reference.substr(at, colon - at);
        at = colon + 1;
    }
    FashionMnistOptions options;
    unsigned long long normalClass = 0, seed = 0;
    if ((parts[0] != "oneclass" && parts[0] != "invert") || !parseDecimal(parts[1], normalClass)
        || normalClass > 9 || parts[2].compare(0, 5, "seed=") != 0
        || !parseDecimal(parts[2].substr(5), seed))
        return std::nullopt;
    options.setup = parts[0] == "invert" ? FashionMnistSetup::Invert : FashionMnistSetup::OneClass;
    options.normalClass = static_cast<int>(normalClass);
    options.seed = seed;
    options.directory = reference.substr(at);
    return options;
}

Result<Dataset> loadReferencedDataset(
    const std::string& reference, const ColumnMapping& mapping, const ProgressCallback& progress)
{
    if (const auto fashion = parseFashionMnistReference(reference))
        return loadFashionMnist(*fashion, progress);
    return loadCsvDataset(reference, mapping, progress);
}

} // namespace fr
