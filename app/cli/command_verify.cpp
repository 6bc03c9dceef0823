// fairreview-cli verify: checks a project's tamper-evident audit chain (docs/PROJECT_FILE.md, "The
// audit chain") and the SQLite file's own integrity; names the first broken event.
#include "commands.h"

#include "store/project_store.h"
#include "util/json_writer.h"

#include <iostream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kVerifyUsage = R"(usage: fairreview-cli verify --project P

Recomputes the SHA-256 chain over every label and undo event of project P and checks that every
label has its label event and is undone exactly when an undo event says so; also runs SQLite's
integrity and foreign-key checks. Prints a JSON report with the chain head; exit status 0 when
everything matches, 1 when something does not (the first broken event is named on stderr).
)";

void writeReport(JsonWriter& json, const std::string& path, const AuditChainReport& report,
    const std::string& integrity)
{
    json.beginObject().field("project", path).field("intact", report.intact());
    json.key("chain_head").beginObject().field("event_id", report.head.eventId);
    json.field("hash", report.head.hash).field("events", report.head.events).endObject();
    json.field("integrity", integrity).key("problems").beginArray();
    for (const AuditChainProblem& p : report.problems) {
        json.beginObject().field("event_id", p.eventId).field("label_id", p.labelId);
        json.field("message", p.message).endObject();
    }
    json.endArray().endObject();
}

} // namespace

int runVerify(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kVerifyUsage;
        return 0;
    }
    const std::string path = args.required("project");
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
    auto store = ProjectStore::open(path);
    if (!store.ok()) {
        std::cerr << "fairreview-cli verify: " << store.error() << "\n";
        return 1;
    }
    auto report = store.value()->verifyAuditChain();
    auto integrity = store.value()->integrityCheck();
    for (const Status& s : {report.status(), integrity.status()})
        if (!s.ok()) {
            std::cerr << "fairreview-cli verify: " << s.error() << "\n";
            return 1;
        }
    JsonWriter json;
    writeReport(json, path, report.value(), integrity.value());
    std::cout << json.str() << "\n";
    const bool fileOk = integrity.value() == "ok";
    if (!report.value().intact())
        std::cerr << "fairreview-cli verify: project " << path
                  << ": the audit chain is broken: " << report.value().problems.front().message
                  << "\n";
    if (!fileOk)
        std::cerr << "fairreview-cli verify: project " << path
                  << ": SQLite integrity check: " << integrity.value() << "\n";
    return report.value().intact() && fileOk ? 0 : 1;
}

} // namespace fr::cli
