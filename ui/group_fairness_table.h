// The "Fairness by group" tab: per group the anomalies found and estimated (~95% interval, from the
// labels and the head, no ground truth) and the scoring-bias paper's figures for the head against
// the label-free prior at the target FPR (from the analyst's labels; beside them, when the data
// has it, from the ground truth), plus the features that give the group away. Refreshed with every
// snapshot, so after each retrain.
#pragma once

#include "review_snapshot.h"

#include "active/second_review.h"
#include "metrics/proxy_check.h"

#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QTableWidget;

namespace fr::ui {

class GroupFairnessTable : public QWidget {
    Q_OBJECT
public:
    explicit GroupFairnessTable(QWidget* parent = nullptr);

    void setGroupNames(const std::vector<std::string>& names);
    void setProxies(const std::vector<NamedGroupProxy>& proxies);
    void updateSnapshot(const ReviewSnapshot& snapshot);
    // Second review's Cohen's kappa, overall and per group; hidden without pairs.
    void setAgreement(const ReviewAgreement& agreement);
    QString agreementText() const; // empty while hidden

    QTableWidget* table() const { return mTable; }
    QString caption() const; // what the figures rest on, as shown above the table

private:
    QStringList headers(bool withTruth) const;
    void fillGroupRow(int row, int group, const ReviewSnapshot& snapshot);
    void fillAllRowsRow(int row, const ReviewSnapshot& snapshot);
    void setBiasCells(int row, int column, const HeadPriorBias* bias, int group);
    void setCell(int row, int column, const QString& text);

    std::vector<std::string> mGroupNames;
    QLabel* mCaption = nullptr;
    QTableWidget* mTable = nullptr;
    QLabel* mProxies = nullptr;
    QLabel* mAgreement = nullptr;
};

} // namespace fr::ui
