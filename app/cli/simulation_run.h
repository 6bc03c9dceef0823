// One simulated review as `simulate` describes it on the command line: shared by `simulate` and
// `bench`, which runs it for every data set, model and seed of a suite.
#pragma once

#include "cli_args.h"

#include "active/simulation.h"

#include <memory>
#include <string>

namespace fr::cli {

struct SimulationRun {
    std::shared_ptr<const Dataset> data;
    std::unique_ptr<ReviewSession> session;
    SimulationResult result;
    double totalSeconds = 0.0;
};

// Loads the data, builds the session and runs the simulation that simulate's options in args
// describe. Throws std::invalid_argument on a bad option, like the other commands' parsers.
Result<SimulationRun> simulateFromArgs(const CliArgs& args, SimulationOptions simulation);
std::string simulationReportJson(const SimulationRun& run);

} // namespace fr::cli
