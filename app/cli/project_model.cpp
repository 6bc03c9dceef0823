// loadProjectModel (project_model.h).
#include "project_model.h"

#include "active/reopened_session.h"
#include "data/dataset_loader.h"
#include "data_options.h"
#include "store/project_store.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fr::cli {

namespace {

Result<std::shared_ptr<const Dataset>> loadProjectData(
    const ProjectStore& store, const std::string& command)
{
    using R = Result<std::shared_ptr<const Dataset>>;
    const std::string why = "; the model's preprocessing is rebuilt from it";
    auto check = store.verifyDataFile();
    if (!check.ok())
        return R::failure(check.error() + why);
    if (check.value().state != DataFileCheck::State::Unchanged)
        return R::failure(check.value().message + why);
    StderrProgress progress(command);
    auto data
        = loadCsvDataset(store.datasetReference().path, store.columnMapping(), progress.callback());
    if (!data.ok())
        return data.status();
    return std::make_shared<const Dataset>(data.take());
}

} // namespace

Result<ProjectModel> loadProjectModel(
    const std::string& projectPath, const std::string& command, int threads)
{
    auto store = ProjectStore::open(projectPath);
    if (!store.ok())
        return store.status();
    auto saved = store.value()->loadSession();
    if (!saved.ok())
        return saved.status();
    if (!saved.value().hasModel || saved.value().model.checkpoint.empty())
        return Result<ProjectModel>::failure(projectPath
            + " has no trained model yet (pre-train it in the window or with simulate --project)");
    ProjectModel model;
    model.saved = saved.take();
    model.mapping = store.value()->columnMapping();
    auto data = loadProjectData(*store.value(), command);
    if (!data.ok())
        return data.status();
    model.data = data.take();
    ModelOptions options = reopenedSessionOptions(SessionOptions(), model.saved).model;
    options.device = DeviceChoice::Cpu;
    options.intraOpThreads = threads;
    auto detector = models::Detector::create(model.data, options);
    if (!detector.ok())
        return detector.status();
    model.detector = detector.take();
    if (Status restored = model.detector->restoreCheckpoint(model.saved.model.checkpoint);
        !restored.ok())
        return restored.withContext(
            projectPath + ", model version " + std::to_string(model.saved.model.version) + ": ");
    auto scripted = models::ScriptedModel::fromDetector(*model.detector);
    if (!scripted.ok())
        return scripted.status();
    model.scripted = scripted.take();
    return model;
}

void SeriesDiff::add(const std::vector<float>& actual, const std::vector<float>& expected)
{
    if (actual.size() != expected.size()) {
        maxAbs = maxScaled = std::numeric_limits<double>::infinity();
        return;
    }
    for (size_t i = 0; i < actual.size(); ++i) {
        const double a = actual[i], b = expected[i];
        if (std::isnan(a) && std::isnan(b))
            continue;
        const double diff
            = std::isnan(a - b) ? std::numeric_limits<double>::infinity() : std::fabs(a - b);
        maxAbs = std::max(maxAbs, diff);
        maxScaled = std::max(maxScaled, diff / std::max(1.0, std::fabs(b)));
    }
}

} // namespace fr::cli
