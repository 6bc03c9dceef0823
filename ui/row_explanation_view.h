// The "Why this row" block of the detail panel: the top features' shares of the reconstruction
// error as bars, the ranking key's parts, and the group-swap line (RowExplanation, core/active).
#pragma once

#include "active/row_explanation.h"

#include <QWidget>

class QLabel;

namespace fr::ui {

class RowExplanationView : public QWidget {
    Q_OBJECT
public:
    explicit RowExplanationView(QWidget* parent = nullptr);

    // groupHidden: blind review, so the group-swap line must not tell which group the row is in.
    void showExplanation(
        const RowExplanation& explanation, const Dataset& dataset, bool groupHidden);
    void showMessage(const QString& message);
    QString plainText() const; // for tests and the screenshot check

private:
    QString featureBars(const RowExplanation& e, const Dataset& data) const;
    QString keyParts(const RowExplanation& e, const Dataset& data) const;
    QString groupSwapLine(const RowExplanation& e, bool groupHidden) const;

    QLabel* mText = nullptr;
};

} // namespace fr::ui
