// The controller between the main window and the review session: it owns the two worker threads
// (training; labels and figures), keeps the GUI-side state (row statuses, labels, the current
// snapshot), coalesces retrain requests and stops everything cleanly. Lives on the GUI thread;
// none of its functions waits for a training or for SQLite, apart from closeProject()/shutdown(),
// which cancel the training and wait for the current step to end.
#pragma once

#include "explain_worker.h"
#include "label_worker.h"
#include "open_request.h"
#include "row_status.h"
#include "training_worker.h"
#include "worker_results.h"

#include "active/second_review.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <vector>

namespace fr::ui {

class ReviewController : public QObject {
    Q_OBJECT
public:
    explicit ReviewController(QObject* parent = nullptr);
    ~ReviewController() override;

    void open(const OpenRequest& request);
    // Cancels a running training, lets the workers finish what they were asked (every label is
    // written) and releases the project file (and its lock).
    void closeProject();
    void shutdown(); // closeProject(), then stops both threads

    bool isOpen() const { return bool(mSession); }
    bool isTraining() const { return mTraining; }
    bool isStale() const; // the ranking does not reflect every label yet
    QString projectPath() const;
    std::string groupColumn() const; // the data's sensitive-group column; empty without one
    std::shared_ptr<const Dataset> dataset() const { return mDataset; }
    ReviewSnapshotPtr snapshot() const { return mSnapshot; }
    // Features that predict the sensitive group, checked once when the project opened.
    const std::vector<NamedGroupProxy>& proxies() const { return mProxies; }
    const std::vector<RowStatus>& statuses() const { return mStatuses; }
    RowStatus status(int64_t row) const;
    const std::vector<LabelRecord>& labels() const { return mLabels; }
    std::vector<LabelRecord> labelHistory(int64_t row) const;
    int activeLabelCount() const;
    int changesSinceTraining() const { return mChangesSinceTraining; }
    int64_t metricsK() const { return mMetricsK; }
    QString modelDescription() const; // "UaiNet v3 · CPU"
    std::vector<int64_t> batchRows() const;
    int batchLabelled() const; // rows of the current batch labelled so far
    int pendingWrites() const { return mPendingWrites; }
    const SessionOptions* sessionOptions() const;

    // groupVisible and reviewMs are what the analyst saw (LabelInput): blind review, and the
    // milliseconds from the row shown to the label given (-1 when not measured).
    void label(int64_t row, LabelValue value, const QString& note, bool groupVisible = true,
        int64_t reviewMs = -1);
    void skip(int64_t row);
    void undo();
    void submitBatch(); // asks for a retrain with every label so far (coalesced)
    void cancelTraining();
    void setMetricsK(int64_t k);
    // The project's model versions, oldest first: a small read of the project file (no
    // checkpoints), made when the analyst opens Model > Versions….
    Result<std::vector<ModelVersionRecord>> modelVersions() const;
    int64_t currentModelVersion() const; // 0 before the first model
    // Makes an earlier model version current again on the training thread (rollback); refused
    // while a training runs. Reported like a training: trainingStarted, then trainingFinished.
    void rollBack(int64_t version);
    void exportLabels(const QString& path, ExportFormat format);
    // "Why this row" for the detail panel, on the training thread (explain_worker.h): answered
    // by rowExplained or rowExplainFailed. While one runs, only the latest row asked for waits.
    void explainRow(int64_t row);

    static QString modelKindTitle(const std::string& kind);

    // The analyst's name that every new label and second review carries (analyst_name.h keeps it
    // in the settings); empty: the name the project was opened with.
    void setAnalyst(const QString& name) { mAnalyst = name; }
    QString analyst() const { return mAnalyst; }

    // Second review (review_controller_reviews.cpp). The sample for the current analyst: `size`
    // active labels made by others and not reviewed yet, stratified by group, seeded.
    std::vector<LabelRecord> drawSecondReview(int64_t size, uint64_t seed) const;
    // Stores another analyst's label of label `labelId`'s row on the label thread; it trains
    // nothing. Answered by secondReviewsChanged, or a message when the project file refuses it.
    void secondReview(int64_t labelId, LabelValue value, bool groupVisible, int64_t reviewMs);
    const std::vector<SecondReviewRecord>& secondReviews() const { return mSecondReviews; }
    // Cohen's kappa between first and second labels, overall and per group.
    ReviewAgreement agreement() const;
    // The audit chain's head, for the report: a small read of the project file.
    Result<AuditChainHead> auditChainHead() const;

signals:
    void openStarted(const QString& what);
    void opened();
    void openFailed(const QString& error);
    void trainingStarted(const QString& phase);
    void trainingProgress(const QString& phase, qint64 done, qint64 total);
    // A training that failed (not one cancelled): message says what stopped, why, and what stays;
    // emitted just before trainingFinished.
    void trainingFailed(const QString& message);
    void trainingFinished(bool ok, const QString& message);
    void snapshotChanged(const fr::ui::ReviewSnapshotPtr& snapshot);
    void metricsChanged(const fr::ui::MetricsSnapshotPtr& metrics);
    void rowStatusChanged(qint64 row, int status); // status: int(RowStatus)
    void labelsChanged();
    void labelUndone(qint64 row);
    void staleChanged(bool stale);
    void message(const QString& text);
    void labelsExported(bool ok, const QString& message);
    void rowExplained(const fr::ui::RowExplanationPtr& explanation);
    void rowExplainFailed(qint64 row, const QString& error);
    void secondReviewsChanged();
    void secondReviewRejected(const QString& error);

private:
    void startWorkers();
    void stopWorkers();
    void drainWorkers();
    // The state and signals every run on the training thread starts with (a training or a
    // rollback): the window shows it as running and the figures as stale.
    void markTrainingStarted(const QString& what);
    void startTraining(TrainingWorker::TrainKind kind);
    void requestRetrain();
    void onOpened(const OpenOutcomePtr& outcome, quint64 generation);
    void onTrained(const TrainOutcomePtr& outcome, quint64 generation);
    void onRolledBack(const TrainOutcomePtr& outcome, quint64 generation);
    void onProgress(const QString& phase, qint64 done, qint64 total, quint64 generation);
    void onLabelsStored(const LabelRecords& records, quint64 generation);
    void onLabelsRejected(const QString& error, const QList<qint64>& rows, quint64 generation);
    void onLabelUndone(const LabelRecord& record, quint64 generation);
    void onUndoFailed(const QString& error, quint64 generation);
    void onMetricsComputed(const MetricsSnapshotPtr& metrics, quint64 generation);
    void writeSettled();
    void sendExplainRequest(int64_t row);
    void onExplained(qint64 row, quint64 generation);
    void connectSecondReviews();
    void setStatus(int64_t row, RowStatus status);

    QThread mTrainingThread;
    QThread mLabelThread;
    TrainingWorker* mTrainingWorker = nullptr; // lives on mTrainingThread
    LabelWorker* mLabelWorker = nullptr; // lives on mLabelThread
    ExplainWorker* mExplainWorker = nullptr; // lives on mTrainingThread
    bool mExplaining = false; // an explain request is on the training thread
    int64_t mExplainNext = -1; // the row asked for meanwhile; -1 none

    quint64 mGeneration = 0; // results of a closed project carry an older one and are dropped
    std::shared_ptr<ReviewSession> mSession;
    std::shared_ptr<ProjectStore> mStore;
    std::shared_ptr<const Dataset> mDataset;
    ReviewSnapshotPtr mSnapshot;
    std::vector<NamedGroupProxy> mProxies;
    std::vector<RowStatus> mStatuses;
    std::vector<LabelRecord> mLabels;
    std::vector<SecondReviewRecord> mSecondReviews;
    QString mAnalyst;
    CancelTokenPtr mCancel;
    int64_t mMetricsK = 0;
    bool mOpening = false;
    bool mTraining = false;
    bool mRetrainRequested = false; // Enter pressed, or labels arrived, while busy
    int mChangesSinceTraining = 0; // labels and undos not yet seen by a training
    int mChangesDuringTraining = 0;
    int mPendingWrites = 0; // label and undo requests not yet answered by the label worker
    bool mStoppedWithChanges = false; // the last training was cancelled or failed: labels wait
};

} // namespace fr::ui
