// Reopening a project's review: the session options its saved model was made with, and the
// ranking snapshot the window's queue shows for it, rebuilt from the data set and the checkpoint.
// The CLI's `label` records its context from that snapshot, so that it matches the window's.
#pragma once

#include "active/review_session.h"

#include <memory>

namespace fr {

class ProjectStore;

// The data set a project was made on, once its data file is checked to be unchanged (for a
// Fashion-MNIST set-up: its training images); the failure says why the rows cannot be shown.
Result<Dataset> loadProjectDataset(
    const ProjectStore& store, const ProgressCallback& progress = {});

// `requested` with what the saved model fixes: its kind and its seed (the seed fits the
// product's Isolation Forest prior, which the checkpoint does not hold). Unchanged without one.
SessionOptions reopenedSessionOptions(SessionOptions requested, const SavedSession& saved);

// The ranking a session reopened on `data` shows for the saved model (every saved label counts,
// as in the window); null when the project has no model yet.
Result<std::shared_ptr<const RankingSnapshot>> rebuildShownRanking(
    std::shared_ptr<const Dataset> data, const SavedSession& saved,
    const SessionOptions& requested);

} // namespace fr
