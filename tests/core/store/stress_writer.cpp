// fairreview-stress-writer: the victim process of the crash-safety test (tst_crashsafety) and the
// second writer of tst_projectcli, a test helper that is not shipped.
//
// usage: fairreview-stress-writer --project P [--seed S] [--checkpoint-bytes N]
// Labels rows and writes model versions with scores and a checkpoint, as a review with retraining
// would, until it is killed or every row is labelled. It prints "ready", then "label ID ROW" after
// each label is stored, "undo ID" and "model VERSION" likewise, each line flushed once the write
// has returned; "writing labels|undo|model|round" is flushed before each write starts.
#include "metrics/ranking.h"
#include "store/project_store.h"
#include "util/utc_clock.h"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <random>
#include <set>
#include <string>

namespace {

using namespace fr;

int fail(const std::string& message)
{
    std::cerr << "fairreview-stress-writer: " << message << "\n";
    return 1;
}

class StressWriter {
public:
    StressWriter(ProjectStore& store, uint64_t seed, size_t checkpointBytes)
        : mStore(store)
        , mRandom(seed)
        , mCheckpointBytes(checkpointBytes)
    { }

    int run()
    {
        auto saved = mStore.loadSession();
        if (!saved.ok())
            return fail(saved.error());
        restore(saved.take());
        std::cout << "ready" << std::endl;
        for (int batch = 1; !mUnlabelled.empty(); ++batch) {
            if (Status s = labelBatch(); !s.ok())
                return fail(s.error());
            if (batch % 7 == 0)
                if (Status s = undoLast(); !s.ok())
                    return fail(s.error());
            if (batch % 3 == 0)
                if (Status s = retrain(); !s.ok())
                    return fail(s.error());
        }
        return 0;
    }

private:
    void restore(SavedSession saved)
    {
        std::set<int64_t> labelled;
        for (const auto& l : saved.labels)
            if (!l.undone)
                labelled.insert(l.row);
        for (int64_t row = 0; row < mStore.rowCount(); ++row)
            if (!labelled.count(row))
                mUnlabelled.push_back(row);
        std::shuffle(mUnlabelled.begin(), mUnlabelled.end(), mRandom);
        mRound = saved.rounds.empty() ? 0 : saved.rounds.back().round;
        if (saved.hasModel)
            setModel(saved.model.version, std::move(saved.score));
        mLastLabels = {};
    }

    void setModel(int64_t version, std::vector<float> score)
    {
        mVersion = version;
        mScore = std::move(score);
        mRank = rankOfRow(rankOrder(mScore));
    }

    Status labelBatch()
    {
        std::vector<LabelRecord> batch(1 + mRandom() % 5);
        batch.resize(std::min(batch.size(), mUnlabelled.size()));
        for (auto& l : batch) {
            l.row = mUnlabelled.back();
            mUnlabelled.pop_back();
            l.label = mRandom() % 4 == 0 ? LabelValue::Anomaly : LabelValue::Normal;
            l.note = "stress " + std::to_string(mRandom() % 1000);
            l.analyst = "stress-writer";
            l.modelVersion = mVersion;
            l.score = mVersion ? mScore[l.row] : 0.0;
            l.rank = mVersion ? mRank[l.row] : 0;
            l.strategy = mVersion ? "head-probability" : "cold-start-score";
            l.round = mRound + 1;
        }
        std::cout << "writing labels" << std::endl; // a kill after this line hit a write
        if (Status s = mStore.recordLabels(batch); !s.ok())
            return s;
        for (const auto& l : batch)
            std::cout << "label " << l.id << " " << l.row << "\n";
        std::cout << std::flush; // only now is the batch acknowledged
        mLastLabels = batch;
        return Status::success();
    }

    Status undoLast()
    {
        if (mLastLabels.empty())
            return Status::success();
        const LabelRecord last = mLastLabels.back();
        mLastLabels.pop_back();
        std::cout << "writing undo" << std::endl;
        if (Status s = mStore.recordUndo(last); !s.ok())
            return s;
        std::cout << "undo " << last.id << std::endl;
        mUnlabelled.insert(mUnlabelled.begin(), last.row);
        return Status::success();
    }

    Status retrain()
    {
        ModelVersionRecord model;
        model.version = mVersion + 1;
        model.kind = "stress";
        model.hyperParameters = "{}";
        model.device = "cpu";
        model.seed = mRandom();
        model.metrics = "{}";
        model.createdUtcMs = currentUtcMs();
        model.checkpoint.resize(mCheckpointBytes);
        for (auto& byte : model.checkpoint)
            byte = uint8_t(mRandom());
        std::vector<float> score(mStore.rowCount()), probability(mStore.rowCount());
        std::uniform_real_distribution<float> uniform(0.f, 1.f);
        for (size_t i = 0; i < score.size(); ++i) {
            score[i] = uniform(mRandom);
            probability[i] = uniform(mRandom);
        }
        std::cout << "writing model" << std::endl;
        if (Status s = mStore.recordModelVersion(model, score, probability); !s.ok())
            return s;
        std::cout << "model " << model.version << std::endl;
        setModel(model.version, std::move(score));
        ++mRound;
        std::cout << "writing round" << std::endl;
        return mStore.recordRound({mRound, mVersion, 0, 0, {}});
    }

    ProjectStore& mStore;
    std::mt19937_64 mRandom;
    size_t mCheckpointBytes;
    std::vector<int64_t> mUnlabelled;
    std::vector<LabelRecord> mLastLabels;
    std::vector<float> mScore;
    std::vector<int64_t> mRank;
    int64_t mVersion = 0;
    int mRound = 0;
};

} // namespace

int main(int argc, char** argv)
{
    std::string project;
    uint64_t seed = 1;
    size_t checkpointBytes = 1 << 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i], value = argv[i + 1];
        if (name == "--project")
            project = value;
        else if (name == "--seed")
            seed = std::stoull(value);
        else if (name == "--checkpoint-bytes")
            checkpointBytes = std::stoull(value);
        else
            return fail("unknown option " + name);
    }
    if (project.empty() || argc % 2 == 0)
        return fail(
            "usage: fairreview-stress-writer --project P [--seed S] [--checkpoint-bytes N]");
    auto store = ProjectStore::open(project);
    if (!store.ok())
        return fail(store.error());
    return StressWriter(*store.value(), seed, checkpointBytes).run();
}
