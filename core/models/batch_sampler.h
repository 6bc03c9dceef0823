// Mini-batch row sampling for the training loop (unsupervised_trainer.h): epoch by epoch without
// replacement, optionally stratified by group so that every batch holds every group (the FADIG
// decision of ALGORITHMS.md §2.2). Plain C++ so that tests can check it without torch.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace fr::models {

class BatchSampler {
public:
    // groupOfRow: group index per row (empty = one group); weights: rows with weight <= 0 are never
    // drawn (empty = all rows). With stratified, each group gets a share of the batch in proportion
    // to its eligible rows, but at least min(2, its rows) so that within-group terms are defined,
    // and the shares always add up to the batch size. When the minimums do not fit, every group
    // still gets 1 row and the largest groups the second; with more groups than batch rows, each
    // batch takes 1 row from each of the next batchSize groups in turn.
    BatchSampler(const std::vector<int64_t>& groupOfRow, const std::vector<float>& weights,
        int batchSize, bool stratified, std::mt19937_64& rng);

    int64_t eligibleRows() const { return mEligible; }
    // The next batch of row indices (at most batchSize rows; fewer only when fewer rows are
    // eligible). Empty when no row is eligible.
    const std::vector<int64_t>& next();

private:
    struct Pool {
        std::vector<int64_t> rows;
        size_t cursor = 0;
        int quota = 0;
    };
    void assignQuotas();
    void draw(Pool& pool, int count);

    std::vector<Pool> mPools;
    std::vector<int64_t> mBatch;
    std::mt19937_64& mRng;
    int64_t mEligible = 0;
    int mBatchRows = 0; // min(batchSize, eligible rows)
    size_t mNextPool = 0; // the rotation when there are more groups than batch rows
};

} // namespace fr::models
