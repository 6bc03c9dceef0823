// "Why this row" off the GUI thread: a worker object on the training thread (the one thread that
// ever changes the session's model, so the model it explains cannot change under it) that keeps
// a RowExplainer (core/active/row_explanation.h) on its own copy of the current model version.
// The first request for a version rebuilds that copy from the version's checkpoint; later ones
// only run the row.
#pragma once

#include "active/review_session.h"
#include "active/row_explanation.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <string>

namespace fr::ui {

using RowExplanationPtr = std::shared_ptr<const RowExplanation>;

class ExplainWorker : public QObject {
    Q_OBJECT
public:
    ExplainWorker();

    // groupColumn: the sensitive-group column when it is a model input, else empty.
    void explain(const std::shared_ptr<ReviewSession>& session,
        const std::shared_ptr<const Dataset>& dataset, const std::string& groupColumn, qint64 row,
        quint64 generation);
    void reset(); // drops the copy of the model (the project closes)

signals:
    void explained(const fr::ui::RowExplanationPtr& explanation, quint64 generation);
    void failed(qint64 row, const QString& error, quint64 generation);

private:
    Result<RowExplanation> run(const std::shared_ptr<ReviewSession>& session,
        const std::shared_ptr<const Dataset>& dataset, const std::string& groupColumn, int64_t row);

    std::unique_ptr<RowExplainer> mExplainer;
    const ReviewSession* mSession = nullptr; // the session mExplainer copies a model of
};

} // namespace fr::ui

Q_DECLARE_METATYPE(fr::ui::RowExplanationPtr)
