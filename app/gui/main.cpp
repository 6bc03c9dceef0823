// fairreview: the desktop application.
//   fairreview [--demo] [--project FILE] [--screenshot PNG] [--after-rounds N]
#include "demo_setup.h"
#include "detail_panel.h"
#include "main_window.h"
#include "scripted_review.h"
#include "util/openmp_env.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

constexpr int kScreenshotTimeoutMs = 20 * 60 * 1000; // a slow CPU pre-trains in minutes, not more

struct Options {
    bool demo = false;
    QString project;
    QString screenshot;
    int rounds = 0;
};

Options parseArguments(const QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Fair anomaly review: rank, label, retrain."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        "demo", QObject::tr("Open the bundled Arrests demo, ready to review."));
    const QCommandLineOption project("project", QObject::tr("Open a project file."), "file");
    const QCommandLineOption screenshot("screenshot",
        QObject::tr("Render the window to a PNG file and exit (after --after-rounds rounds)."),
        "png");
    const QCommandLineOption rounds("after-rounds",
        QObject::tr("Simulated labelling rounds before --screenshot (from the ground truth)."), "n",
        "0");
    parser.addOptions({demo, project, screenshot, rounds});
    parser.process(app);
    return {parser.isSet(demo), parser.value(project), parser.value(screenshot),
        parser.value(rounds).toInt()};
}

void saveScreenshot(
    fr::ui::MainWindow& window, const QString& path, bool ok, const QString& message)
{
    if (!ok)
        std::fprintf(stderr, "fairreview: the simulated review stopped: %s\n", qPrintable(message));
    if (window.grab().save(path))
        std::printf("fairreview: screenshot written to %s\n", qPrintable(path));
    else
        std::fprintf(stderr, "fairreview: cannot write %s\n", qPrintable(path));
    window.close();
    QApplication::exit(ok ? 0 : 1);
}

} // namespace

int main(int argc, char** argv)
{
    fr::ensurePassiveOpenMp(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName("FairReview");
    QApplication::setOrganizationName("FairReview");
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    const Options options = parseArguments(app);

    fr::ui::MainWindow window;
    QTemporaryDir screenshotDir; // a fresh demo project for every screenshot
    // A screenshot run is unattended: nobody is there to give a name.
    window.setAnalystPromptEnabled(options.screenshot.isEmpty());
    if (options.demo) {
        const QString dataDir = fr::ui::findDemoDataDir(QStringLiteral(FAIRREVIEW_DATA_DIR));
        if (dataDir.isEmpty()) {
            std::fprintf(stderr,
                "fairreview: cannot find the demo data (arrests.csv) in %s or "
                "beside the executable\n",
                FAIRREVIEW_DATA_DIR);
            return 2;
        }
        const bool fresh = !options.screenshot.isEmpty();
        const QString projectPath = fresh
            ? QDir(screenshotDir.path()).filePath("arrests-demo.frproj")
            : fr::ui::defaultDemoProjectPath();
        window.ensureAnalystName(); // before the request, which records the name
        window.openProject(fr::ui::demoRequest(dataDir, projectPath, fresh));
    } else if (!options.project.isEmpty()) {
        window.openProjectFile(options.project);
    }
    window.show();

    std::unique_ptr<fr::ui::ScriptedReview> script;
    if (!options.screenshot.isEmpty()) {
        script = std::make_unique<fr::ui::ScriptedReview>(&window, options.rounds);
        QObject::connect(script.get(), &fr::ui::ScriptedReview::finished, &window,
            [&](bool ok, const QString& message) {
                // The detail panel's "why this row" comes from the training thread a moment
                // after the row is shown: the picture waits for it.
                auto* poll = new QTimer(&window);
                QObject::connect(poll, &QTimer::timeout, &window, [&, poll, ok, message] {
                    if (window.detailPanel()->explanationPending())
                        return;
                    poll->stop();
                    saveScreenshot(window, options.screenshot, ok, message);
                });
                poll->start(50);
            });
        QTimer::singleShot(kScreenshotTimeoutMs, &window,
            [&] { saveScreenshot(window, options.screenshot, false, QObject::tr("timed out")); });
        script->start();
    }
    return app.exec();
}
