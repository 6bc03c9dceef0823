// Runs fairreview-cli (FAIRREVIEW_CLI) as a separate process for the CLI tests.
#pragma once

#include <QProcess>
#include <QStringList>

struct CliRun {
    int exitCode = -1; // -1 when the process crashed or did not finish
    QByteArray out;
    QByteArray err;
};

inline CliRun runCli(const QStringList& arguments, int timeoutMs = 60000)
{
    QProcess cli;
    cli.start(FAIRREVIEW_CLI, arguments);
    const bool finished = cli.waitForFinished(timeoutMs);
    const bool normal = finished && cli.exitStatus() == QProcess::NormalExit;
    return {normal ? cli.exitCode() : -1, cli.readAllStandardOutput(), cli.readAllStandardError()};
}
