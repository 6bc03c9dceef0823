#include "explain_worker.h"

namespace fr::ui {

namespace {

// -1 unlabelled, else the active label: what the product's merged ranking skips.
std::vector<int8_t> labelOfRow(const ReviewSession& session)
{
    std::vector<int8_t> out(static_cast<size_t>(session.dataset().rowCount()), -1);
    for (const LabelRecord& l : session.labels())
        if (l.row >= 0 && static_cast<size_t>(l.row) < out.size())
            out[static_cast<size_t>(l.row)] = l.undone ? -1 : static_cast<int8_t>(l.label);
    return out;
}

} // namespace

ExplainWorker::ExplainWorker()
{
    qRegisterMetaType<RowExplanationPtr>();
}

void ExplainWorker::explain(const std::shared_ptr<ReviewSession>& session,
    const std::shared_ptr<const Dataset>& dataset, const std::string& groupColumn, qint64 row,
    quint64 generation)
{
    Result<RowExplanation> result = Result<RowExplanation>::failure("no project is open");
    try {
        if (session && dataset)
            result = run(session, dataset, groupColumn, row);
    } catch (const std::exception& e) { // not silent: the panel shows it
        result = Result<RowExplanation>::failure(e.what());
    }
    if (result.ok())
        emit explained(std::make_shared<const RowExplanation>(result.take()), generation);
    else
        emit failed(row, QString::fromStdString(result.error()), generation);
}

Result<RowExplanation> ExplainWorker::run(const std::shared_ptr<ReviewSession>& session,
    const std::shared_ptr<const Dataset>& dataset, const std::string& groupColumn, int64_t row)
{
    const auto ranking = session->ranking();
    if (!ranking)
        return Result<RowExplanation>::failure("there is no model to explain yet");
    const int64_t version = ranking->modelVersion;
    if (!mExplainer || mSession != session.get() || mExplainer->modelVersion() != version) {
        auto checkpoint = session->saveCheckpoint();
        if (!checkpoint.ok())
            return checkpoint.status();
        Status made = Status::success();
        if (mExplainer && mSession == session.get()) {
            made = mExplainer->useVersion(checkpoint.value(), version);
        } else {
            auto created = RowExplainer::create(
                dataset, session->options().model, checkpoint.value(), version, groupColumn);
            made = created.status();
            if (created.ok())
                mExplainer = created.take();
        }
        if (!made.ok()) {
            reset();
            return made;
        }
        mSession = session.get();
    }
    return mExplainer->explain(row, *ranking, labelOfRow(*session));
}

void ExplainWorker::reset()
{
    mExplainer.reset();
    mSession = nullptr;
}

} // namespace fr::ui
