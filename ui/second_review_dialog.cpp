#include "second_review_dialog.h"

#include "fairness_text.h"
#include "feature_text.h"
#include "number_format.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace fr::ui {

namespace {
constexpr int kMaxFeaturesListed = 60; // wider rows (images) show their most unusual values only
constexpr int kUnusualShown = 8;
} // namespace

SecondReviewDialog::SecondReviewDialog(std::shared_ptr<const Dataset> data,
    std::vector<LabelRecord> sample, const QString& analyst, bool blind,
    const std::string& groupColumn, QWidget* parent)
    : QDialog(parent)
    , mData(std::move(data))
    , mSample(std::move(sample))
    , mBlind(blind)
    , mHiddenColumn(blind ? groupColumn : std::string())
{
    setWindowTitle(tr("Second review — as %1").arg(analyst));
    mHeading = new QLabel(this);
    mHeading->setWordWrap(true);
    mRow = new QTextBrowser(this);
    mRow->setToolTip(tr("The row as the data holds it; the first analyst's label is not shown"));
    mAgreement = new QLabel(this);
    mAgreement->setWordWrap(true);
    mAnomaly = new QPushButton(tr("&Anomaly (A)"), this);
    mAnomaly->setToolTip(tr("Your label: anomaly (A)"));
    mNormal = new QPushButton(tr("&Normal (N)"), this);
    mNormal->setToolTip(tr("Your label: normal (N)"));
    mSkip = new QPushButton(tr("&Skip (S)"), this);
    mSkip->setToolTip(tr("Leave this row out of the second review (S)"));
    auto* close = new QPushButton(tr("Close"), this);
    close->setToolTip(tr("Stop here; the answers given so far are saved (Esc)"));
    connect(mAnomaly, &QPushButton::clicked, this, [this] { answer(LabelValue::Anomaly); });
    connect(mNormal, &QPushButton::clicked, this, [this] { answer(LabelValue::Normal); });
    connect(mSkip, &QPushButton::clicked, this, &SecondReviewDialog::skip);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mAnomaly);
    buttons->addWidget(mNormal);
    buttons->addWidget(mSkip);
    buttons->addStretch();
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mHeading);
    layout->addWidget(mRow, 1);
    layout->addWidget(mAgreement);
    layout->addLayout(buttons);
    resize(560, 520);
    showCurrent();
}

int64_t SecondReviewDialog::currentLabelId() const
{
    return mNext < mSample.size() ? mSample[mNext].id : 0;
}

int SecondReviewDialog::remaining() const
{
    return static_cast<int>(mSample.size() - mNext);
}

// A, N and S answer as in the queue, whichever control has the focus (the buttons and the row
// text ignore plain letters).
void SecondReviewDialog::keyPressEvent(QKeyEvent* event)
{
    if (event->modifiers() == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_A:
            answer(LabelValue::Anomaly);
            return;
        case Qt::Key_N:
            answer(LabelValue::Normal);
            return;
        case Qt::Key_S:
            skip();
            return;
        default:
            break;
        }
    }
    QDialog::keyPressEvent(event);
}

QString SecondReviewDialog::headingText() const
{
    return mHeading->text();
}

QString SecondReviewDialog::rowText() const
{
    return mRow->toPlainText();
}

QString SecondReviewDialog::agreementText() const
{
    return mAgreement->text();
}

void SecondReviewDialog::answer(LabelValue value)
{
    if (mNext >= mSample.size())
        return;
    emit reviewed(mSample[mNext].id, int(value), mShown.elapsed());
    ++mAnswered;
    ++mNext;
    showCurrent();
}

void SecondReviewDialog::skip()
{
    if (mNext >= mSample.size())
        return;
    ++mNext;
    showCurrent();
}

void SecondReviewDialog::showAgreement(const ReviewAgreement& agreement)
{
    if (mNext < mSample.size())
        return; // shown only once every row is answered: it must not sway the answers
    mAgreement->setText(tr("Agreement with the first labels, Cohen's kappa (1 = always agree, "
                           "0 = no better than chance):\n")
        + agreementLines(agreement).join(QLatin1Char('\n')));
}

void SecondReviewDialog::showCurrent()
{
    const bool done = mNext >= mSample.size();
    for (QPushButton* b : {mAnomaly, mNormal, mSkip})
        b->setEnabled(!done);
    if (done) {
        mHeading->setText(tr("Second review done: %n answer(s) saved.", nullptr, mAnswered));
        mRow->setHtml(tr("<p>Close this window, or draw another sample from Review ▸ Second "
                         "review….</p>"));
        return;
    }
    const LabelRecord& first = mSample[mNext];
    const int64_t row = first.row;
    const Dataset& data = *mData;
    QString heading = tr("Row %1 of %2 · id %3")
                          .arg(mNext + 1)
                          .arg(mSample.size())
                          .arg(QString::fromStdString(data.ids[static_cast<size_t>(row)]));
    if (data.hasGroups())
        heading += mBlind ? tr(" · group hidden (blind review)")
                          : tr(" · group %1")
                                .arg(QString::fromStdString(data.groupNames.at(
                                    static_cast<size_t>(data.groups[static_cast<size_t>(row)]))));
    mHeading->setText(heading + tr("\nIs this row an anomaly? The first label is not shown."));
    QString html
        = tr("<p><b>Most unusual:</b> %1</p>")
              .arg(deviationSummary(data, row, kUnusualShown, mHiddenColumn).toHtmlEscaped());
    if (static_cast<int>(data.features.size()) <= kMaxFeaturesListed) {
        html += QStringLiteral("<table>");
        for (size_t f = 0; f < data.features.size(); ++f)
            if (mHiddenColumn.empty() || data.features[f].sourceColumn != mHiddenColumn)
                html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                            .arg(QString::fromStdString(data.features[f].name).toHtmlEscaped(),
                                formatValue(rawFeatureValue(data, row, f)));
        html += QStringLiteral("</table>");
    }
    mRow->setHtml(html);
    mShown.start();
}

} // namespace fr::ui

#include "moc_second_review_dialog.cpp"
