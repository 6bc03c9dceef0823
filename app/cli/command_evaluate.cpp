#include "commands.h"

#include <iostream>

namespace fr::cli {

int runEvaluate(const CliArgs&)
{
    std::cerr << "fairreview-cli evaluate: not available in this build yet\n";
    return 1;
}

} // namespace fr::cli
