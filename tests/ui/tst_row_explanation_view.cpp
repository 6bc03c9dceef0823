// "Why this row" in the detail panel, offscreen: the bars, key parts and group-swap line of a
// hand-made explanation for a tabular and an image row, the line hidden in blind review, then end
// to end on the demo: the window asks the model and the panel shows its answer.
#include "detail_panel.h"
#include "main_window.h"
#include "queue_panel.h"
#include "ui_test_data.h"
#include "window_test_support.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fr;
using namespace fr::ui;

namespace {

std::shared_ptr<RowExplanation> tabularExplanation(int64_t row, int64_t version)
{
    auto e = std::make_shared<RowExplanation>();
    e->row = row;
    e->modelVersion = version;
    e->hasReconstruction = true;
    e->reconstructionError = 2.0;
    e->features = {{"age", 1.5, 0.75}, {"sex", 0.4, 0.2}, {"checks", 0.1, 0.05}};
    e->columnShare = {0.75, 0.05, 0.1, 0.1};
    e->keyIsHeadLogit = true;
    e->key = 1.5;
    e->latentTerm = 1.0;
    e->rowTerm = 0.25;
    e->bias = -0.5;
    e->scoreTerms = {{"reconstruction error", 0.25}, {"Isolation Forest", 0.5}};
    e->swapBasis = GroupSwapBasis::Calibration;
    e->rank = 7;
    e->swaps = {{0, "White", 0.2, 41}};
    return e;
}

// 4 x 4 images: 16 pixel columns, two groups.
std::shared_ptr<Dataset> imageDataset(int64_t rows)
{
    auto data = std::make_shared<Dataset>();
    data->imageWidth = data->imageHeight = 4;
    data->matrix.rows = rows;
    data->matrix.cols = 16;
    for (int64_t r = 0; r < rows; ++r) {
        for (int p = 0; p < 16; ++p)
            data->matrix.values.push_back(float((r + p) % 7) / 7.0f);
        data->ids.push_back("img" + std::to_string(r));
        data->groups.push_back(int(r % 2));
    }
    for (int p = 0; p < 16; ++p)
        data->features.push_back({"pixel " + std::to_string(p), "image", 0.4, 1.0, 0.0, 0.3});
    data->groupNames = {"normal", "inverted"};
    data->protectedGroup = 1;
    return data;
}

} // namespace

class TestRowExplanationView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FairReviewTest"));
        QSettings().remove(QStringLiteral("blindReview"));
    }

    void tabularRowShowsBarsKeyPartsAndTheSwap()
    {
        DetailPanel panel;
        panel.setDataset(test::makeDataset(50));
        panel.setRanking(test::makeRanking(50, 3));
        panel.showRow(12, RowStatus::Unlabelled, true, {});
        QVERIFY(panel.explanationText().contains(QStringLiteral("asking the model")));
        panel.setExplanation(tabularExplanation(11, 3)); // another row: ignored
        QVERIFY(panel.explanationText().contains(QStringLiteral("asking the model")));
        panel.setExplanation(tabularExplanation(12, 2)); // another model version: ignored
        QVERIFY(panel.explanationText().contains(QStringLiteral("asking the model")));
        panel.setExplanation(tabularExplanation(12, 3));
        const QString text = panel.explanationText();
        QVERIFY2(
            text.contains(QStringLiteral("Share of the reconstruction error")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("age")) && text.contains(QStringLiteral("75%")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("logit 1.50 = latent code +1.00, the row's features "
                                              "+0.25, reconstruction error +0.25, Isolation "
                                              "Forest +0.50, bias −0.50")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("rank 7 → 41 if White")), qPrintable(text));
        QVERIFY(!panel.heatMapShown());
        // The same row again (a status change) keeps the explanation.
        panel.showRow(12, RowStatus::Anomaly, true, {});
        QVERIFY(panel.explanationText().contains(QStringLiteral("41 if White")));
        // Blind review: the swap would tell the row's group.
        panel.setGroupHidden(true, "");
        panel.showRow(12, RowStatus::Anomaly, true, {});
        QVERIFY(!panel.explanationText().contains(QStringLiteral("White")));
        QVERIFY(panel.explanationText().contains(QStringLiteral("hidden during blind review")));
        panel.showRow(13, RowStatus::Unlabelled, true, {});
        QVERIFY(panel.explanationText().contains(QStringLiteral("asking the model")));
        panel.setExplanationFailed(13, QStringLiteral("out of memory"));
        QVERIFY(panel.explanationText().contains(QStringLiteral("out of memory")));
    }

    void imageRowShowsTheHeatMap()
    {
        DetailPanel panel;
        panel.setDataset(imageDataset(20));
        panel.setRanking(test::makeRanking(20, 1));
        panel.showRow(4, RowStatus::Unlabelled, false, {});
        auto e = std::make_shared<RowExplanation>();
        e->row = 4;
        e->modelVersion = 1;
        e->hasReconstruction = true;
        e->reconstructionError = 3.0;
        e->features = {{"image", 3.0, 1.0}};
        for (int p = 0; p < 16; ++p)
            e->columnShare.push_back(p == 5 ? 0.25 : 0.05);
        e->scoreTerms = {{"reconstruction error", 0.0}, {"Isolation Forest", 1.2}};
        e->key = 1.2;
        e->swapBasis = GroupSwapBasis::NoEffect;
        e->rank = 3;
        panel.setExplanation(e);
        QVERIFY(panel.heatMapShown());
        const QString text = panel.explanationText();
        QVERIFY2(text.contains(QStringLiteral("heat map")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("label-free score")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Isolation Forest +1.20")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("does not depend on the group")), qPrintable(text));
    }

    void windowExplainsTheSelectedDemoRow()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openProject(test::demoTestRequest(dir.filePath(QStringLiteral("demo.frproj")), 300));
        ReviewController* controller = window.controller();
        QSignalSpy finished(controller, &ReviewController::trainingFinished);
        QVERIFY(finished.wait(test::kTrainingWaitMs));
        QVERIFY(finished.at(0).at(0).toBool());
        QSignalSpy explained(controller, &ReviewController::rowExplained);
        const int64_t row = controller->snapshot()->ranking->order[2];
        window.queuePanel()->selectDatasetRow(row);
        // The row selected at first may be answered before the one asked for here.
        auto answerFor = [&]() -> RowExplanationPtr {
            for (const QList<QVariant>& args : explained)
                if (auto e = args.at(0).value<RowExplanationPtr>(); e && e->row == row)
                    return e;
            return nullptr;
        };
        QVERIFY(QTest::qWaitFor([&] { return answerFor() != nullptr; }, 60000));
        const RowExplanationPtr e = answerFor();
        QCOMPARE(e->row, row);
        QCOMPARE(e->rank, int64_t(3));
        const QString text = window.detailPanel()->explanationText();
        QVERIFY2(
            text.contains(QStringLiteral("Share of the reconstruction error")), qPrintable(text));
        QVERIFY2(
            text.contains(QString::fromStdString(e->features.front().feature)), qPrintable(text));
        controller->closeProject();
    }
};

QTEST_MAIN(TestRowExplanationView)
#include "tst_row_explanation_view.moc"
