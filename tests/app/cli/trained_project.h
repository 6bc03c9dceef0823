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

// A project for data (copied into dir unless it is there) with the given column mapping, after a
// short seeded simulate run of the product's model.
inline TrainedProject trainProject(
    const QTemporaryDir& dir, const QString& data, const QString& name, const QStringList& mapping)
{
    TrainedProject p;
    p.data = data;
    p.project = dir.path() + "/" + name + ".frproject";
    CliRun run = runCli(QStringList {"simulate", "--data", p.data} + mapping
            + QStringList {"--model", "active", "--budget", "40", "--pretrain-steps", "300",
                "--seed", "5", "--project", p.project, "--json",
                dir.path() + "/" + name + "-simulate.json"},
        300000);
    if (run.exitCode != 0)
        p.error = run.err.isEmpty() ? QByteArray("simulate crashed") : run.err;
    return p;
}

inline TrainedProject makeTrainedProject(const QTemporaryDir& dir)
{
    const QString data = dir.path() + "/arrests.csv";
    if (!QFile::copy(FAIRREVIEW_SOURCE_DIR "/data/arrests.csv", data))
        return {data, QString(), "cannot copy data/arrests.csv"};
    return trainProject(
        dir, data, "arrests", {"--id", "id", "--truth", "released=No", "--group", "colour=Black"});
}
