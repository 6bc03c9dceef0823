#include "active/score_reproduction.h"

#include <cmath>
#include <string>

namespace fr {

namespace {
constexpr float kRelativeTolerance = 1e-5f; // float32 round-off across thread counts and devices
}

Status checkScoresReproduced(const std::vector<float>& now, const std::vector<float>& saved)
{
    if (saved.empty())
        return Status::success();
    if (saved.size() != now.size())
        return Status::failure("the restored model scores " + std::to_string(now.size())
            + " rows but " + std::to_string(saved.size()) + " scores were saved");
    for (size_t r = 0; r < now.size(); ++r)
        if (std::abs(now[r] - saved[r]) > kRelativeTolerance * (1.0f + std::abs(saved[r])))
            return Status::failure("the restored model does not reproduce the saved scores (row "
                + std::to_string(r) + ": " + std::to_string(now[r]) + " instead of "
                + std::to_string(saved[r]) + "); retrain to continue");
    return Status::success();
}

} // namespace fr
