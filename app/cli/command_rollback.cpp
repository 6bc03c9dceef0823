// fairreview-cli rollback: makes an earlier model version of a project current again, as the
// window's Model > Versions… does: the version's checkpoint must reproduce its stored scores, and
// the project records a `rollback` event (docs/PROJECT_FILE.md, "Rollback").
#include "commands.h"

#include "active/reopened_session.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <iostream>
#include <stdexcept>

namespace fr::cli {

namespace {

const char* kRollbackUsage = R"(usage: fairreview-cli rollback --project P --version N

Makes model version N of project P current again: the queue, the charts and later labels use it,
and the next retrain starts from it (with a new version number). Reads the project's data file to
check that the version's checkpoint reproduces its stored scores; records a rollback event.
Prints {"project", "version", "from_version"} as JSON.
)";

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli rollback: " << message << "\n";
    return 1;
}

int64_t parseVersion(const std::string& text)
{
    size_t used = 0;
    int64_t version = 0;
    try {
        version = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || version < 1)
        throw std::invalid_argument(
            "--version wants a model version number (1, 2, ...), not '" + text + "'");
    return version;
}

// The project's session as the window reopens it, with the project file as its journal.
Result<std::unique_ptr<ReviewSession>> reopenSession(
    const std::shared_ptr<ProjectStore>& store, const SavedSession& saved)
{
    auto data = loadProjectDataset(*store);
    if (!data.ok())
        return data.status();
    auto session = ReviewSession::create(std::make_shared<const Dataset>(data.take()),
        reopenedSessionOptions(SessionOptions(), saved));
    if (!session.ok())
        return session.status();
    if (Status resumed = session.value()->resume(saved); !resumed.ok())
        return resumed;
    session.value()->setJournal(store);
    return session;
}

} // namespace

int runRollback(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kRollbackUsage;
        return 0;
    }
    const std::string path = args.required("project");
    const int64_t version = parseVersion(args.required("version"));
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
    auto opened = ProjectStore::open(path);
    if (!opened.ok())
        return fail(opened.error());
    std::shared_ptr<ProjectStore> store(opened.take().release());
    auto saved = store->loadSession();
    if (!saved.ok())
        return fail(saved.error());
    if (!saved.value().hasModel)
        return fail("project " + path + " has no model version yet");
    auto stored = store->loadModelVersion(version);
    if (!stored.ok())
        return fail(stored.error());
    auto session = reopenSession(store, saved.value());
    if (!session.ok())
        return fail(session.error());
    if (Status back = session.value()->rollBackTo(stored.value()); !back.ok())
        return fail(back.error());
    JsonWriter json;
    json.beginObject().field("project", path).field("version", version);
    json.field("from_version", saved.value().model.version).endObject();
    std::cout << json.str() << "\n";
    return 0;
}

} // namespace fr::cli
