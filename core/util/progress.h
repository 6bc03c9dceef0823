// Progress reporting and cooperative cancellation for anything slow (reading, training, scoring).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace fr {

struct Progress {
    std::string phase; // e.g. "pre-training", "retraining", "scoring"
    int64_t done = 0;
    int64_t total = 0;
};

using ProgressCallback = std::function<void(const Progress&)>;

// Shared between the thread that asks for a stop and the one that checks between steps.
class CancelToken {
public:
    void cancel() { mCancelled.store(true, std::memory_order_relaxed); }
    void reset() { mCancelled.store(false, std::memory_order_relaxed); }
    bool cancelled() const { return mCancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> mCancelled {false};
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

} // namespace fr
