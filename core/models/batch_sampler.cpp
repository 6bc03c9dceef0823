#include "models/batch_sampler.h"

#include <algorithm>
#include <cmath>

namespace fr::models {

BatchSampler::BatchSampler(const std::vector<int64_t>& groupOfRow,
    const std::vector<float>& weights, int batchSize, bool stratified, std::mt19937_64& rng)
    : mRng(rng)
{
    const size_t rows = !groupOfRow.empty() ? groupOfRow.size() : weights.size();
    for (size_t r = 0; r < rows; ++r) {
        if (!weights.empty() && !(weights[r] > 0.0f))
            continue;
        size_t pool = stratified && !groupOfRow.empty()
            ? static_cast<size_t>(std::max<int64_t>(0, groupOfRow[r]))
            : 0;
        if (pool >= mPools.size())
            mPools.resize(pool + 1);
        mPools[pool].rows.push_back(static_cast<int64_t>(r));
        ++mEligible;
    }
    mPools.erase(
        std::remove_if(mPools.begin(), mPools.end(), [](const Pool& p) { return p.rows.empty(); }),
        mPools.end());
    const int64_t batch = std::min<int64_t>(batchSize, mEligible);
    for (Pool& pool : mPools) {
        double share
            = static_cast<double>(batch) * pool.rows.size() / std::max<int64_t>(1, mEligible);
        int floor = static_cast<int>(std::min<size_t>(2, pool.rows.size()));
        pool.quota = std::max(floor, static_cast<int>(std::lround(share)));
        pool.quota = std::min<int>(pool.quota, static_cast<int>(pool.rows.size()));
        std::shuffle(pool.rows.begin(), pool.rows.end(), mRng);
    }
    if (mPools.size() == 1)
        mPools[0].quota = static_cast<int>(batch);
}

void BatchSampler::draw(Pool& pool, int count)
{
    for (int i = 0; i < count; ++i) {
        if (pool.cursor == pool.rows.size()) {
            std::shuffle(pool.rows.begin(), pool.rows.end(), mRng);
            pool.cursor = 0;
        }
        mBatch.push_back(pool.rows[pool.cursor++]);
    }
}

const std::vector<int64_t>& BatchSampler::next()
{
    mBatch.clear();
    for (Pool& pool : mPools)
        draw(pool, pool.quota);
    return mBatch;
}

} // namespace fr::models
