// The sentences the wizard, the fairness table and the fairness report share: which features give
// the group away (proxy_check.h), and what the scoring-bias figures rest on (analyst's labels or
// ground truth).
#pragma once

#include "active/second_review.h"
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

// "κ = 0.71 (agreement 88%) over 25 pairs", or why it is undefined.
QString kappaText(const KappaResult& kappa);
// One line overall, then one per group with pairs: what the window and the report show.
QStringList agreementLines(const ReviewAgreement& agreement);

// Below this many labels on a group's rows, or with labels of one class only, the group's figures
// from the labels are not judged: a share estimated from fewer than 10 labels has a ~95% interval
// wider than ±0.3 (Wilson), too wide to call a gap between groups.
constexpr int64_t kMinGroupLabelsToJudge = 10;
// "Group B: 3 labels (1 anomaly), too few to judge its figures ...", one per such group.
QStringList fewLabelWarnings(const MetricsSnapshot& metrics);

} // namespace fr::ui
