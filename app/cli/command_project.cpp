#include "commands.h"

#include <iostream>

namespace fr::cli {

static int unavailable(const char* name)
{
    std::cerr << "fairreview-cli " << name << ": not available in this build yet\n";
    return 1;
}

int runProject(const CliArgs&) { return unavailable("project"); }
int runLabel(const CliArgs&) { return unavailable("label"); }
int runUndo(const CliArgs&) { return unavailable("undo"); }
int runExport(const CliArgs&) { return unavailable("export"); }
int runHistory(const CliArgs&) { return unavailable("history"); }

} // namespace fr::cli
