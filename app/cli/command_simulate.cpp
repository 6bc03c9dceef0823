#include "commands.h"

#include <iostream>

namespace fr::cli {

int runSimulate(const CliArgs&)
{
    std::cerr << "fairreview-cli simulate: not available in this build yet\n";
    return 1;
}

} // namespace fr::cli
