#include "active/reopened_session.h"

#include "data/dataset_loader.h"
#include "store/project_store.h"

namespace fr {

SessionOptions reopenedSessionOptions(SessionOptions requested, const SavedSession& saved)
{
    if (!saved.hasModel)
        return requested;
    if (auto kind = parseModelKind(saved.model.kind))
        requested.model.kind = *kind;
    requested.model.seed = saved.model.seed;
    return requested;
}

Result<Dataset> loadProjectDataset(const ProjectStore& store, const ProgressCallback& progress)
{
    auto check = store.verifyDataFile();
    if (!check.ok())
        return check.status();
    if (check.value().state != DataFileCheck::State::Unchanged)
        return Status::failure(check.value().message);
    return loadReferencedDataset(store.datasetReference().path, store.columnMapping(), progress);
}

Result<std::shared_ptr<const RankingSnapshot>> rebuildShownRanking(
    std::shared_ptr<const Dataset> data, const SavedSession& saved, const SessionOptions& requested)
{
    using R = Result<std::shared_ptr<const RankingSnapshot>>;
    if (!saved.hasModel)
        return std::shared_ptr<const RankingSnapshot>();
    auto session = ReviewSession::create(std::move(data), reopenedSessionOptions(requested, saved));
    if (!session.ok())
        return session.status();
    if (Status resumed = session.value()->resume(saved); !resumed.ok())
        return resumed;
    auto ranking = session.value()->ranking();
    if (!ranking)
        return R::failure("the project's model version " + std::to_string(saved.model.version)
            + " has no checkpoint to rank the rows with");
    return ranking;
}

} // namespace fr
