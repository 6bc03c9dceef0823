// evaluate's semi-supervised protocol (ALGORITHMS.md §6, P5: the AA-BiGAN paper's): a seeded
// train/test split, training on the training normals plus collected anomalies, ROC-AUC and the
// ranking figures on the test part, as JSON.
#pragma once

#include "cli_args.h"

#include "data/dataset.h"
#include "data/semi_supervised_split.h"
#include "models/model_options.h"

#include <memory>
#include <optional>
#include <string>

namespace fr::cli {

// The protocol's options when --labelled-anomalies is given (then also --anomaly-classes
// C[,C...] and --test-share S); nullopt otherwise. Throws std::invalid_argument on a bad value.
std::optional<SemiSupervisedOptions> semiSupervisedOptionsFromArgs(
    const CliArgs& args, uint64_t seed);

// Runs the protocol and writes the report to jsonPath; returns the exit status (errors on stderr).
int runSemiSupervisedEvaluate(std::shared_ptr<const Dataset> data, const ModelOptions& model,
    const SemiSupervisedOptions& options, const std::string& jsonPath);

} // namespace fr::cli
