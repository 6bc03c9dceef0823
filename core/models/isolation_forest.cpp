// Isolation Forest (isolation_forest.h).
#include "models/isolation_forest.h"

#include "data/seeded_sampling.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

namespace fr::models {

namespace {

constexpr double kEulerGamma = 0.5772156649015329;
// Rows scored per thread task; scoring is a few hundred node visits per row.
constexpr int64_t kScoreChunkRows = 4096;

// Uniform in [0, 1) from 53 random bits (std's distributions are not fixed by the standard).
double uniformUnit(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

} // namespace

double averagePathLength(int64_t n)
{
    if (n <= 1)
        return 0.0;
    if (n == 2)
        return 1.0;
    const double m = static_cast<double>(n - 1);
    return 2.0 * (std::log(m) + kEulerGamma) - 2.0 * m / static_cast<double>(n);
}

IsolationForest IsolationForest::fit(
    const FeatureMatrix& matrix, const IsolationForestOptions& options)
{
    IsolationForest forest;
    forest.mColumns = matrix.cols;
    forest.mSubsample = std::min<int64_t>(options.subsampleSize, matrix.rows);
    if (matrix.rows == 0 || matrix.cols == 0 || options.trees <= 0)
        return forest;
    const int heightLimit
        = static_cast<int>(std::ceil(std::log2(std::max<double>(2.0, forest.mSubsample))));
    std::mt19937_64 rng(options.seed);
    std::vector<float> lo(static_cast<size_t>(matrix.cols)), hi(lo.size());
    for (int t = 0; t < options.trees; ++t) {
        std::vector<int64_t> rows = sampleWithoutReplacement(matrix.rows, forest.mSubsample, rng);
        uint64_t state = rng();
        forest.mRoots.push_back(
            forest.grow(matrix, rows, 0, rows.size(), 0, heightLimit, lo, hi, state));
    }
    return forest;
}

int32_t IsolationForest::grow(const FeatureMatrix& m, std::vector<int64_t>& rows, size_t begin,
    size_t end, int depth, int heightLimit, std::vector<float>& lo, std::vector<float>& hi,
    uint64_t& state)
{
    const int32_t index = static_cast<int32_t>(mNodes.size());
    mNodes.push_back(Node {});
    mNodes[index].size = static_cast<int64_t>(end - begin);
    if (depth >= heightLimit || end - begin <= 1)
        return index;
    // Per-feature range over this node's rows; only a feature that varies can split it.
    std::fill(lo.begin(), lo.end(), INFINITY);
    std::fill(hi.begin(), hi.end(), -INFINITY);
    for (size_t i = begin; i < end; ++i) {
        const float* x = m.row(rows[i]);
        for (int64_t c = 0; c < m.cols; ++c) {
            lo[c] = std::min(lo[c], x[c]);
            hi[c] = std::max(hi[c], x[c]);
        }
    }
    std::vector<int32_t> varying;
    for (int64_t c = 0; c < m.cols; ++c)
        if (hi[c] > lo[c])
            varying.push_back(static_cast<int32_t>(c));
    if (varying.empty())
        return index; // identical rows: a leaf whose c(size) accounts for them
    std::mt19937_64 rng(state);
    state = rng();
    const int32_t feature = varying[uniformBelow(rng, varying.size())];
    const double low = lo[feature], high = hi[feature];
    float split = static_cast<float>(low + uniformUnit(rng) * (high - low));
    if (!(split > low)) // at least the minimum goes left, the maximum always goes right
        split = std::nextafter(static_cast<float>(low), static_cast<float>(high));
    auto middle = std::partition(rows.begin() + static_cast<std::ptrdiff_t>(begin),
        rows.begin() + static_cast<std::ptrdiff_t>(end),
        [&](int64_t r) { return m.at(r, feature) < split; });
    const size_t mid = static_cast<size_t>(middle - rows.begin());
    const int32_t left = grow(m, rows, begin, mid, depth + 1, heightLimit, lo, hi, state);
    const int32_t right = grow(m, rows, mid, end, depth + 1, heightLimit, lo, hi, state);
    Node& node = mNodes[index];
    node.feature = feature;
    node.split = split;
    node.left = left;
    node.right = right;
    return index;
}

double IsolationForest::pathLength(int32_t root, const float* row) const
{
    int edges = 0;
    const Node* node = &mNodes[root];
    while (node->feature >= 0) {
        node = &mNodes[row[node->feature] < node->split ? node->left : node->right];
        ++edges;
    }
    return edges + averagePathLength(node->size);
}

double IsolationForest::meanPathLength(const float* row) const
{
    if (mRoots.empty())
        return 0.0;
    double sum = 0.0;
    for (int32_t root : mRoots)
        sum += pathLength(root, row);
    return sum / static_cast<double>(mRoots.size());
}

double IsolationForest::score(const float* row) const
{
    const double c = averagePathLength(mSubsample);
    return c > 0.0 ? std::pow(2.0, -meanPathLength(row) / c) : 0.5;
}

FlatForest IsolationForest::flattened() const
{
    FlatForest flat;
    const size_t n = mNodes.size();
    flat.feature.resize(n);
    flat.split.resize(n);
    flat.left.resize(n);
    flat.right.resize(n);
    flat.pathLength.assign(n, 0.0);
    flat.roots = mRoots;
    flat.normaliser = averagePathLength(mSubsample);
    std::vector<int> depth(n, 0);
    // Children come after their parent in mNodes (grow() appends the parent first).
    for (size_t i = 0; i < n; ++i) {
        const Node& node = mNodes[i];
        flat.feature[i] = node.feature;
        flat.split[i] = node.split;
        const bool leaf = node.feature < 0;
        flat.left[i] = leaf ? static_cast<int32_t>(i) : node.left;
        flat.right[i] = leaf ? static_cast<int32_t>(i) : node.right;
        if (leaf) {
            flat.pathLength[i] = depth[i] + averagePathLength(node.size);
            flat.maxDepth = std::max(flat.maxDepth, depth[i]);
        } else {
            depth[static_cast<size_t>(node.left)] = depth[i] + 1;
            depth[static_cast<size_t>(node.right)] = depth[i] + 1;
        }
    }
    return flat;
}

std::vector<float> IsolationForest::scoreAll(const FeatureMatrix& matrix) const
{
    std::vector<float> out(static_cast<size_t>(matrix.rows));
    const int64_t chunks = (matrix.rows + kScoreChunkRows - 1) / kScoreChunkRows;
    const int64_t workers
        = std::max<int64_t>(1, std::min<int64_t>(chunks, std::thread::hardware_concurrency()));
    auto work = [&](int64_t worker) {
        for (int64_t c = worker; c < chunks; c += workers)
            for (int64_t r = c * kScoreChunkRows;
                 r < std::min(matrix.rows, (c + 1) * kScoreChunkRows); ++r)
                out[static_cast<size_t>(r)] = static_cast<float>(score(matrix.row(r)));
    };
    std::vector<std::thread> threads;
    for (int64_t w = 1; w < workers; ++w)
        threads.emplace_back(work, w);
    work(0);
    for (std::thread& t : threads)
        t.join();
    return out;
}

} // namespace fr::models
