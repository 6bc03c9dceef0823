// How a review batch is filled: the top of the ranking, or the group-aware rule of
// fair_allocation.h that keeps the groups' estimated found shares level.
#pragma once

#include <optional>
#include <string>

namespace fr {

enum class QueryStrategy { Top, Fair };
std::string queryStrategyName(QueryStrategy strategy); // "top", "fair"
std::optional<QueryStrategy> parseQueryStrategy(const std::string& name);

} // namespace fr
