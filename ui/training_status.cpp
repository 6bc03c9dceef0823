#include "training_status.h"

#include "number_format.h"
#include "palette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace fr::ui {

TrainingStatus::TrainingStatus(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    mModel = new QLabel(tr("No model"), this);
    mModel->setToolTip(tr("The model that ranks the queue: kind, version, device"));
    mStale = new QLabel(tr("ranking is stale"), this);
    mStale->setStyleSheet(QStringLiteral("background: %1; color: #202020; border-radius: 3px; "
                                         "padding: 1px 6px;")
                              .arg(palette::staleBadgeColor().name()));
    mStale->setToolTip(tr("The queue shows the previous model's ranking until the retrain ends; "
                          "you can keep labelling meanwhile"));
    mFailed = new QLabel(tr("training failed"), this);
    mFailed->setStyleSheet(QStringLiteral("background: %1; color: white; border-radius: 3px; "
                                          "padding: 1px 6px;")
                               .arg(palette::failureBadgeColor().name()));
    mFailed->setVisible(false);
    mProgress = new QProgressBar(this);
    mProgress->setFixedWidth(160);
    mProgress->setTextVisible(true);
    mSteps = new QLabel(this);
    mCancel = new QPushButton(tr("Cancel"), this);
    mCancel->setFocusPolicy(Qt::NoFocus);
    mCancel->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    mCancel->setToolTip(tr("Stop the training; labels are kept and the previous model stays"));
    layout->addWidget(mFailed);
    layout->addWidget(mStale);
    layout->addWidget(mProgress);
    layout->addWidget(mSteps);
    layout->addWidget(mCancel);
    layout->addSpacing(12);
    layout->addWidget(mModel);
    connect(mCancel, &QPushButton::clicked, this, &TrainingStatus::cancelRequested);
    showIdle();
    setStale(false, false);
}

void TrainingStatus::setModelText(const QString& text)
{
    mModel->setText(tr("Model: %1").arg(text.isEmpty() ? tr("none") : text));
}

void TrainingStatus::showTraining(const QString& phase)
{
    mFailed->setVisible(false);
    mFailed->setToolTip(QString());
    mProgress->setRange(0, 0); // busy until the first step is reported
    mProgress->setFormat(phase);
    mProgress->setVisible(true);
    mSteps->setText(phase);
    mSteps->setVisible(true);
    mCancel->setVisible(true);
}

void TrainingStatus::showProgress(const QString& phase, qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    mProgress->setRange(0, 1000);
    mProgress->setValue(static_cast<int>(1000 * done / total));
    mProgress->setFormat(QStringLiteral("%1 %p%").arg(phase));
    mSteps->setText(tr("step %1 / %2").arg(formatCount(done), formatCount(total)));
}

void TrainingStatus::showIdle()
{
    mProgress->setVisible(false);
    mSteps->setVisible(false);
    mCancel->setVisible(false);
}

void TrainingStatus::setStale(bool stale, bool training)
{
    mStale->setVisible(stale);
    mStale->setText(training ? tr("ranking is stale: retraining") : tr("ranking is stale"));
}

void TrainingStatus::showFailure(const QString& message)
{
    mFailed->setToolTip(message);
    mFailed->setVisible(true);
}

QString TrainingStatus::failureText() const
{
    return mFailed->isHidden() ? QString() : mFailed->toolTip();
}

QString TrainingStatus::modelText() const
{
    return mModel->text();
}

bool TrainingStatus::staleBadgeVisible() const
{
    return !mStale->isHidden();
}

int TrainingStatus::progressValue() const
{
    return mProgress->value();
}

QString TrainingStatus::stepText() const
{
    return mSteps->text();
}

} // namespace fr::ui

#include "moc_training_status.cpp"
