// The training state, always visible in the status bar: model name, version and device; while a
// training runs a progress bar, the step count, a "ranking is stale" badge and a Cancel button;
// after a failed training a "training failed" badge whose tooltip says why, until the next one.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace fr::ui {

class TrainingStatus : public QWidget {
    Q_OBJECT
public:
    explicit TrainingStatus(QWidget* parent = nullptr);

    void setModelText(const QString& text);
    void showTraining(const QString& phase);
    void showProgress(const QString& phase, qint64 done, qint64 total);
    void showIdle();
    void setStale(bool stale, bool training);
    void showFailure(const QString& message); // cleared by showTraining()

    QString modelText() const;
    bool staleBadgeVisible() const;
    QString failureText() const; // empty unless the failure badge is shown
    int progressValue() const;
    QString stepText() const;
    QPushButton* cancelButton() const { return mCancel; }

signals:
    void cancelRequested();

private:
    QLabel* mModel = nullptr;
    QProgressBar* mProgress = nullptr;
    QLabel* mSteps = nullptr;
    QLabel* mStale = nullptr;
    QLabel* mFailed = nullptr;
    QPushButton* mCancel = nullptr;
};

} // namespace fr::ui
