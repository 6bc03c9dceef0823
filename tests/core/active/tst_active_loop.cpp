// Tests for the product's active loop (ALGORITHMS.md §8) through the review session: the prior
// ranks alone with no labels and with one class only; with both classes the head competes for
// the queue and the labels record who showed each row; and on a seeded slice of the Arrests data
// the loop finds more than the published UaiNet's cold start and never less than its own prior.
#include "active/review_session.h"
#include "active/simulation.h"
#include "data/dataset_loader.h"
#include "synthetic_dataset.h"

#include <QtTest>

using namespace fr;

namespace {

SessionOptions activeOptions(ModelKind kind = ModelKind::Active)
{
    SessionOptions o;
    o.model.kind = kind;
    o.model.device = DeviceChoice::Cpu;
    o.model.seed = 5;
    o.model.pretrainSteps = 300;
    o.model.roundSteps = 20;
    o.model.intraOpThreads = 2;
    o.batchSize = 10;
    return o;
}

std::vector<LabelInput> labelsFor(const std::vector<BatchItem>& batch, LabelValue value)
{
    std::vector<LabelInput> out;
    for (const BatchItem& b : batch)
        out.push_back({b.row, value, ""});
    return out;
}

bool everyRowBy(const RankingSnapshot& r, Ranker ranker)
{
    return std::all_of(
        r.rankerOfRow.begin(), r.rankerOfRow.end(), [&](Ranker x) { return x == ranker; });
}

} // namespace

class TestActiveLoop : public QObject {
    Q_OBJECT
private slots:
    void priorAloneUntilBothClassesAreLabelled()
    {
        auto data = test::syntheticDataset(600, 60);
        auto created = ReviewSession::create(data, activeOptions());
        QVERIFY2(created.ok(), created.error().c_str());
        auto session = created.take();
        CancelToken never;
        QVERIFY(session->pretrain(never).ok());
        // No labels: the prior's ranking, nothing for the head.
        auto r = session->ranking();
        QCOMPARE(r->reason, RankReason::BaseScore);
        QCOMPARE(r->headShare, 0.0);
        QVERIFY(everyRowBy(*r, Ranker::Prior));

        // Anomalies only: the head has nothing to separate, the prior keeps ranking.
        auto first = session->submitLabels(labelsFor(session->nextBatch(10), LabelValue::Anomaly));
        QVERIFY(first.ok());
        QCOMPARE(first.value().front().strategy, std::string("label-free-prior"));
        QVERIFY(session->retrain(never).ok());
        r = session->ranking();
        QCOMPARE(r->headShare, 0.0);
        QVERIFY(everyRowBy(*r, Ranker::Prior));

        // Both classes: the head is fitted and gets a share of the queue, not all of it.
        QVERIFY(session->submitLabels(labelsFor(session->nextBatch(10), LabelValue::Normal)).ok());
        QVERIFY(session->retrain(never).ok());
        r = session->ranking();
        QVERIFY(r->headShare > 0.0 && r->headShare < 1.0);
        QVERIFY(!everyRowBy(*r, Ranker::Head) && !everyRowBy(*r, Ranker::Prior));
        QVERIFY(!std::isnan(r->probability[0]));
        auto batch = session->nextBatch(10);
        auto third = session->submitLabels(labelsFor(batch, LabelValue::Normal));
        QVERIFY(third.ok());
        for (size_t i = 0; i < batch.size(); ++i) {
            const bool byHead = r->rankerOfRow[batch[i].row] == Ranker::Head;
            QCOMPARE(third.value()[i].strategy,
                std::string(byHead ? "head-probability" : "label-free-prior"));
        }
    }

    // 300 labels on the first 2,000 Arrests rows: the active loop against the published UaiNet
    // (10 blind rounds on the DAE score) and against its own label-free prior.
    void beatsTheColdStartAndItsPriorOnAnArrestsSlice()
    {
        ColumnMapping mapping;
        mapping.idColumn = "id";
        mapping.truthColumn = "released";
        mapping.anomalyValue = "No";
        mapping.groupColumn = "colour";
        mapping.protectedValue = "Black";
        auto loaded = loadCsvDataset(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", mapping);
        QVERIFY2(loaded.ok(), loaded.error().c_str());
        Dataset slice = loaded.take();
        const int64_t rows = 2000;
        slice.matrix.rows = rows;
        slice.matrix.values.resize(static_cast<size_t>(rows * slice.matrix.cols));
        slice.ids.resize(rows);
        slice.groups.resize(rows);
        slice.truth.resize(rows);
        auto data = std::make_shared<const Dataset>(std::move(slice));
        SimulationOptions simulation;
        simulation.budget = 300;
        std::map<ModelKind, SimulationResult> results;
        for (ModelKind kind : {ModelKind::Active, ModelKind::UaiNet}) {
            auto session = ReviewSession::create(data, activeOptions(kind)).take();
            auto run = runSimulation(*session, false, simulation);
            QVERIFY2(run.ok(), run.error().c_str());
            results[kind] = run.take();
        }
        const SimulationResult& active = results[ModelKind::Active];
        QVERIFY2(active.found() > results[ModelKind::UaiNet].found(),
            qPrintable(QString("active %1, uainet %2")
                           .arg(active.found())
                           .arg(results[ModelKind::UaiNet].found())));
        for (int64_t k = 50; k <= 300; k += 50)
            QVERIFY2(foundAt(active.foundAfter, k) >= foundAt(active.priorFoundAfter, k),
                qPrintable(QString("at %1: %2 < prior %3")
                               .arg(k)
                               .arg(foundAt(active.foundAfter, k))
                               .arg(foundAt(active.priorFoundAfter, k))));
    }
};

QTEST_GUILESS_MAIN(TestActiveLoop)
#include "tst_active_loop.moc"
