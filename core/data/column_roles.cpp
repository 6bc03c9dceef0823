#include "data/column_roles.h"

#include "data/data_error.h"

#include <optional>

namespace fr {

namespace {

constexpr int kMaxListedColumns = 12;

using ExplicitRoles = std::vector<std::optional<ColumnRole>>;

const char* roleName(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Id:
        return "id";
    case ColumnRole::Feature:
        return "numeric feature";
    case ColumnRole::Categorical:
        return "categorical feature";
    case ColumnRole::Group:
        return "group";
    case ColumnRole::Truth:
        return "ground-truth";
    case ColumnRole::Ignore:
        return "ignored";
    }
    return "?";
}

Result<ExplicitRoles> explicitRoles(const CsvTable& table, const ColumnMapping& mapping)
{
    ExplicitRoles roles(table.columnCount());
    for (const auto& [name, role] : mapping.roles) {
        int column = table.columnIndex(name);
        if (column < 0)
            return Result<ExplicitRoles>::failure(fileError(table.fileName(),
                "column '" + name + "' (set as " + roleName(role)
                    + ") does not exist (columns: " + listColumns(table) + ")"));
        roles[column] = role;
    }
    return roles;
}

// The column for one of the single-column roles: named in the mapping's field, or by a role.
Result<int> singleRoleColumn(
    const CsvTable& table, const ExplicitRoles& roles, const std::string& name, ColumnRole role)
{
    int chosen = -1;
    if (!name.empty()) {
        chosen = table.columnIndex(name);
        if (chosen < 0)
            return Result<int>::failure(fileError(table.fileName(),
                std::string(roleName(role)) + " column '" + name
                    + "' does not exist (columns: " + listColumns(table) + ")"));
        if (roles[chosen] && *roles[chosen] != role)
            return Result<int>::failure(fileError(table.fileName(),
                "column '" + name + "' is set both as the " + roleName(role) + " column and as "
                    + roleName(*roles[chosen])));
    }
    for (int column = 0; column < table.columnCount(); ++column) {
        if (!roles[column] || *roles[column] != role || column == chosen)
            continue;
        if (chosen >= 0)
            return Result<int>::failure(fileError(table.fileName(),
                std::string("two ") + roleName(role) + " columns: '" + table.columnNames()[chosen]
                    + "' and '" + table.columnNames()[column] + "'"));
        chosen = column;
    }
    return chosen;
}

Status checkDistinct(const CsvTable& table, const ResolvedColumns& resolved)
{
    const std::pair<int, const char*> special[] = {{resolved.idColumn, "id"},
        {resolved.groupColumn, "group"}, {resolved.truthColumn, "ground-truth"}};
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < i; ++j) {
            if (special[i].first >= 0 && special[i].first == special[j].first)
                return Status::failure(fileError(table.fileName(),
                    "column '" + table.columnNames()[special[i].first] + "' cannot be both the "
                        + special[j].second + " and the " + special[i].second + " column"));
        }
    }
    return Status::success();
}

std::optional<FeatureColumn> featureFor(
    int column, const ExplicitRoles& roles, const ResolvedColumns& resolved, bool groupAsFeature)
{
    if (column == resolved.idColumn || column == resolved.truthColumn)
        return std::nullopt;
    if (column == resolved.groupColumn)
        return groupAsFeature ? std::optional(FeatureColumn {column, FeatureKind::Inferred})
                              : std::nullopt;
    if (!roles[column])
        return FeatureColumn {column, FeatureKind::Inferred};
    switch (*roles[column]) {
    case ColumnRole::Feature:
        return FeatureColumn {column, FeatureKind::DeclaredNumeric};
    case ColumnRole::Categorical:
        return FeatureColumn {column, FeatureKind::Categorical};
    default:
        return std::nullopt;
    }
}

} // namespace

std::string listColumns(const CsvTable& table)
{
    std::string list;
    const auto& names = table.columnNames();
    for (size_t i = 0; i < names.size() && i < kMaxListedColumns; ++i)
        list += (i ? ", " : "") + names[i];
    if (names.size() > kMaxListedColumns)
        list += ", ... (" + std::to_string(names.size()) + " in all)";
    return list;
}

Result<ResolvedColumns> resolveColumns(const CsvTable& table, const ColumnMapping& mapping)
{
    auto roles = explicitRoles(table, mapping);
    if (!roles.ok())
        return roles.status();
    ResolvedColumns resolved;
    const std::pair<int*, std::pair<const std::string*, ColumnRole>> singles[]
        = {{&resolved.idColumn, {&mapping.idColumn, ColumnRole::Id}},
            {&resolved.groupColumn, {&mapping.groupColumn, ColumnRole::Group}},
            {&resolved.truthColumn, {&mapping.truthColumn, ColumnRole::Truth}}};
    for (const auto& [target, spec] : singles) {
        auto column = singleRoleColumn(table, roles.value(), *spec.first, spec.second);
        if (!column.ok())
            return column.status();
        *target = column.value();
    }
    Status distinct = checkDistinct(table, resolved);
    if (!distinct.ok())
        return distinct;
    for (int column = 0; column < table.columnCount(); ++column) {
        if (auto feature = featureFor(column, roles.value(), resolved, mapping.groupAsFeature))
            resolved.features.push_back(*feature);
    }
    if (resolved.features.empty())
        return Result<ResolvedColumns>::failure(fileError(table.fileName(),
            "no feature columns left (every column is the id, the group, the ground truth or "
            "ignored)"));
    return resolved;
}

} // namespace fr
