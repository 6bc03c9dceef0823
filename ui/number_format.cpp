#include "number_format.h"

#include <QLocale>

#include <cmath>

namespace fr::ui {

QString formatValue(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    // Reconstruction errors can be tiny; three decimals would print them all as 0.000.
    if (value != 0.0 && std::abs(value) < 0.0005)
        return QString::number(value, 'e', 2);
    if (std::abs(value) >= 100000.0)
        return QString::number(value, 'g', 4);
    return QString::number(value, 'f', 3);
}

QString formatProbability(double p)
{
    if (!std::isfinite(p))
        return QStringLiteral("–");
    if (p > 0.0 && p < 0.0005)
        return QStringLiteral("<0.001");
    if (p < 1.0 && p > 0.9995)
        return QStringLiteral(">0.999");
    return QString::number(p, 'f', 3);
}

QString formatCount(int64_t count)
{
    static const QLocale english(QLocale::English);
    return english.toString(static_cast<qlonglong>(count));
}

QString formatInterval(double low, double high)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return QString();
    return QStringLiteral("[%1, %2]").arg(formatValue(low), formatValue(high));
}

} // namespace fr::ui
