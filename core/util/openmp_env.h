// OpenMP's spin-waiting threads starve every other thread on a small machine (measured 10-50x
// slower), and libgomp reads OMP_WAIT_POLICY only when it loads: so a main() must call this
// first thing, and it re-executes the process with the variable set when it is missing.
#pragma once

namespace fr {

// Re-executes argv with OMP_WAIT_POLICY=PASSIVE unless it is already set; returns when set.
void ensurePassiveOpenMp(int argc, char** argv);

} // namespace fr
