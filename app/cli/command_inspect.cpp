#include "commands.h"

#include <iostream>

namespace fr::cli {

int runInspect(const CliArgs&)
{
    std::cerr << "fairreview-cli inspect: not available in this build yet\n";
    return 1;
}

} // namespace fr::cli
