// Tests for the review session: batches, submit and undo with their journal calls, labels that
// arrive during a retrain, cancellation, the cold start, and resuming from a saved session.
#include "active/review_session.h"
#include "synthetic_dataset.h"

#include <QtTest>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

using namespace fr;

namespace {

// Records every call, in order, as the project file would receive them.
class RecordingJournal : public SessionJournal {
public:
    Status recordLabels(std::vector<LabelRecord>& labels) override
    {
        std::lock_guard<std::mutex> lock(mMutex);
        for (LabelRecord& l : labels) {
            l.id = ++mNextId;
            saved.labels.push_back(l);
        }
        calls.push_back("labels:" + std::to_string(labels.size()));
        return failLabels ? Status::failure("disk full") : Status::success();
    }
    Status recordUndo(const LabelRecord& label) override
    {
        std::lock_guard<std::mutex> lock(mMutex);
        for (LabelRecord& l : saved.labels)
            if (l.id == label.id)
                l.undone = true;
        calls.push_back("undo:" + std::to_string(label.id));
        return Status::success();
    }
    Status recordModelVersion(const ModelVersionRecord& model, const std::vector<float>& score,
        const std::vector<float>& probability) override
    {
        std::lock_guard<std::mutex> lock(mMutex);
        saved.model = model;
        saved.score = score;
        saved.probability = probability;
        saved.hasModel = true;
        saved.latestVersion = model.version;
        versions[model.version] = {model, score, probability};
        calls.push_back("model:" + std::to_string(model.version));
        return Status::success();
    }
    Status recordRound(const RoundRecord& round) override
    {
        std::lock_guard<std::mutex> lock(mMutex);
        saved.rounds.push_back(round);
        calls.push_back("round:" + std::to_string(round.round));
        return Status::success();
    }
    Status recordRollback(int64_t fromVersion, int64_t toVersion) override
    {
        std::lock_guard<std::mutex> lock(mMutex);
        calls.push_back(
            "rollback:" + std::to_string(fromVersion) + "->" + std::to_string(toVersion));
        return failRollback ? Status::failure("disk full") : Status::success();
    }
    SavedSession saved;
    std::map<int64_t, StoredModelVersion> versions; // every version with its scores
    std::vector<std::string> calls;
    bool failRollback = false;
    bool failLabels = false;

private:
    std::mutex mMutex;
    int64_t mNextId = 0;
};

SessionOptions quickOptions()
{
    SessionOptions o;
    o.model.kind = ModelKind::UaiNet;
    o.model.device = DeviceChoice::Cpu;
    o.model.seed = 3;
    o.model.pretrainSteps = 150;
    o.model.roundSteps = 20;
    o.model.intraOpThreads = 2;
    o.coldStartRounds = 2;
    o.analyst = "ada";
    return o;
}

std::vector<LabelInput> oracle(const Dataset& data, const std::vector<BatchItem>& batch)
{
    std::vector<LabelInput> labels;
    for (const BatchItem& b : batch)
        labels.push_back({b.row, data.truth[b.row] ? LabelValue::Anomaly : LabelValue::Normal, ""});
    return labels;
}

} // namespace

class TestReviewSession : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        mData = test::syntheticDataset(800, 40);
        auto s = ReviewSession::create(mData, quickOptions());
        QVERIFY2(s.ok(), s.error().c_str());
        mSession = s.take();
        mJournal = std::make_shared<RecordingJournal>();
        mSession->setJournal(mJournal);
        CancelToken cancel;
        Status p = mSession->pretrain(cancel);
        QVERIFY2(p.ok(), p.error().c_str());
    }

    void pretrainPublishesVersionOne()
    {
        auto r = mSession->ranking();
        QVERIFY(r);
        QCOMPARE(r->modelVersion, int64_t(1));
        QCOMPARE(r->reason, RankReason::BaseScore);
        QCOMPARE(r->order.size(), size_t(800));
        QCOMPARE(r->latentX.size(), size_t(800));
        QCOMPARE(r->rankOfRow[r->order[0]], int64_t(1));
        QVERIFY(std::isnan(r->probability[0]));
        QCOMPARE(mJournal->calls, std::vector<std::string>({"model:1"}));
        QCOMPARE(mJournal->saved.score, r->score);
        QCOMPARE(mSession->defaultBatchSize(), 3); // 40 anomalies < 100
    }

    void batchIsTheTopOfTheRanking()
    {
        auto r = mSession->ranking();
        auto batch = mSession->nextBatch(5);
        QCOMPARE(batch.size(), size_t(5));
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(batch[i].row, r->order[i]);
            QCOMPARE(batch[i].rank, int64_t(i + 1));
        }
    }

    void submitRecordsContextAndJournalsFirst()
    {
        auto batch = mSession->nextBatch(3);
        auto stored = mSession->submitLabels(oracle(*mData, batch));
        QVERIFY2(stored.ok(), stored.error().c_str());
        QCOMPARE(stored.value().size(), size_t(3));
        const LabelRecord& first = stored.value()[0];
        QCOMPARE(first.id, int64_t(1)); // assigned by the journal before submit returned
        QCOMPARE(first.modelVersion, int64_t(1));
        QCOMPARE(first.rank, int64_t(1));
        QCOMPARE(first.round, 1);
        QCOMPARE(QString::fromStdString(first.strategy), QString("cold-start-score"));
        QCOMPARE(QString::fromStdString(first.analyst), QString("ada"));
        QCOMPARE(
            QString::fromStdString(first.rowId), QString::fromStdString(mData->ids[batch[0].row]));
        QCOMPARE(mJournal->calls.back(), std::string("labels:3"));
        QVERIFY(mSession->hasPendingLabels());
        // The labelled rows leave the queue.
        for (const BatchItem& b : mSession->nextBatch(10))
            for (const BatchItem& l : batch)
                QVERIFY(b.row != l.row);
    }

    void invalidLabelsAreRejectedWhole()
    {
        auto batch = mSession->nextBatch(1);
        QVERIFY(mSession->submitLabels(oracle(*mData, batch)).ok());
        auto again = mSession->submitLabels({{batch[0].row, LabelValue::Normal, ""}});
        QVERIFY(!again.ok());
        QVERIFY(QString::fromStdString(again.error()).contains("already labelled"));
        auto outside
            = mSession->submitLabels({{5, LabelValue::Normal, ""}, {800, LabelValue::Normal, ""}});
        QVERIFY(!outside.ok());
        QCOMPARE(mSession->labels().size(), size_t(1)); // row 5 was not stored either
        mJournal->failLabels = true;
        auto lost = mSession->submitLabels({{6, LabelValue::Normal, ""}});
        QVERIFY(!lost.ok());
        QCOMPARE(mSession->labels().size(), size_t(1));
    }

    void undoMarksTheLastLabel()
    {
        auto batch = mSession->nextBatch(2);
        QVERIFY(mSession->submitLabels(oracle(*mData, batch)).ok());
        auto undone = mSession->undoLastLabel();
        QVERIFY(undone.ok());
        QCOMPARE(undone.value().row, batch[1].row);
        QVERIFY(undone.value().undone);
        QCOMPARE(mJournal->calls.back(), std::string("undo:2"));
        auto labels = mSession->labels();
        QCOMPARE(labels.size(), size_t(2));
        QVERIFY(!labels[0].undone);
        QVERIFY(labels[1].undone);
        // The row is back in the queue and may be labelled again.
        QCOMPARE(mSession->nextBatch(1)[0].row, batch[1].row);
        QVERIFY(mSession->submitLabels({{batch[1].row, LabelValue::Normal, ""}}).ok());
        QVERIFY(mSession->undoLastLabel().ok());
        QVERIFY(mSession->undoLastLabel().ok());
        QVERIFY(!mSession->undoLastLabel().ok()); // nothing left
    }

    void retrainMakesANewVersionAndRound()
    {
        QVERIFY(mSession->submitLabels(oracle(*mData, mSession->nextBatch(3))).ok());
        CancelToken cancel;
        Status s = mSession->retrain(cancel);
        QVERIFY2(s.ok(), s.error().c_str());
        QCOMPARE(mSession->ranking()->modelVersion, int64_t(2));
        QCOMPARE(mSession->currentModel().version, int64_t(2));
        QVERIFY(mSession->currentModel().checkpoint.empty()); // the bytes stay inside
        QVERIFY(mSession->saveCheckpoint().ok());
        auto history = mSession->history();
        QCOMPARE(history.size(), size_t(1));
        QCOMPARE(history[0].labelsSpent, int64_t(3));
        QCOMPARE(history[0].groups.size(), size_t(2));
        QCOMPARE(mJournal->calls.back(), std::string("round:1"));
        QCOMPARE(mJournal->calls[mJournal->calls.size() - 2], std::string("model:2"));
        QVERIFY(!mSession->hasPendingLabels());
    }

    // Labels submitted while a retrain runs are stored at once, counted in the next round, and
    // leave the session with pending labels; the snapshot is swapped whole.
    void labelsDuringRetrainAreKept()
    {
        QVERIFY(mSession->submitLabels(oracle(*mData, mSession->nextBatch(3))).ok());
        std::atomic<bool> started {false}, submitted {false};
        Status result = Status::failure("not run");
        CancelToken cancel;
        // The training waits at its first step until the labels are in: a retrain in progress.
        std::thread worker([&] {
            result = mSession->retrain(cancel, [&](const Progress&) {
                started = true;
                while (!submitted)
                    std::this_thread::yield();
            });
        });
        while (!started)
            std::this_thread::yield();
        auto batch = mSession->nextBatch(2); // from the old ranking, while training
        auto during = mSession->submitLabels(oracle(*mData, batch));
        submitted = true;
        worker.join();
        QVERIFY2(result.ok(), result.error().c_str());
        QVERIFY(during.ok());
        QCOMPARE(during.value()[0].modelVersion, int64_t(1));
        QCOMPARE(during.value()[0].round, 2);
        QCOMPARE(mSession->labels().size(), size_t(5));
        QVERIFY(mSession->hasPendingLabels());
        QCOMPARE(mSession->history()[0].labelsSpent, int64_t(3));
        QVERIFY(mSession->retrain(cancel).ok());
        QCOMPARE(mSession->history()[1].labelsSpent, int64_t(5));
        QVERIFY(!mSession->hasPendingLabels());
    }

    void cancelledRetrainKeepsThePreviousRanking()
    {
        QVERIFY(mSession->submitLabels(oracle(*mData, mSession->nextBatch(3))).ok());
        auto before = mSession->ranking();
        CancelToken cancel;
        cancel.cancel();
        const Status cancelled = mSession->retrain(cancel);
        QVERIFY(cancelled.isCancelled());
        QCOMPARE(mSession->ranking().get(), before.get());
        QVERIFY(mSession->hasPendingLabels());
        cancel.reset();
        QVERIFY(mSession->retrain(cancel).ok());
    }

    // A throw inside a retrain (here a CUDA out-of-memory error injected at step 5, while the
    // head's loss runs on the helper thread) comes back as a failure: the ranking, the model
    // version and the labels stay, nothing is journalled, and the next retrain works.
    void failedRetrainKeepsRankingAndLabels()
    {
        const auto labels = oracle(*mData, mSession->nextBatch(3));
        QVERIFY(mSession->submitLabels(labels).ok());
        auto before = mSession->ranking();
        const auto callsBefore = mJournal->calls;
        CancelToken cancel;
        qputenv("FAIRREVIEW_INJECT_FAULT", "retraining@5");
        const Status failed = mSession->retrain(cancel);
        qunsetenv("FAIRREVIEW_INJECT_FAULT");
        QVERIFY(!failed.ok());
        QCOMPARE(int(failed.code()), int(ErrorCode::Failed));
        QCOMPARE(QString::fromStdString(failed.error()),
            QString("retraining stopped at step 5 of 20: out of GPU memory — retry on the CPU?"));
        QCOMPARE(mSession->ranking().get(), before.get());
        QCOMPARE(mSession->currentModel().version, int64_t(1));
        QCOMPARE(mSession->labels().size(), labels.size());
        QVERIFY(mSession->history().empty());
        QVERIFY(mSession->hasPendingLabels());
        QCOMPARE(mJournal->calls, callsBefore);

        const Status retried = mSession->retrain(cancel);
        QVERIFY2(retried.ok(), retried.error().c_str());
        QCOMPARE(mSession->currentModel().version, int64_t(2));
        QCOMPARE(mSession->history().size(), size_t(1));
        QCOMPARE(mSession->history()[0].labelsSpent, int64_t(labels.size()));
    }

    void headPriorBiasNeedsAHead()
    {
        auto bias = mSession->headPriorBias(BiasTruth::AnalystLabels);
        QVERIFY(!bias.ok()); // only the base score after the pre-training
        QVERIFY(QString::fromStdString(bias.error()).contains("head"));
    }

    void headTakesOverAfterTheColdStart()
    {
        CancelToken cancel;
        // Two anomalies and two normals per round, so that both classes are present.
        std::vector<LabelInput> labels;
        int64_t anomaly = 0, normal = 0;
        for (int i = 0; i < 6; ++i) {
            while (mData->truth[anomaly] != 1)
                ++anomaly;
            while (mData->truth[normal] != 0)
                ++normal;
            if (i % 2 == 0)
                labels.push_back({anomaly++, LabelValue::Anomaly, ""});
            labels.push_back({normal++, LabelValue::Normal, ""});
            if (i % 2 == 1)
                labels.push_back({anomaly++, LabelValue::Anomaly, ""});
        }
        for (int round = 0; round < 3; ++round) {
            std::vector<LabelInput> four(
                labels.begin() + 4 * round, labels.begin() + 4 * round + 4);
            QVERIFY(mSession->submitLabels(four).ok());
            QVERIFY(mSession->retrain(cancel).ok());
            // coldStartRounds = 2: base score after rounds 1, head from round 2 on.
            const RankReason expected
                = round + 1 < 2 ? RankReason::BaseScore : RankReason::HeadProbability;
            QCOMPARE(mSession->ranking()->reason, expected);
        }
        auto r = mSession->ranking();
        QVERIFY(!std::isnan(r->probability[0]));
        checkHeadPriorBias(labels);
        auto next
            = mSession->submitLabels({{mSession->nextBatch(1)[0].row, LabelValue::Normal, ""}});
        QCOMPARE(QString::fromStdString(next.value()[0].strategy), QString("head-probability"));
    }

    void resumeReproducesTheSavedRanking()
    {
        CancelToken cancel;
        QVERIFY(mSession->submitLabels(oracle(*mData, mSession->nextBatch(3))).ok());
        QVERIFY(mSession->retrain(cancel).ok());
        QVERIFY(mSession->submitLabels(oracle(*mData, mSession->nextBatch(3))).ok());
        QVERIFY(mSession->undoLastLabel().ok());
        auto ranking = mSession->ranking();

        SavedSession saved = mJournal->saved;
        QVERIFY(!saved.model.checkpoint.empty());
        auto reopened = ReviewSession::create(mData, quickOptions()).take();
        Status resumed = reopened->resume(saved);
        QVERIFY2(resumed.ok(), resumed.error().c_str());
        QCOMPARE(reopened->ranking()->score, ranking->score);
        QCOMPARE(reopened->ranking()->order, ranking->order);
        QCOMPARE(reopened->ranking()->modelVersion, int64_t(2));
        QCOMPARE(reopened->labels().size(), size_t(6));
        QCOMPARE(reopened->history().size(), size_t(1));
        QVERIFY(reopened->hasPendingLabels()); // 5 active labels, the model used 3
        // The undone row is unlabelled again; the others are not offered.
        auto next = reopened->nextBatch(800);
        QCOMPARE(next.size(), size_t(800 - 5));

        // A saved score that the checkpoint does not reproduce is reported.
        saved.score[0] += 1.0f;
        auto mismatched = ReviewSession::create(mData, quickOptions()).take();
        QVERIFY(!mismatched->resume(saved).ok());
    }

    void rollbackRestoresAnEarlierVersionExactly()
    {
        const StoredModelVersion first = mJournal->versions.at(1);
        retrainTwice();
        QCOMPARE(mSession->ranking()->modelVersion, int64_t(3));
        Status back = mSession->rollBackTo(first);
        QVERIFY2(back.ok(), back.error().c_str());
        auto r = mSession->ranking();
        QCOMPARE(r->modelVersion, int64_t(1));
        QCOMPARE(r->score, first.score); // exactly the scores version 1 gave
        QCOMPARE(mSession->currentModel().version, int64_t(1));
        QCOMPARE(mJournal->calls.back(), std::string("rollback:3->1"));
        QVERIFY(mSession->hasPendingLabels()); // version 1 has not seen the labels since
        // A label made now records the rolled-back model and its score.
        const BatchItem next = mSession->nextBatch(1).at(0);
        auto labelled = mSession->submitLabels(oracle(*mData, {next}));
        QVERIFY2(labelled.ok(), labelled.error().c_str());
        QCOMPARE(labelled.value()[0].modelVersion, int64_t(1));
        QCOMPARE(labelled.value()[0].score, double(first.score[next.row]));
        // The next retrain starts from version 1 and is numbered after the highest version.
        CancelToken cancel;
        QVERIFY(mSession->retrain(cancel).ok());
        QCOMPARE(mSession->ranking()->modelVersion, int64_t(4));
        QCOMPARE(mJournal->calls.back(), std::string("round:3"));
    }

    void failedRollbackKeepsTheCurrentVersion()
    {
        StoredModelVersion first = mJournal->versions.at(1);
        retrainTwice();
        const auto before = mSession->ranking();
        mJournal->failRollback = true;
        QVERIFY(!mSession->rollBackTo(first).ok());
        QCOMPARE(mSession->ranking(), before);
        QCOMPARE(mSession->currentModel().version, int64_t(3));
        // The detector holds version 3 again: a saved session of it still resumes.
        first.score[0] += 1.0f; // a version whose scores the checkpoint does not give
        mJournal->failRollback = false;
        Status wrong = mSession->rollBackTo(first);
        QVERIFY(!wrong.ok());
        QVERIFY2(
            wrong.error().find("does not reproduce") != std::string::npos, wrong.error().c_str());
        QCOMPARE(mSession->ranking(), before);
    }

    void metricsPerGroup()
    {
        MetricsSnapshot m = mSession->metrics(40);
        QCOMPARE(m.modelVersion, int64_t(1));
        QCOMPARE(m.groups.size(), size_t(2));
        QVERIFY(m.groups[1].isProtected);
        QCOMPARE(m.groups[0].rows + m.groups[1].rows, int64_t(800));
        QCOMPARE(m.groups[0].anomalies + m.groups[1].anomalies, int64_t(40));
        QVERIFY(m.recallAtK > 0.5); // the synthetic anomalies are easy
        QVERIFY(m.groups[0].recallLow <= m.groups[0].recallAtK);
        QVERIFY(m.groups[0].recallHigh >= m.groups[0].recallAtK);
    }

private:
    // Two rounds of oracle labels, each with its retrain: versions 2 and 3.
    void retrainTwice()
    {
        for (int round = 0; round < 2; ++round) {
            auto labelled = mSession->submitLabels(oracle(*mData, mSession->nextBatch(3)));
            QVERIFY2(labelled.ok(), labelled.error().c_str());
            CancelToken cancel;
            Status r = mSession->retrain(cancel);
            QVERIFY2(r.ok(), r.error().c_str());
        }
    }

    // The session's figures are scoringBiasOnKnownRows on the labels, or on the ground truth.
    void checkHeadPriorBias(const std::vector<LabelInput>& labels)
    {
        auto r = mSession->ranking();
        std::vector<int8_t> known(mData->truth.size(), -1);
        for (const LabelInput& l : labels)
            known[l.row] = static_cast<int8_t>(l.label);
        auto fromLabels = mSession->headPriorBias(BiasTruth::AnalystLabels);
        QVERIFY2(fromLabels.ok(), fromLabels.error().c_str());
        QCOMPARE(fromLabels.value().truth, BiasTruth::AnalystLabels);
        QCOMPARE(fromLabels.value().normals, int64_t(6));
        QCOMPARE(fromLabels.value().anomalies, int64_t(6));
        auto direct = scoringBiasOnKnownRows(
            r->prior, r->probability, known, mData->groups, 2, kReportedFprQuantile);
        QCOMPARE(fromLabels.value().figures.bias, direct.value().bias);
        QCOMPARE(fromLabels.value().figures.groups.size(), size_t(2));
        auto fromTruth = mSession->headPriorBias(BiasTruth::GroundTruth);
        QVERIFY2(fromTruth.ok(), fromTruth.error().c_str());
        QCOMPARE(fromTruth.value().anomalies, int64_t(40));
        auto all = scoringBias(
            r->prior, r->probability, mData->truth, mData->groups, 2, kReportedFprQuantile);
        QCOMPARE(fromTruth.value().figures.tprOther, all.value().tprOther);
        QCOMPARE(fromTruth.value().figures.groups[1].bias, all.value().groups[1].bias);
    }
    std::shared_ptr<Dataset> mData;
    std::unique_ptr<ReviewSession> mSession;
    std::shared_ptr<RecordingJournal> mJournal;
};

QTEST_GUILESS_MAIN(TestReviewSession)
#include "tst_review_session.moc"
