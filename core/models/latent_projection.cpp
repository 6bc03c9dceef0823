// Detector::projectLatent (detector.h): the 2-D principal-axes projection of the latent codes for
// the window's latent plot. It reads no detector state, so it lives apart from the detector.
#include "models/detector.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>

namespace fr::models {

Projection2d Detector::projectLatent(
    const std::vector<float>& latent, int64_t rows, int64_t dim, const Projection2d* previous)
{
    Projection2d out;
    out.x.assign(static_cast<size_t>(rows), 0.0f);
    out.y.assign(static_cast<size_t>(rows), 0.0f);
    if (rows < 2 || dim < 1 || static_cast<int64_t>(latent.size()) != rows * dim)
        return out;
    torch::NoGradGuard noGrad;
    at::Tensor l = torch::from_blob(const_cast<float*>(latent.data()), {rows, dim}, torch::kFloat)
                       .to(torch::kDouble);
    at::Tensor centred = l - l.mean(0, /*keepdim=*/true);
    // The d x d covariance is tiny (d = 8 for the DAE): its eigenvectors are the principal axes,
    // far cheaper than an SVD of the rows x d matrix.
    at::Tensor cov = centred.t().mm(centred) / static_cast<double>(rows - 1);
    auto [values, vectors] = torch::linalg_eigh(cov);
    const int64_t axes = std::min<int64_t>(2, dim);
    for (int64_t a = 0; a < axes; ++a) {
        at::Tensor proj = centred.mv(vectors.select(1, dim - 1 - a)).to(torch::kFloat).contiguous();
        std::vector<float>& target = a == 0 ? out.x : out.y;
        std::memcpy(target.data(), proj.data_ptr<float>(), sizeof(float) * rows);
        // A stable sign: follow the previous version's axis, else point to the heavier tail.
        const std::vector<float>* prev
            = previous ? (a == 0 ? &previous->x : &previous->y) : nullptr;
        double orientation = 0.0;
        if (prev && static_cast<int64_t>(prev->size()) == rows) {
            for (int64_t r = 0; r < rows; ++r)
                orientation += static_cast<double>(target[r]) * (*prev)[r];
        } else {
            for (float v : target)
                orientation += static_cast<double>(v) * v * v;
        }
        if (orientation < 0.0)
            for (float& v : target)
                v = -v;
    }
    return out;
}

} // namespace fr::models
