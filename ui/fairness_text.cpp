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

QString kappaText(const KappaResult& k)
{
    if (k.pairs == 0)
        return QObject::tr("no pairs yet");
    const QString agreement
        = QObject::tr("agreement %1%").arg(QString::number(100.0 * k.observed, 'f', 0));
    const QString pairs
        = k.pairs == 1 ? QObject::tr("1 pair") : QObject::tr("%1 pairs").arg(formatCount(k.pairs));
    if (!k.defined())
        return QObject::tr("κ undefined: every label of both analysts is in one class (%1) over %2")
            .arg(agreement, pairs);
    return QObject::tr("κ = %1 (%2) over %3")
        .arg(QString::number(k.kappa, 'f', 2), agreement, pairs);
}

QStringList agreementLines(const ReviewAgreement& agreement)
{
    QStringList lines;
    lines << QObject::tr("All rows: %1").arg(kappaText(agreement.overall));
    for (const GroupAgreement& g : agreement.groups)
        if (g.kappa.pairs > 0)
            lines << QObject::tr("%1: %2").arg(QString::fromStdString(g.group), kappaText(g.kappa));
    return lines;
}

QStringList fewLabelWarnings(const MetricsSnapshot& metrics)
{
    QStringList warnings;
    for (const GroupFigure& g : metrics.groups) {
        const bool oneClass = g.found == 0 || g.found == g.labelsSpent;
        if (g.labelsSpent >= kMinGroupLabelsToJudge && !oneClass)
            continue;
        const QString counts
            = QObject::tr("%1 labels (%2 %3)")
                  .arg(formatCount(g.labelsSpent), formatCount(g.found),
                      g.found == 1 ? QObject::tr("anomaly") : QObject::tr("anomalies"));
        warnings << (g.labelsSpent < kMinGroupLabelsToJudge
                ? QObject::tr("Group %1: %2, too few to judge its figures from the labels (at "
                              "least %3 needed)")
                      .arg(QString::fromStdString(g.group), counts)
                      .arg(kMinGroupLabelsToJudge)
                : QObject::tr("Group %1: %2, all of one class: its figures from the labels "
                              "cannot be judged yet")
                      .arg(QString::fromStdString(g.group), counts));
    }
    return warnings;
}

QString targetFprText(double quantile)
{
    return QStringLiteral("%1%").arg(std::round((1.0 - quantile) * 1000.0) / 10.0);
}

} // namespace fr::ui
