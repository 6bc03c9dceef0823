#include "fairness_text.h"

#include "number_format.h"

#include <QObject>

#include <cmath>

namespace fr::ui {

QStringList proxyWarnings(const std::vector<NamedGroupProxy>& proxies)
{
    QStringList warnings;
    for (const NamedGroupProxy& p : proxies) {
        const QString column = QString::fromStdString(p.sourceColumn);
        const QString auc = QString::number(p.auc, 'f', 2);
        warnings << (p.group.empty()
                ? QObject::tr("%1 predicts the group (AUC %2): the model can see the group "
                              "through it")
                      .arg(column, auc)
                : QObject::tr("%1 predicts group %2 (AUC %3): the model can see the group "
                              "through it")
                      .arg(column, QString::fromStdString(p.group), auc));
    }
    return warnings;
}

QString proxyWarningText(const std::vector<NamedGroupProxy>& proxies)
{
    if (proxies.empty())
        return QString();
    return QObject::tr("Leaving the group column out does not hide the group: %1.")
        .arg(proxyWarnings(proxies).join(QStringLiteral("; ")));
}

QString biasTruthText(const HeadPriorBias& bias)
{
    const QString counts = QObject::tr("%1 normal, %2 anomalies")
                               .arg(formatCount(bias.normals), formatCount(bias.anomalies));
    return bias.truth == BiasTruth::AnalystLabels
        ? QObject::tr("from your labels (%1)").arg(counts)
        : QObject::tr("from the data's ground truth (%1)").arg(counts);
}

QString targetFprText(double quantile)
{
    return QStringLiteral("%1%").arg(std::round((1.0 - quantile) * 1000.0) / 10.0);
}

} // namespace fr::ui
