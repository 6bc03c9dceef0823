// The data-set and model options shared by the evaluate and simulate commands: --data FILE
// [--id C] --truth C[=VALUE] [--group C[=VALUE]], or --fmnist one-class|invert --normal-class C
// [--fmnist-dir DIR], and --model/--device/--seed/--threads.
#pragma once

#include "cli_args.h"
#include "data/column_mapping.h"
#include "data/dataset.h"
#include "models/model_options.h"
#include "util/progress.h"
#include "util/result.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace fr::cli {

// --id, --truth C[=VALUE], --group C[=VALUE] as a column mapping; truth and group are optional.
ColumnMapping mappingFromArgs(const CliArgs& args);

// Reads the data set the options name (--truth is required with --data). Errors name the option or
// the file position.
Result<Dataset> loadDatasetFromArgs(const CliArgs& args, uint64_t seed);
// What a project made from these arguments refers to (data/dataset_loader.h): --data's path, or
// the --fmnist set-up (drawn with seed) as a reference.
std::string dataReferenceFromArgs(const CliArgs& args, uint64_t seed);

// --model (required unless defaultModel is given), --device (default auto), --seed (default 0),
// --threads (default: every core, since the CLI has no GUI to leave a core for), --pretrain-steps
// (default: the model's),
// --round-steps (default: the model's, defaultRoundSteps()), --iad. Throws std::invalid_argument on
// a bad value.
ModelOptions modelOptionsFromArgs(const CliArgs& args, const std::string& defaultModel = {});

// Anomalies (truth == 1) in the data set, or -1 without ground truth.
int64_t countAnomalies(const Dataset& data);

// Progress on stderr, rate-limited and silent for phases that finish within a second.
class StderrProgress {
public:
    explicit StderrProgress(std::string command);
    ProgressCallback callback();

private:
    std::string mCommand;
    std::chrono::steady_clock::time_point mStart;
    std::chrono::steady_clock::time_point mLast;
    std::string mPhase;
};

} // namespace fr::cli
