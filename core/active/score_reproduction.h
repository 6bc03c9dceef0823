// Whether a restored model gives the scores it gave when it was saved: the check behind reopening
// a project and rolling back to an earlier model version.
#pragma once

#include "util/result.h"

#include <vector>

namespace fr {

// Success when every row's score matches the saved one to float32 round-off (or nothing was
// saved); otherwise names the first row that differs.
Status checkScoresReproduced(const std::vector<float>& now, const std::vector<float>& saved);

} // namespace fr
