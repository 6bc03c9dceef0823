// The sentences the wizard, the fairness table and the fairness report share: which features give
// the group away (proxy_check.h), and what the scoring-bias figures rest on (analyst's labels or
// ground truth).
#pragma once

#include "active/session_snapshots.h"
#include "metrics/proxy_check.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace fr::ui {

// "age predicts the group (AUC 0.86): the model can see the group through it", one per proxy;
// with three or more groups "... predicts group B ...".
QStringList proxyWarnings(const std::vector<NamedGroupProxy>& proxies);
// The warnings in one paragraph with a lead ("Leaving the group column out does not hide the group:
// ..."); empty when there is none.
QString proxyWarningText(const std::vector<NamedGroupProxy>& proxies);

// "from your labels (9 normal, 5 anomalies)" or "from the data's ground truth (…)".
QString biasTruthText(const HeadPriorBias& bias);
// "5%": the target false-positive rate 1 - q.
QString targetFprText(double quantile);

} // namespace fr::ui
