#include "util/openmp_env.h"

#include <cstdlib>
#include <unistd.h>

namespace fr {

void ensurePassiveOpenMp(int argc, char** argv)
{
    (void)argc;
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);
    // execv failed (no /proc?): carry on; the caller keeps working, only slower under load.
}

} // namespace fr
