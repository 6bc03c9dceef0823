#include "feature_text.h"

#include "data/row_explain.h"

#include <QStringList>

#include <cmath>

namespace fr::ui {

namespace {
constexpr double kNotableDeviation = 1.0; // in standard deviations; closer is unremarkable
constexpr int kCandidatesPerShown = 3; // one-hot partners of a shown category are skipped
} // namespace

bool isOneHotFeature(const FeatureInfo& info)
{
    const std::string prefix = info.sourceColumn + "=";
    return info.name.compare(0, prefix.size(), prefix) == 0;
}

double rawFeatureValue(const Dataset& data, int64_t row, size_t feature)
{
    const FeatureInfo& info = data.features[feature];
    return data.matrix.at(row, static_cast<int64_t>(feature)) * info.scale + info.offset;
}

QString deviationSummary(
    const Dataset& data, int64_t row, int count, const std::string& hiddenColumn)
{
    QStringList parts;
    for (const FeatureDeviation& d : topDeviations(data, row, count * kCandidatesPerShown)) {
        if (std::abs(d.deviation) < kNotableDeviation || parts.size() == count)
            break;
        const auto column = static_cast<size_t>(d.column);
        // "citizen=Yes −2.4σ" beside "citizen=No +2.4σ" says the same thing twice.
        if (isOneHotFeature(data.features[column]) && rawFeatureValue(data, row, column) < 0.5)
            continue;
        if (!hiddenColumn.empty() && data.features[column].sourceColumn == hiddenColumn)
            continue;
        parts << QStringLiteral("%1 %2%3σ")
                     .arg(QString::fromStdString(d.feature),
                         d.deviation > 0 ? QStringLiteral("+") : QStringLiteral("−"))
                     .arg(std::abs(d.deviation), 0, 'f', 1);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace fr::ui
