// Which role each column of a table plays, as the analyst (or the CLI) chose it.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace fr {

enum class ColumnRole { Id, Feature, Categorical, Group, Truth, Ignore };

// Stable one-word keys for files (the project file stores them): "id", "feature", "categorical",
// "group", "truth", "ignore".
const char* columnRoleKey(ColumnRole role);
std::optional<ColumnRole> columnRoleFromKey(const std::string& key);

struct ColumnMapping {
    std::string idColumn; // empty: rows are numbered 1..n
    std::string groupColumn; // empty: no sensitive group
    std::string protectedValue; // the group value that marks the protected group ("Black", "1");
                                // empty: the smaller group is the protected one
    std::string truthColumn; // empty: no ground truth
    std::string anomalyValue; // the truth value that means anomaly ("No"); empty: "1"
    bool groupAsFeature = false; // ALGORITHMS.md §1: the group is blinded from the model by default
    // Explicit roles; columns not named here are features, numeric or categorical as inferred.
    std::map<std::string, ColumnRole> roles;
    bool minMaxScaling = false; // z-score by default (ALGORITHMS.md §1)
};

} // namespace fr
