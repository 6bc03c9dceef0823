// Review ▸ Second review…: another analyst labels a seeded, group-stratified sample of rows that
// someone else labelled, one at a time, without seeing the first label (and, under blind review,
// without the group). The second labels train nothing; the agreement (Cohen's kappa) shows when
// the sample is done, and in the "Fairness by group" tab and the report.
#pragma once

#include "active/second_review.h"
#include "data/dataset.h"

#include <QDialog>
#include <QElapsedTimer>

#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace fr::ui {

class SecondReviewDialog : public QDialog {
    Q_OBJECT
public:
    SecondReviewDialog(std::shared_ptr<const Dataset> data, std::vector<LabelRecord> sample,
        const QString& analyst, bool blind, const std::string& groupColumn,
        QWidget* parent = nullptr);

    int64_t currentLabelId() const; // 0 when the sample is done
    int remaining() const;
    QString headingText() const;
    QString rowText() const; // the row as shown, plain text
    QString agreementText() const;
    // The same as the keys A, N and S.
    void answer(LabelValue value);
    void skip();
    // The agreement to show once the sample is done (the window passes the controller's).
    void showAgreement(const ReviewAgreement& agreement);

protected:
    void keyPressEvent(QKeyEvent* event) override;

signals:
    // reviewMs: from the row shown to the answer.
    void reviewed(qint64 labelId, int label, qint64 reviewMs);

private:
    void showCurrent();

    std::shared_ptr<const Dataset> mData;
    std::vector<LabelRecord> mSample;
    size_t mNext = 0;
    int mAnswered = 0;
    bool mBlind = false;
    std::string mHiddenColumn; // the group column under blind review, else empty
    QElapsedTimer mShown;
    QLabel* mHeading = nullptr;
    QTextBrowser* mRow = nullptr;
    QLabel* mAgreement = nullptr;
    QPushButton* mAnomaly = nullptr;
    QPushButton* mNormal = nullptr;
    QPushButton* mSkip = nullptr;
};

} // namespace fr::ui
