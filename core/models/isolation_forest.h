// The Isolation Forest of Liu, Ting & Zhou (ICDM 2008): random axis-parallel splits isolate an
// unusual row in fewer steps than a typical one. The product's label-free prior (ALGORITHMS.md
// §8): its score stands next to the autoencoder's in the UAI head. Plain C++ (no torch), seeded.
#pragma once

#include "data/dataset.h"

#include <cstdint>
#include <vector>

namespace fr::models {

struct IsolationForestOptions {
    int trees = 100; // Liu et al. 2008, §4: 100 trees
    int64_t subsampleSize = 256; // psi, ibid.: 256-row subsamples
    uint64_t seed = 0;
};

// c(n): the average path length of an unsuccessful search in a binary search tree of n points,
// 2 H(n-1) - 2 (n-1) / n with H(i) = ln(i) + Euler's constant; c(2) = 1, c(n <= 1) = 0.
double averagePathLength(int64_t n);

// The forest as flat arrays over all its nodes, for a vectorised traversal (the TorchScript export,
// torchscript_export.h). A leaf has feature -1 and is its own left and right child, so that a
// walk of maxDepth steps from every root ends on the leaves the trees reach; a leaf's pathLength
// is its depth plus c(size), what meanPathLength adds for a row that ends there.
struct FlatForest {
    std::vector<int32_t> feature;
    std::vector<float> split;
    std::vector<int32_t> left, right;
    std::vector<double> pathLength; // leaves only (0 for inner nodes)
    std::vector<int32_t> roots;
    int maxDepth = 0;
    double normaliser = 0.0; // c(psi): score = 2^(-mean path length / normaliser)
};

class IsolationForest {
public:
    // Grows options.trees trees, each on a subsample of min(psi, rows) rows drawn without
    // replacement, to the height limit ceil(log2 psi). A node splits on a feature drawn uniformly
    // among those that are not constant in it, at a value uniform between its min and max.
    static IsolationForest fit(const FeatureMatrix& matrix, const IsolationForestOptions& options);

    // h(x) averaged over the trees: edges walked plus c(size) of the leaf reached.
    double meanPathLength(const float* row) const;
    // s(x) = 2^(-E[h(x)] / c(psi)) in (0, 1]; higher = more anomalous.
    double score(const float* row) const;
    // score() of every row of matrix (whose columns must match the fitted one).
    std::vector<float> scoreAll(const FeatureMatrix& matrix) const;

    int64_t columns() const { return mColumns; }
    int64_t subsampleSize() const { return mSubsample; }
    int treeCount() const { return static_cast<int>(mRoots.size()); }
    FlatForest flattened() const;

private:
    struct Node {
        int32_t feature = -1; // -1: a leaf
        float split = 0.0f; // rows with value < split go left
        int32_t left = -1, right = -1; // indices into mNodes
        int64_t size = 0; // rows that reached a leaf
    };
    int32_t grow(const FeatureMatrix& m, std::vector<int64_t>& rows, size_t begin, size_t end,
        int depth, int heightLimit, std::vector<float>& lo, std::vector<float>& hi,
        uint64_t& state);
    double pathLength(int32_t root, const float* row) const;

    std::vector<Node> mNodes;
    std::vector<int32_t> mRoots;
    int64_t mColumns = 0;
    int64_t mSubsample = 0;
};

} // namespace fr::models
