// The fairreview-cli commands. Each returns the process exit status and reports errors on stderr;
// each lives in its own command_<name>.cpp and only wires arguments to core.
#pragma once

#include "cli_args.h"

namespace fr::cli {

int runInspect(const CliArgs& args); // data summary as JSON
int runEvaluate(const CliArgs& args); // unsupervised train + score, metrics as JSON
int runSimulate(const CliArgs& args); // active loop with a simulated analyst, JSON
int runBench(const CliArgs& args); // simulate over a suite of data sets, models and seeds
int runBenchScale(const CliArgs& args); // bench --scale: costs at growing generated sizes
int runProject(const CliArgs& args); // project create
int runLabel(const CliArgs& args); // add one label to a project
int runUndo(const CliArgs& args); // undo the last label of a project
int runExport(const CliArgs& args); // audited list as CSV or JSON
int runHistory(const CliArgs& args); // rounds, labels per group, model versions as JSON
int runVerify(const CliArgs& args); // checks the audit chain; names the first broken event
int runExportModel(const CliArgs& args); // the project's model as TorchScript + model.json
int runScore(const CliArgs& args); // a CSV of any size through the project's model, in chunks
int runRollback(const CliArgs& args); // makes an earlier model version current again
int runKappa(const CliArgs& args); // the second review's Cohen's kappa, overall and per group
int runReport(const CliArgs& args); // the fairness report as PDF or HTML (needs the GUI build)

} // namespace fr::cli
