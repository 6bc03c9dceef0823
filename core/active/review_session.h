// The review session: the one object the GUI and the CLI drive. It owns the data set, the model and
// the analyst's labels, and hands out immutable snapshots for the views (ARCHITECTURE.md).
//
// Threads: pretrain()/retrain() run on one worker thread at a time. Every other member may be
// called from any thread while a training runs and never waits for it for more than a few
// milliseconds: labels submitted during a retrain are kept and used by the next one, and the
// snapshots are swapped atomically when a training finishes.
// Errors: no call lets an exception out; a failure is a Status or Result whose code() tells a
// cancellation (ErrorCode::Cancelled) from a failure, and whose error() says what stopped and why.
#pragma once

#include "active/fair_allocation.h"
#include "active/label_ledger.h"
#include "active/query_strategy.h"
#include "active/session_snapshots.h"
#include "data/dataset.h"
#include "models/model_options.h"
#include "store/records.h"
#include "store/session_journal.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fr {

struct SessionOptions {
    ModelOptions model;
    QueryStrategy strategy = QueryStrategy::Top;
    int batchSize = 0; // 0: 10, or 3 when the data has fewer than 100 anomalies
    // Rank by the label-free score for this many rounds; -1: the model's own (coldStartRounds()).
    int coldStartRounds = -1;
    std::string analyst; // recorded with every label
    // The 2-D projection of the latent codes in every snapshot (the window's latent plot); off,
    // a round skips the latent codes' copy and PCA (simulate without --latent).
    bool projectLatent = true;
};

class ReviewSession {
public:
    static Result<std::unique_ptr<ReviewSession>> create(
        std::shared_ptr<const Dataset> dataset, const SessionOptions& options);
    ~ReviewSession();
    ReviewSession(const ReviewSession&) = delete;
    ReviewSession& operator=(const ReviewSession&) = delete;

    const Dataset& dataset() const;
    const SessionOptions& options() const;
    std::string deviceName() const; // "cpu" or "cuda", as resolved from DeviceChoice::Auto

    // Every label, undo, model version and round goes to the journal (the project file) before the
    // call that made it returns. Optional: without one the session lives in memory only.
    void setJournal(std::shared_ptr<SessionJournal> journal);
    // Reopening a project: restores labels, rounds and the model from its checkpoint instead of
    // pre-training; the restored ranking reproduces the saved scores.
    Status resume(const SavedSession& saved);

    // Rollback: makes an earlier stored model version current again. Its checkpoint goes back
    // into the model, which must reproduce its stored scores; its ranking (from the labels as
    // they are now) is published and the journal records the rollback. Later labels name that
    // version; the next retrain starts from it and is numbered after the highest version. A
    // failure leaves the current version in place.
    Status rollBackTo(const StoredModelVersion& version);

    // Unsupervised pre-training of the base detector, then the first ranking (model version 1).
    // A failed one leaves no model; the next call starts afresh (Detector::pretrain).
    Status pretrain(const CancelToken& cancel, const ProgressCallback& progress = {});
    // The round update after a labelled batch: a new model version, new scores for every row.
    // A cancelled or failed retrain leaves the previous model and ranking in place (in the
    // detector too, so that the next round starts from them); its labels stay pending.
    Status retrain(const CancelToken& cancel, const ProgressCallback& progress = {});
    bool hasPendingLabels() const; // labels submitted since the last (re)train started

    // The next k unlabelled rows to review, as options().strategy picks them from the ranking.
    std::vector<BatchItem> nextBatch(int k) const;
    // Per group: anomalies found and the estimate of how many the group holds (labels plus the
    // head's probabilities over its unlabelled rows), with ~95% intervals. Empty without groups.
    std::vector<GroupAnomalyEstimate> groupEstimates() const;
    // The head against the label-free prior at the target FPR 1 - q (HeadPriorBias), from the
    // analyst's active labels or from the data's ground truth. Failure while the ranking has no
    // head probabilities, for GroundTruth without ground truth, and without a known normal.
    Result<HeadPriorBias> headPriorBias(BiasTruth truth, double q = kReportedFprQuantile) const;
    int defaultBatchSize() const;

    // Records the labels with their context from the ranking the queue shows (LabelLedger) and
    // returns the stored records. Rows out of range, or already labelled and not undone, are an
    // error.
    Result<std::vector<LabelRecord>> submitLabels(const std::vector<LabelInput>& labels);
    // Marks the most recent label undone; returns it. Error when there is none.
    Result<LabelRecord> undoLastLabel();
    std::vector<LabelRecord> labels() const; // every label, undone ones included, oldest first
    std::vector<GroupLabelTally> groupTallies() const; // active labels per group

    std::shared_ptr<const RankingSnapshot> ranking() const; // null before pretrain()
    MetricsSnapshot metrics(int64_t k) const; // per-group figures at K
    std::vector<RoundRecord> history() const; // one record per finished round
    ModelVersionRecord currentModel() const; // without the checkpoint bytes

    // Model + optimiser state; restoring reproduces the scores exactly.
    Result<std::vector<uint8_t>> saveCheckpoint() const;
    Status restoreCheckpoint(const std::vector<uint8_t>& bytes);

private:
    ReviewSession();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fr
