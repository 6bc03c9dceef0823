// A simulated analyst for --screenshot and the end-to-end tests: labels each batch from the data
// set's ground truth through the main window's own labelling path, submits it, waits for the
// retrain, and stops after the asked number of rounds.
#pragma once

#include <QObject>

namespace fr::ui {

class MainWindow;

class ScriptedReview : public QObject {
    Q_OBJECT
public:
    ScriptedReview(MainWindow* window, int rounds, QObject* parent = nullptr);

    void start(); // waits for the first model when needed
    int roundsDone() const { return mDone; }

signals:
    void finished(bool ok, const QString& message);

private:
    void labelBatch();
    void onTrainingFinished(bool ok, const QString& message);

    MainWindow* mWindow;
    int mRounds;
    int mDone = 0;
    bool mWaiting = false; // a retrain we asked for is running
};

} // namespace fr::ui
