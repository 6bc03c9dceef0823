#include "store/dataset_reference.h"

#include "data/dataset_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits.h>
#include <stdlib.h>
#include <vector>

namespace fr {

// FNV-1a 64-bit parameters (Fowler, Noll, Vo; IETF draft-eastlake-fnv).
constexpr uint64_t kFnvOffsetBasis = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

static std::string hexDigest(uint64_t hash)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return std::string("fnv1a-64:") + text;
}

Result<DatasetReference> describeDataFile(const std::string& path)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        return Result<DatasetReference>::failure(
            "cannot read data file " + path + ": " + std::strerror(errno));
    std::vector<unsigned char> buffer(1 << 20);
    uint64_t hash = kFnvOffsetBasis;
    int64_t size = 0;
    size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
        for (size_t i = 0; i < got; ++i)
            hash = (hash ^ buffer[i]) * kFnvPrime;
        size += static_cast<int64_t>(got);
    }
    bool failed = std::ferror(file);
    std::fclose(file);
    if (failed)
        return Result<DatasetReference>::failure("error while reading data file " + path);
    // The absolute path, so that the project finds its data from any working directory.
    char* absolute = ::realpath(path.c_str(), nullptr);
    std::string stored = absolute ? absolute : path;
    std::free(absolute);
    return DatasetReference {stored, size, hexDigest(hash)};
}

Result<DatasetReference> describeReferencedData(const std::string& reference)
{
    const auto fashion = parseFashionMnistReference(reference);
    if (!fashion)
        return describeDataFile(reference);
    auto described = describeDataFile(fashionMnistImagesPath(*fashion));
    if (!described.ok())
        return described;
    DatasetReference images = described.take();
    images.path = reference;
    return images;
}

} // namespace fr
