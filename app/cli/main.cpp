// fairreview-cli: the headless front of FairReview's core (benchmarks, batch scoring, projects).
#include "commands.h"
#include "models/failure_message.h"
#include "util/openmp_env.h"

#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>

namespace {

const char* kUsage = R"(usage: fairreview-cli COMMAND [options]

commands:
  inspect  --data FILE                         summary of a data file (JSON)
  evaluate --data FILE --truth C[=V] --model M unsupervised training and scoring (JSON)
  simulate --data FILE --truth C[=V] [--model M] active loop with a simulated analyst (JSON)
  bench    --suite FILE [--json OUT]           simulate over data sets x models x seeds (table)
  project create --project P --data FILE ...   create a project file
  label    --project P --id ID --label anomaly|normal [--note T] [--analyst NAME] [--blind]
  undo     --project P                         undo the last label
  export   --project P --format csv|json --out F
  history  --project P                         rounds, labels per group, model versions (JSON)
  verify   --project P                         check the audit chain; names the first broken event
  export-model --project P --out model.pt      the model as TorchScript, plus model.json
  score    --project P --data FILE --out F     score a CSV of any size with the project's model
  rollback --project P --version N             make an earlier model version current again
  kappa    --project P                         second review: Cohen's kappa, overall and per group
  report   --project P --out report.pdf|.html  the fairness report, as in the window

Run a command with --help for its options.
)";

} // namespace

int main(int argc, char** argv)
{
    fr::ensurePassiveOpenMp(argc, argv);
    using Command = std::function<int(const fr::cli::CliArgs&)>;
    const std::map<std::string, Command> commands = {
        {"inspect", fr::cli::runInspect},
        {"evaluate", fr::cli::runEvaluate},
        {"simulate", fr::cli::runSimulate},
        {"bench", fr::cli::runBench},
        {"project", fr::cli::runProject},
        {"label", fr::cli::runLabel},
        {"undo", fr::cli::runUndo},
        {"export", fr::cli::runExport},
        {"history", fr::cli::runHistory},
        {"verify", fr::cli::runVerify},
        {"export-model", fr::cli::runExportModel},
        {"score", fr::cli::runScore},
        {"rollback", fr::cli::runRollback},
        {"kappa", fr::cli::runKappa},
        {"report", fr::cli::runReport},
    };
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    auto command = commands.find(argv[1]);
    if (command == commands.end()) {
        std::cerr << "fairreview-cli: unknown command '" << argv[1] << "'\n" << kUsage;
        return 2;
    }
    try {
        fr::cli::CliArgs args(argc, argv, 2);
        return command->second(args);
    } catch (const std::invalid_argument& e) {
        std::cerr << "fairreview-cli " << argv[1] << ": " << e.what() << "\n";
        return 2;
    } catch (...) { // core returns its failures; this is the last line for anything else
        std::cerr << "fairreview-cli " << argv[1] << ": " << fr::models::describeCurrentException()
                  << "\n";
        return 1;
    }
}
