#include "models/batch_sampler.h"

#include <algorithm>

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
    mBatchRows = static_cast<int>(std::min<int64_t>(std::max(batchSize, 0), mEligible));
    assignQuotas();
    for (Pool& pool : mPools)
        std::shuffle(pool.rows.begin(), pool.rows.end(), mRng);
}

// Hands out the batch's rows one at a time, so that the quotas sum to the batch size exactly (the
// old per-group rounding plus floor gave 12 rows for a batch of 10): first one row to every group,
// then a second one (the minimum, or all of a smaller group), then the rest to the group furthest
// below its share batch * n_g / n. Within each stage the group furthest below its share comes
// first, so when the batch cannot hold 2 rows of every group the larger groups get the second.
void BatchSampler::assignQuotas()
{
    constexpr int kMinimumRows = 2; // within-group terms need 2 rows (ALGORITHMS.md §2.2)
    for (Pool& pool : mPools)
        pool.quota = 0;
    for (int given = 0; given < mBatchRows; ++given) {
        Pool* neediest = nullptr;
        int neediestTier = 0;
        double neediestShortfall = 0.0;
        for (Pool& pool : mPools) {
            const int rows = static_cast<int>(pool.rows.size());
            if (pool.quota == rows)
                continue;
            const int tier = pool.quota < 1 ? 2 : pool.quota < std::min(kMinimumRows, rows) ? 1 : 0;
            const double shortfall
                = static_cast<double>(mBatchRows) * rows / mEligible - pool.quota;
            if (!neediest || tier > neediestTier
                || (tier == neediestTier && shortfall > neediestShortfall)) {
                neediest = &pool;
                neediestTier = tier;
                neediestShortfall = shortfall;
            }
        }
        ++neediest->quota;
    }
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
    if (static_cast<int>(mPools.size()) > mBatchRows) {
        // More groups than rows in a batch: one row each from the next mBatchRows groups in turn,
        // so that every group is still drawn as often as the others.
        for (int i = 0; i < mBatchRows; ++i) {
            draw(mPools[mNextPool], 1);
            mNextPool = (mNextPool + 1) % mPools.size();
        }
        return mBatch;
    }
    for (Pool& pool : mPools)
        draw(pool, pool.quota);
    return mBatch;
}

} // namespace fr::models
