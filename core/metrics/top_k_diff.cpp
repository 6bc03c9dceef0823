#include "metrics/top_k_diff.h"

#include <algorithm>
#include <string>

namespace fr {

namespace {

// Membership of the first k rows of `order`: 1 for a row in its top k, else 0.
Result<std::vector<char>> topKMembership(const std::vector<int64_t>& order, int64_t k)
{
    const auto rows = static_cast<int64_t>(order.size());
    std::vector<char> inTop(order.size(), 0);
    std::vector<char> seen(order.size(), 0);
    for (int64_t i = 0; i < rows; ++i) {
        const int64_t row = order[static_cast<size_t>(i)];
        if (row < 0 || row >= rows)
            return Result<std::vector<char>>::failure("position " + std::to_string(i + 1)
                + " of a ranking names row " + std::to_string(row) + ", outside 0.."
                + std::to_string(rows - 1));
        if (seen[static_cast<size_t>(row)])
            return Result<std::vector<char>>::failure(
                "a ranking lists row " + std::to_string(row) + " twice");
        seen[static_cast<size_t>(row)] = 1;
        inTop[static_cast<size_t>(row)] = i < k ? 1 : 0;
    }
    return inTop;
}

// The rows among the first k of `order` that `other` does not have in its top k.
std::vector<int64_t> onlyIn(
    const std::vector<int64_t>& order, int64_t k, const std::vector<char>& other)
{
    std::vector<int64_t> rows;
    for (int64_t i = 0; i < k; ++i) {
        const int64_t row = order[static_cast<size_t>(i)];
        if (!other[static_cast<size_t>(row)])
            rows.push_back(row);
    }
    return rows;
}

std::vector<GroupTopKChange> changesByGroup(const std::vector<int64_t>& entered,
    const std::vector<int64_t>& left, const std::vector<int>& groupOfRow, int groupCount)
{
    if (groupOfRow.empty())
        return {};
    std::vector<GroupTopKChange> groups(static_cast<size_t>(std::max(groupCount, 0)));
    const auto groupOf = [&](int64_t row) { return groupOfRow[static_cast<size_t>(row)]; };
    for (int64_t row : entered)
        if (groupOf(row) >= 0 && groupOf(row) < groupCount)
            ++groups[static_cast<size_t>(groupOf(row))].entered;
    for (int64_t row : left)
        if (groupOf(row) >= 0 && groupOf(row) < groupCount)
            ++groups[static_cast<size_t>(groupOf(row))].left;
    return groups;
}

} // namespace

Result<TopKDiff> diffTopK(const std::vector<int64_t>& before, const std::vector<int64_t>& after,
    int64_t k, const std::vector<int>& groupOfRow, int groupCount)
{
    using R = Result<TopKDiff>;
    if (k < 1)
        return R::failure("K must be at least 1, not " + std::to_string(k));
    if (before.size() != after.size())
        return R::failure("the rankings to compare cover " + std::to_string(before.size()) + " and "
            + std::to_string(after.size()) + " rows");
    if (!groupOfRow.empty() && groupOfRow.size() != after.size())
        return R::failure("the groups cover " + std::to_string(groupOfRow.size())
            + " rows, the rankings " + std::to_string(after.size()));
    TopKDiff diff;
    diff.k = std::min<int64_t>(k, static_cast<int64_t>(after.size()));
    auto wasTop = topKMembership(before, diff.k);
    if (!wasTop.ok())
        return wasTop.status();
    auto isTop = topKMembership(after, diff.k);
    if (!isTop.ok())
        return isTop.status();
    diff.entered = onlyIn(after, diff.k, wasTop.value());
    diff.left = onlyIn(before, diff.k, isTop.value());
    diff.kept = diff.k - static_cast<int64_t>(diff.entered.size());
    if (diff.k > 0)
        diff.overlap = static_cast<double>(diff.kept) / static_cast<double>(diff.k);
    diff.groups = changesByGroup(diff.entered, diff.left, groupOfRow, groupCount);
    return diff;
}

} // namespace fr
