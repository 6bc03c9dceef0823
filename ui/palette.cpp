#include "palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace fr::ui::palette {

namespace {
// Okabe-Ito without black and yellow (both hard to read as thin lines on white).
constexpr std::array<QRgb, 6> kGroupColors = {
    0x0072B2, // blue
    0xE69F00, // orange
    0x009E73, // bluish green
    0xCC79A7, // reddish purple
    0x56B4E9, // sky blue
    0xD55E00, // vermillion
};
constexpr std::array<QRgb, 5> kViridis = {0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725};
} // namespace

QColor groupColor(int group)
{
    if (group < 0)
        return QColor(0x80, 0x80, 0x80);
    return QColor(kGroupColors[static_cast<size_t>(group) % kGroupColors.size()]);
}

QColor statusColor(RowStatus status)
{
    switch (status) {
    case RowStatus::Anomaly:
        return QColor(0xD55E00); // vermillion
    case RowStatus::Normal:
        return QColor(0x0072B2); // blue: tells apart from vermillion for every colour vision
    case RowStatus::Skipped:
        return QColor(0x9A9A9A);
    case RowStatus::Unlabelled:
        break;
    }
    return QColor(0xC8C8C8);
}

QColor rampColor(double t)
{
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    const double pos = t * (kViridis.size() - 1);
    const auto low = static_cast<size_t>(std::floor(pos));
    const size_t high = std::min(low + 1, kViridis.size() - 1);
    const double f = pos - low;
    const QColor a(kViridis[low]), b(kViridis[high]);
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * f,
        a.greenF() + (b.greenF() - a.greenF()) * f, a.blueF() + (b.blueF() - a.blueF()) * f);
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

QColor staleBadgeColor()
{
    return QColor(0xF5C242);
}

QColor failureBadgeColor()
{
    return QColor(0xB03A2E); // a dark red: white text on it reads at 6:1
}

QColor batchRowColor()
{
    return QColor(0xEAF3FB);
}

} // namespace fr::ui::palette
