// fairreview-cli kappa: the second review's agreement (Cohen's kappa between each first label and
// the second analyst's label of the same row, overall and per group) as JSON. Reads only the
// project file: the groups come from its rows table.
#include "commands.h"

#include "active/second_review.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <algorithm>
#include <iostream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kKappaUsage = R"(usage: fairreview-cli kappa --project P

Cohen's kappa between the first labels and the second reviews of project P (the window's Review >
Second review), overall and per sensitive group, with the pairs, the observed and the chance
agreement. kappa is null when it is undefined: no pairs, or every label of both analysts in one
class. Reviews of labels undone since are left out.
)";

// The rows' groups as a Dataset holds them (sorted names, an index per row), from the project.
Dataset groupsOnly(const std::vector<std::string>& rowGroups)
{
    Dataset data;
    data.matrix.rows = static_cast<int64_t>(rowGroups.size());
    for (const std::string& g : rowGroups)
        if (!g.empty())
            data.groupNames.push_back(g);
    std::sort(data.groupNames.begin(), data.groupNames.end());
    data.groupNames.erase(
        std::unique(data.groupNames.begin(), data.groupNames.end()), data.groupNames.end());
    if (data.groupNames.empty())
        return data;
    for (const std::string& g : rowGroups) {
        auto it = std::lower_bound(data.groupNames.begin(), data.groupNames.end(), g);
        data.groups.push_back(it != data.groupNames.end() && *it == g
                ? static_cast<int>(it - data.groupNames.begin())
                : kNoGroup);
    }
    return data;
}

void writeKappa(JsonWriter& json, const KappaResult& k)
{
    json.field("pairs", k.pairs).field("agreements", k.agreements);
    json.field("observed", k.observed).field("expected", k.expected);
    json.key("kappa");
    if (k.defined())
        json.value(k.kappa);
    else
        json.null();
}

} // namespace

int runKappa(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kKappaUsage;
        return 0;
    }
    const std::string path = args.required("project");
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
    auto store = ProjectStore::open(path);
    if (!store.ok()) {
        std::cerr << "fairreview-cli kappa: " << store.error() << "\n";
        return 1;
    }
    auto saved = store.value()->loadSession();
    auto reviews = store.value()->secondReviews();
    auto groups = store.value()->rowGroups();
    for (const Status& s : {saved.status(), reviews.status(), groups.status()})
        if (!s.ok()) {
            std::cerr << "fairreview-cli kappa: " << s.error() << "\n";
            return 1;
        }
    const ReviewAgreement agreement
        = reviewAgreement(saved.value().labels, reviews.value(), groupsOnly(groups.value()));
    JsonWriter json;
    json.beginObject().field("project", path);
    json.field("second_reviews", static_cast<int64_t>(reviews.value().size()));
    json.key("overall").beginObject();
    writeKappa(json, agreement.overall);
    json.endObject().key("groups").beginArray();
    for (const GroupAgreement& g : agreement.groups) {
        json.beginObject().field("group", g.group);
        writeKappa(json, g.kappa);
        json.endObject();
    }
    json.endArray().endObject();
    std::cout << json.str() << "\n";
    return 0;
}

} // namespace fr::cli
