// The bundled demo: the Arrests data with `colour` as the sensitive group (Black protected) and
// `released = No` as the ground truth, reviewed with UaiNet (README, first command).
#pragma once

#include "open_request.h"

#include <QString>

namespace fr::ui {

// The folder that holds arrests.csv: `compiledDataDir` (the source tree's data/, set at build
// time) when it has it, else data/ beside or above the executable. Empty when none has it.
QString findDemoDataDir(const QString& compiledDataDir);
// A fresh demo project under `projectPath`; `fresh` removes an earlier one first.
OpenRequest demoRequest(const QString& dataDir, const QString& projectPath, bool fresh);
// Where the demo keeps its project between runs (the application data folder).
QString defaultDemoProjectPath();

} // namespace fr::ui
