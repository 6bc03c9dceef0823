// The project's latest model rebuilt for scoring outside the review (export-model, score): the
// data file it was trained on (checked unchanged since the project was made), the detector from
// its checkpoint, and the same model as a TorchScript module.
#pragma once

#include "data/column_mapping.h"
#include "data/dataset.h"
#include "models/detector.h"
#include "models/torchscript_export.h"
#include "store/session_journal.h"
#include "util/result.h"

#include <memory>
#include <string>

namespace fr::cli {

struct ProjectModel {
    SavedSession saved;
    ColumnMapping mapping;
    std::shared_ptr<const Dataset> data;
    std::unique_ptr<models::Detector> detector;
    std::unique_ptr<models::ScriptedModel> scripted;
};

// threads: torch's intra-op threads (configureIntraOpThreads). command names the progress lines.
Result<ProjectModel> loadProjectModel(
    const std::string& projectPath, const std::string& command, int threads);

// The worst difference between two equally long series: NaN matches NaN only; scaled is
// |a - b| / max(1, |b|), absolute for small values and relative for large ones.
struct SeriesDiff {
    double maxAbs = 0.0;
    double maxScaled = 0.0;
    void add(const std::vector<float>& actual, const std::vector<float>& expected);
};

} // namespace fr::cli
