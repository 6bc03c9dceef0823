// loadFashionMnist: the two set-ups of shared/datasets/README.md on the 60,000 training images.
// one-class: every image of the normal class, plus anomalies drawn uniformly from the other nine
// classes until they are 10% of the set; invert: then 10% of all rows colour-inverted (x -> 1 - x)
// form the protected group. Pixels are min-max scaled to [0, 1] (ALGORITHMS.md §1, images).
#include "data/dataset_loader.h"

#include "data/data_error.h"
#include "data/idx_reader.h"
#include "data/seeded_sampling.h"

#include <algorithm>
#include <cmath>
#include <new>

namespace fr {

namespace {

constexpr int kImageSide = 28;
constexpr int kClassCount = 10;
constexpr int kAnomalyPercent = 10; // shared/datasets/README.md: anomalies are 10% of the set
constexpr double kInvertedShare = 0.1; // shared/datasets/README.md: 10% of rows inverted
constexpr float kPixelMax = 255.0f;
const char* const kImagesFile = "train-images-idx3-ubyte.gz";
const char* const kLabelsFile = "train-labels-idx1-ubyte.gz";
const char* const kClassNames[kClassCount] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

struct TrainingSet {
    IdxArray images;
    IdxArray labels;
};

Status checkTrainingSet(const TrainingSet& set)
{
    const auto& dims = set.images.dims();
    if (dims.size() != 3 || dims[1] != kImageSide || dims[2] != kImageSide) {
        std::string shape;
        for (size_t i = 0; i < dims.size(); ++i)
            shape += (i ? " x " : "") + std::to_string(dims[i]);
        return Status::failure(fileError(
            kImagesFile, "expected images of 28 x 28 pixels (count x 28 x 28), found " + shape));
    }
    if (set.labels.dims().size() != 1)
        return Status::failure(fileError(kLabelsFile,
            "expected one label per image (1 dimension), found "
                + std::to_string(set.labels.dims().size()) + " dimensions"));
    if (set.images.count() != set.labels.count())
        return Status::failure(std::string("Fashion-MNIST: ") + kImagesFile + " holds "
            + std::to_string(set.images.count()) + " images but " + kLabelsFile + " holds "
            + std::to_string(set.labels.count()) + " labels");
    for (int64_t i = 0; i < set.labels.count(); ++i) {
        if (set.labels.data()[i] >= kClassCount)
            return Status::failure(fileError(kLabelsFile,
                "label " + std::to_string(set.labels.data()[i]) + " at index " + std::to_string(i)
                    + " is not a class 0-9"));
    }
    return Status::success();
}

Result<TrainingSet> readTrainingSet(const std::string& directory, const ProgressCallback& progress)
{
    auto images = readIdxFile(directory + "/" + kImagesFile, progress);
    if (!images.ok())
        return images.status();
    auto labels = readIdxFile(directory + "/" + kLabelsFile);
    if (!labels.ok())
        return labels.status();
    TrainingSet set {images.take(), labels.take()};
    Status checked = checkTrainingSet(set);
    if (!checked.ok())
        return checked;
    return set;
}

// Training indices of the set-up, in file order, and whether each is an anomaly.
Result<std::vector<int64_t>> chooseRows(
    const IdxArray& labels, int normalClass, std::mt19937_64& rng)
{
    std::vector<int64_t> normal, others;
    for (int64_t i = 0; i < labels.count(); ++i)
        (labels.data()[i] == normalClass ? normal : others).push_back(i);
    auto n = static_cast<int64_t>(normal.size());
    int64_t anomalies
        = (n * kAnomalyPercent + (100 - kAnomalyPercent) - 1) / (100 - kAnomalyPercent);
    if (n == 0 || static_cast<int64_t>(others.size()) < anomalies)
        return Result<std::vector<int64_t>>::failure(fileError(kLabelsFile,
            "class " + std::to_string(normalClass) + " has " + std::to_string(n)
                + " images and the other classes " + std::to_string(others.size())
                + ": too few for the one-class set-up"));
    for (int64_t pick :
        sampleWithoutReplacement(static_cast<int64_t>(others.size()), anomalies, rng))
        normal.push_back(others[pick]);
    std::sort(normal.begin(), normal.end());
    return normal;
}

void fillRows(
    const TrainingSet& set, const std::vector<int64_t>& rows, int normalClass, Dataset& dataset)
{
    const int64_t pixels = kImageSide * kImageSide;
    dataset.matrix.rows = static_cast<int64_t>(rows.size());
    dataset.matrix.cols = pixels;
    dataset.matrix.values.resize(rows.size() * pixels);
    for (size_t r = 0; r < rows.size(); ++r) {
        const uint8_t* image = set.images.item(rows[r]);
        float* out = dataset.matrix.values.data() + r * pixels;
        for (int64_t p = 0; p < pixels; ++p)
            out[p] = image[p] / kPixelMax;
        dataset.ids.push_back("train-" + std::to_string(rows[r]));
        dataset.truth.push_back(set.labels.data()[rows[r]] == normalClass ? 0 : 1);
        dataset.sourceClass.push_back(set.labels.data()[rows[r]]);
    }
}

void invertShare(Dataset& dataset, std::mt19937_64& rng)
{
    int64_t rows = dataset.matrix.rows;
    auto inverted = std::llround(static_cast<double>(rows) * kInvertedShare);
    dataset.groups.assign(rows, 0);
    dataset.groupNames = {"original", "inverted"};
    dataset.protectedGroup = 1;
    for (int64_t row : sampleWithoutReplacement(rows, inverted, rng)) {
        dataset.groups[row] = 1;
        float* values = dataset.matrix.values.data() + row * dataset.matrix.cols;
        for (int64_t p = 0; p < dataset.matrix.cols; ++p)
            values[p] = 1.0f - values[p];
    }
}

// Raw values are the pixels as shown (0-255), so "typical" views speak in grey levels.
void describePixels(Dataset& dataset)
{
    const FeatureMatrix& m = dataset.matrix;
    std::vector<double> sum(m.cols, 0.0), sumSquares(m.cols, 0.0);
    for (int64_t r = 0; r < m.rows; ++r) {
        for (int64_t c = 0; c < m.cols; ++c) {
            double raw = m.at(r, c) * kPixelMax;
            sum[c] += raw;
            sumSquares[c] += raw * raw;
        }
    }
    for (int64_t c = 0; c < m.cols; ++c) {
        double mean = sum[c] / m.rows;
        double variance = std::max(0.0, sumSquares[c] / m.rows - mean * mean);
        std::string name
            = "pixel " + std::to_string(c / kImageSide) + "," + std::to_string(c % kImageSide);
        dataset.features.push_back({name, "image", mean, kPixelMax, 0.0, std::sqrt(variance)});
    }
}

std::string describeSetup(const FashionMnistOptions& options)
{
    return std::string("Fashion-MNIST ")
        + (options.setup == FashionMnistSetup::OneClass ? "one-class" : "invert")
        + ", normal class " + std::to_string(options.normalClass) + " ("
        + kClassNames[options.normalClass] + "), seed " + std::to_string(options.seed);
}

Result<Dataset> buildFashionMnist(
    const FashionMnistOptions& options, const ProgressCallback& progress)
{
    if (options.normalClass < 0 || options.normalClass >= kClassCount)
        return Result<Dataset>::failure("Fashion-MNIST: normal class "
            + std::to_string(options.normalClass) + " is not one of 0-9");
    auto set = readTrainingSet(options.directory, progress);
    if (!set.ok())
        return set.status();
    std::mt19937_64 rng(options.seed);
    auto rows = chooseRows(set.value().labels, options.normalClass, rng);
    if (!rows.ok())
        return rows.status();
    Dataset dataset;
    dataset.source = describeSetup(options);
    dataset.imageWidth = dataset.imageHeight = kImageSide;
    fillRows(set.value(), rows.value(), options.normalClass, dataset);
    if (options.setup == FashionMnistSetup::Invert)
        invertShare(dataset, rng);
    describePixels(dataset);
    if (progress)
        progress({"building images", dataset.rowCount(), dataset.rowCount()});
    return dataset;
}

} // namespace

std::string fashionMnistImagesPath(const FashionMnistOptions& options)
{
    return options.directory + "/" + kImagesFile;
}

Result<Dataset> loadFashionMnist(
    const FashionMnistOptions& options, const ProgressCallback& progress)
{
    try {
        return buildFashionMnist(options, progress);
    } catch (const std::bad_alloc&) {
        return Result<Dataset>::failure("Fashion-MNIST: not enough memory");
    }
}

} // namespace fr
