#include "active/query_strategy.h"

namespace fr {

std::string queryStrategyName(QueryStrategy strategy)
{
    return strategy == QueryStrategy::Fair ? "fair" : "top";
}

std::optional<QueryStrategy> parseQueryStrategy(const std::string& name)
{
    if (name == "top")
        return QueryStrategy::Top;
    if (name == "fair")
        return QueryStrategy::Fair;
    return std::nullopt;
}

} // namespace fr
