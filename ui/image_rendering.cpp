#include "image_rendering.h"

#include "palette.h"

#include <algorithm>
#include <vector>

namespace fr::ui {

namespace {
QImage greyImage(const std::vector<double>& pixels, int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    if (pixels.empty())
        return image;
    const auto [low, high] = std::minmax_element(pixels.begin(), pixels.end());
    const double range = *high - *low > 1e-12 ? *high - *low : 1.0;
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const double v = (pixels[static_cast<size_t>(y) * width + x] - *low) / range;
            line[x] = static_cast<uchar>(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5);
        }
    }
    return image;
}
} // namespace

QImage rowImage(const Dataset& dataset, int64_t row)
{
    const int64_t count = int64_t(dataset.imageWidth) * dataset.imageHeight;
    if (!dataset.isImage() || count > dataset.matrix.cols || row < 0 || row >= dataset.rowCount())
        return QImage();
    std::vector<double> pixels(static_cast<size_t>(count));
    const float* values = dataset.matrix.row(row);
    for (int64_t i = 0; i < count; ++i) {
        const FeatureInfo& info = dataset.features[static_cast<size_t>(i)];
        pixels[static_cast<size_t>(i)] = values[i] * info.scale + info.offset;
    }
    return greyImage(pixels, dataset.imageWidth, dataset.imageHeight);
}

QImage typicalImage(const Dataset& dataset)
{
    const int64_t count = int64_t(dataset.imageWidth) * dataset.imageHeight;
    if (!dataset.isImage() || count > static_cast<int64_t>(dataset.features.size()))
        return QImage();
    std::vector<double> pixels(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i)
        pixels[static_cast<size_t>(i)] = dataset.features[static_cast<size_t>(i)].mean;
    return greyImage(pixels, dataset.imageWidth, dataset.imageHeight);
}

QImage errorHeatMap(const Dataset& dataset, const std::vector<double>& pixelShare)
{
    const int64_t count = int64_t(dataset.imageWidth) * dataset.imageHeight;
    if (!dataset.isImage() || count > static_cast<int64_t>(pixelShare.size()))
        return QImage();
    const double top = *std::max_element(pixelShare.begin(), pixelShare.begin() + count);
    QImage image(dataset.imageWidth, dataset.imageHeight, QImage::Format_RGB32);
    for (int y = 0; y < dataset.imageHeight; ++y)
        for (int x = 0; x < dataset.imageWidth; ++x) {
            const double share = pixelShare[static_cast<size_t>(y) * dataset.imageWidth + x];
            image.setPixelColor(x, y, palette::rampColor(top > 0.0 ? share / top : 0.0));
        }
    return image;
}

} // namespace fr::ui
