// fairreview-cli report: the fairness report the window exports (File > Export fairness report),
// as a PDF or an HTML file, without the window: the project reopened headless (its data file
// checked and loaded, the current model restored from its checkpoint), the window's charts drawn
// offscreen. Needs the ui library, so only a GUI build (FAIRREVIEW_GUI=ON) has it.
#include "commands.h"

#include <iostream>
#include <stdexcept>

#ifdef FAIRREVIEW_CLI_HAS_GUI
#include "chart_tabs.h"
#include "report_export.h"
#include "review_controller.h"
#include "review_defaults.h"
#include "training_worker.h"

#include "active/reopened_session.h"
#include "metrics/proxy_check.h"
#include "store/project_store.h"
#include "util/json_writer.h"

#include <QApplication>
#include <QFileInfo>

#include <algorithm>
#endif

namespace fr::cli {

namespace {

const char* kReportUsage = R"(usage: fairreview-cli report --project P --out FILE [--k K]

Writes project P's fairness report to FILE: a PDF when FILE ends in .pdf (charts as vector
graphics), else one self-contained HTML file. The same report as the window's File > Export
fairness report: per-group figures with intervals, the groups with too few labels to judge, the
features that give the group away, the second review's agreement (Cohen's kappa), the scoring bias,
the model version with its hyper-parameters and the audit chain head. The data file must be
unchanged since the project was made; the project is only read. --k: the K of the figures
(default: the window's, the data's anomaly estimate). Prints {"out", "pages"} as JSON.
)";

#ifdef FAIRREVIEW_CLI_HAS_GUI

int fail(const std::string& message)
{
    std::cerr << "fairreview-cli report: " << message << "\n";
    return 1;
}

std::vector<ui::RowStatus> statusesOf(const std::vector<LabelRecord>& labels, int64_t rows)
{
    std::vector<ui::RowStatus> statuses(static_cast<size_t>(rows), ui::RowStatus::Unlabelled);
    for (const LabelRecord& l : labels)
        if (!l.undone && l.row >= 0 && l.row < rows)
            statuses[static_cast<size_t>(l.row)]
                = l.label == LabelValue::Anomaly ? ui::RowStatus::Anomaly : ui::RowStatus::Normal;
    return statuses;
}

int writeReport(const std::string& projectPath, const std::string& out, int64_t k)
{
    auto store = ProjectStore::open(projectPath);
    if (!store.ok())
        return fail(store.error());
    auto saved = store.value()->loadSession();
    if (!saved.ok())
        return fail(saved.error());
    if (!saved.value().hasModel)
        return fail("project " + projectPath
            + " has no model yet: open it in the window (or run simulate --project) to train one");
    auto loaded = loadProjectDataset(*store.value());
    if (!loaded.ok())
        return fail(loaded.error());
    auto data = std::make_shared<const Dataset>(loaded.take());
    SessionOptions requested;
    requested.analyst = "report";
    auto session = ReviewSession::create(data, reopenedSessionOptions(requested, saved.value()));
    if (!session.ok())
        return fail(session.error());
    // No journal: the report reads the project and writes nothing to it.
    Status resumed = session.value()->resume(saved.value());
    if (!resumed.ok())
        return fail(resumed.error());
    const int64_t metricsK = k > 0 ? k : ui::defaultMetricsK(*data);
    const auto snapshot = ui::TrainingWorker::buildSnapshot(*session.value(), metricsK);
    auto reviews = store.value()->secondReviews();
    auto chain = store.value()->auditChainHead();
    for (const Status& s : {reviews.status(), chain.status()})
        if (!s.ok())
            return fail(s.error());

    ui::ChartTabs charts;
    charts.resize(1400, 600);
    charts.setDataset(data, metricsK);
    charts.showSnapshot(*snapshot, statusesOf(saved.value().labels, data->rowCount()));
    ui::ReportContent content;
    content.title = QFileInfo(QString::fromStdString(projectPath)).completeBaseName();
    content.model = ui::ReviewController::modelKindTitle(snapshot->model.kind)
        + QStringLiteral(" v%1 · %2")
              .arg(snapshot->model.version)
              .arg(snapshot->device == "cuda" ? QStringLiteral("GPU") : QStringLiteral("CPU"));
    content.snapshot = snapshot;
    content.dataset = data;
    content.labels = static_cast<int>(std::count_if(saved.value().labels.begin(),
        saved.value().labels.end(), [](const LabelRecord& l) { return !l.undone; }));
    if (auto proxies = findDatasetGroupProxies(*data); proxies.ok())
        content.proxies = proxies.take();
    content.chain = chain.value();
    content.agreement = reviewAgreement(saved.value().labels, reviews.value(), *data);
    const ui::ReportWritten written
        = ui::writeFairnessReportFile(content, charts, QString::fromStdString(out));
    if (!written.ok)
        return fail(written.error.toStdString());
    JsonWriter json;
    json.beginObject().field("project", projectPath).field("out", out);
    json.field("format", ui::isPdfPath(QString::fromStdString(out)) ? "pdf" : "html");
    json.field("pages", written.pages).endObject();
    std::cout << json.str() << "\n";
    return 0;
}

#endif

} // namespace

int runReport(const CliArgs& args)
{
    if (args.has("help")) {
        std::cout << kReportUsage;
        return 0;
    }
    const std::string project = args.required("project");
    const std::string out = args.required("out");
    const int64_t k = args.integer("k", 0);
    if (const auto unread = args.unread(); !unread.empty())
        throw std::invalid_argument("unknown option " + unread.front() + " (see --help)");
#ifdef FAIRREVIEW_CLI_HAS_GUI
    // Charts are widgets: a QApplication on the offscreen platform draws them without a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "fairreview-cli";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    return writeReport(project, out, k);
#else
    (void)project;
    (void)out;
    (void)k;
    std::cerr << "fairreview-cli report: this fairreview-cli was built without the GUI "
                 "(FAIRREVIEW_GUI=OFF), and the report draws the window's charts: rebuild with "
                 "-DFAIRREVIEW_GUI=ON, or export the report from the window\n";
    return 1;
#endif
}

} // namespace fr::cli
