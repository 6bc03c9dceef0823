// A project with a trained model for the CLI tests of export-model and score: the bundled arrests
// data (numeric and one-hot columns) after a short seeded simulate run journalled into the
// project, so that the model has its head trained.
#pragma once

#include "cli_test_support.h"

#include <QFile>
#include <QString>
#include <QTemporaryDir>

struct TrainedProject {
    QString data; // the project's data file
    QString project;
    QByteArray error; // stderr of a failed run, empty when the project was made
};

inline TrainedProject makeTrainedProject(const QTemporaryDir& dir)
{
    TrainedProject p;
    p.data = dir.path() + "/arrests.csv";
    p.project = dir.path() + "/arrests.frproject";
    if (!QFile::copy(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", p.data)) {
        p.error = "cannot copy data/arrests.csv";
        return p;
    }
    CliRun run = runCli(
        {"simulate", "--data", p.data, "--id", "id", "--truth", "released=No", "--group",
            "colour=Black", "--model", "active", "--budget", "40", "--pretrain-steps", "300",
            "--seed", "5", "--project", p.project, "--json", dir.path() + "/simulate.json"},
        300000);
    if (run.exitCode != 0)
        p.error = run.err.isEmpty() ? QByteArray("simulate crashed") : run.err;
    return p;
}
