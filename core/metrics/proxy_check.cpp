// Proxy check: folded one-vs-rest AUC of every feature column for every sensitive group.
#include "metrics/proxy_check.h"

#include "metrics/group_metrics.h"
#include "metrics/score_order.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>

namespace fr {

namespace {

// An unsigned key whose order is the order of the value (NaN as -infinity, -0 as +0).
uint64_t orderedBits(float value)
{
    value = metrics_detail::rankKey(value) + 0.0f; // + 0 turns -0 into +0
    uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

// Bits that hold a group index in [0, groupCount).
int groupBitsFor(int groupCount)
{
    int bits = 0;
    while ((int64_t(1) << bits) < groupCount)
        ++bits;
    return bits;
}

// LSD radix sort of keys below 2^bits: a few linear passes where a comparison sort would take
// most of the time on 1,000,000 rows x 50 columns. buffer is scratch space, kept between columns.
void radixSort(std::vector<uint64_t>& keys, std::vector<uint64_t>& buffer, int bits)
{
    constexpr int kDigitBits = 11;
    constexpr uint64_t kDigitMask = (uint64_t(1) << kDigitBits) - 1;
    buffer.resize(keys.size());
    std::vector<size_t> start(kDigitMask + 2);
    for (int shift = 0; shift < bits; shift += kDigitBits) {
        std::fill(start.begin(), start.end(), 0);
        for (uint64_t key : keys)
            ++start[((key >> shift) & kDigitMask) + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        for (uint64_t key : keys)
            buffer[start[(key >> shift) & kDigitMask]++] = key;
        keys.swap(buffer);
    }
}

// One column's keys, sorted: the value above the low groupBits bits, the group in them, so that
// within a block of equal values the rows of each group lie together. kNoGroup rows are left out.
void sortColumn(const FeatureMatrix& matrix, int64_t column, const std::vector<int>& groupOfRow,
    int groupBits, std::vector<uint64_t>& keys, std::vector<uint64_t>& buffer)
{
    keys.clear();
    for (int64_t r = 0; r < matrix.rows; ++r) {
        if (groupOfRow[r] != kNoGroup)
            keys.push_back(
                orderedBits(matrix.at(r, column)) << groupBits | uint64_t(groupOfRow[r]));
    }
    radixSort(keys, buffer, 32 + groupBits);
}

// Mann-Whitney AUC of "row in g" vs "row in another group" for every g, from one sorted column:
// twice the count of (g row, other row) pairs with the g row above, a tie counting one, kept exact.
std::vector<double> oneVsRestAucs(const std::vector<uint64_t>& keys, int groupCount, int groupBits)
{
    const uint64_t groupMask = (uint64_t(1) << groupBits) - 1;
    std::vector<int64_t> below(groupCount, 0), twiceWins(groupCount, 0);
    int64_t belowAll = 0;
    for (size_t begin = 0; begin < keys.size();) {
        size_t end = begin;
        while (end < keys.size() && keys[end] >> groupBits == keys[begin] >> groupBits)
            ++end;
        const int64_t block = static_cast<int64_t>(end - begin);
        for (size_t run = begin; run < end;) {
            const uint64_t group = keys[run] & groupMask;
            size_t runEnd = run;
            while (runEnd < end && (keys[runEnd] & groupMask) == group)
                ++runEnd;
            const int64_t inGroup = static_cast<int64_t>(runEnd - run);
            twiceWins[group] += inGroup * (2 * (belowAll - below[group]) + (block - inGroup));
            below[group] += inGroup;
            run = runEnd;
        }
        belowAll += block;
        begin = end;
    }
    std::vector<double> aucs(groupCount, std::numeric_limits<double>::quiet_NaN());
    for (int g = 0; g < groupCount; ++g) {
        const int64_t pairs = below[g] * (belowAll - below[g]);
        if (pairs > 0)
            aucs[g] = static_cast<double>(twiceWins[g]) / (2.0 * static_cast<double>(pairs));
    }
    return aucs;
}

Status checkProxyInputs(const FeatureMatrix& matrix, const std::vector<int>& groupOfRow,
    int groupCount, double threshold)
{
    if (matrix.rows < 0 || matrix.cols < 0
        || static_cast<int64_t>(matrix.values.size()) != matrix.rows * matrix.cols)
        return Status::failure("the feature matrix holds " + std::to_string(matrix.values.size())
            + " values, expected " + std::to_string(matrix.rows) + " rows x "
            + std::to_string(matrix.cols) + " columns");
    if (static_cast<int64_t>(groupOfRow.size()) != matrix.rows)
        return Status::failure(std::to_string(matrix.rows) + " matrix rows but "
            + std::to_string(groupOfRow.size())
            + " group values: one group index per row is needed");
    if (!(threshold >= 0.5 && threshold <= 1.0))
        return Status::failure("proxy AUC threshold is " + std::to_string(threshold)
            + ", expected 0.5 to 1 (a folded AUC lies in that range)");
    return checkGroups(groupOfRow, groupCount, groupOfRow.size());
}

bool strongerProxy(const ProxyFeature& a, const ProxyFeature& b)
{
    if (a.auc != b.auc)
        return a.auc > b.auc;
    return a.column != b.column ? a.column < b.column : a.group < b.group;
}

} // namespace

Result<std::vector<ProxyFeature>> findGroupProxies(const FeatureMatrix& matrix,
    const std::vector<int>& groupOfRow, int groupCount, double threshold)
{
    Status valid = checkProxyInputs(matrix, groupOfRow, groupCount, threshold);
    if (!valid.ok())
        return valid;
    // With two groups, group 1 vs rest is group 0 vs rest mirrored: the same folded figure.
    const int reportedGroups = groupCount == 2 ? 1 : groupCount;
    const int groupBits = groupBitsFor(groupCount);
    std::vector<uint64_t> keys, buffer;
    keys.reserve(groupOfRow.size());
    std::vector<ProxyFeature> proxies;
    for (int64_t column = 0; column < matrix.cols; ++column) {
        sortColumn(matrix, column, groupOfRow, groupBits, keys, buffer);
        const std::vector<double> aucs = oneVsRestAucs(keys, groupCount, groupBits);
        for (int g = 0; g < reportedGroups; ++g) {
            const double folded = std::max(aucs[g], 1.0 - aucs[g]); // NaN stays NaN
            if (folded >= threshold)
                proxies.push_back({column, folded, g});
        }
    }
    std::sort(proxies.begin(), proxies.end(), strongerProxy);
    return proxies;
}

Result<std::vector<NamedGroupProxy>> findDatasetGroupProxies(const Dataset& data, double threshold)
{
    using R = Result<std::vector<NamedGroupProxy>>;
    if (!data.hasGroups())
        return std::vector<NamedGroupProxy> {};
    const int groupCount = static_cast<int>(data.groupNames.size());
    auto found = findGroupProxies(data.matrix, data.groups, groupCount, threshold);
    if (!found.ok())
        return R::failure(found.error());
    std::vector<NamedGroupProxy> named;
    for (const ProxyFeature& p : found.value()) {
        const FeatureInfo& info = data.features[static_cast<size_t>(p.column)];
        const std::string group
            = groupCount == 2 ? std::string() : data.groupNames[static_cast<size_t>(p.group)];
        const bool seen = std::any_of(named.begin(), named.end(), [&](const NamedGroupProxy& n) {
            return n.sourceColumn == info.sourceColumn && n.group == group;
        });
        if (!seen) // strongest first, so the first of a column is its strongest
            named.push_back({info.name, info.sourceColumn, group, p.auc});
    }
    return named;
}

} // namespace fr
