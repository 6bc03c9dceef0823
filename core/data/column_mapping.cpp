#include "data/column_mapping.h"

namespace fr {

namespace {

constexpr ColumnRole kAllRoles[] = {ColumnRole::Id, ColumnRole::Feature, ColumnRole::Categorical,
    ColumnRole::Group, ColumnRole::Truth, ColumnRole::Ignore};

} // namespace

const char* columnRoleKey(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Id:
        return "id";
    case ColumnRole::Feature:
        return "feature";
    case ColumnRole::Categorical:
        return "categorical";
    case ColumnRole::Group:
        return "group";
    case ColumnRole::Truth:
        return "truth";
    case ColumnRole::Ignore:
        return "ignore";
    }
    return "ignore";
}

std::optional<ColumnRole> columnRoleFromKey(const std::string& key)
{
    for (ColumnRole role : kAllRoles)
        if (key == columnRoleKey(role))
            return role;
    return std::nullopt;
}

} // namespace fr
