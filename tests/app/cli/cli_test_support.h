// Runs fairreview-cli (FAIRREVIEW_CLI) as a separate process for the CLI tests.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QtGlobal>

struct CliRun {
    int exitCode = -1; // -1 when the process crashed or did not finish
    QByteArray out;
    QByteArray err;
};

// extraEnvironment: NAME=value pairs added to this process's environment for the run (the
// FAIRREVIEW_INJECT_FAULT hook, for instance).
inline CliRun runCli(
    const QStringList& arguments, int timeoutMs = 60000, const QStringList& extraEnvironment = {})
{
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& pair : extraEnvironment)
        environment.insert(pair.section('=', 0, 0), pair.section('=', 1));
    cli.setProcessEnvironment(environment);
    cli.start(FAIRREVIEW_CLI, arguments);
    const bool finished = cli.waitForFinished(timeoutMs);
    const bool normal = finished && cli.exitStatus() == QProcess::NormalExit;
    return {normal ? cli.exitCode() : -1, cli.readAllStandardOutput(), cli.readAllStandardError()};
}

// A command's JSON output as an object; warns (and gives an empty object) when it is not JSON.
inline QJsonObject jsonObject(const QByteArray& text)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), text.constData());
    return doc.object();
}
