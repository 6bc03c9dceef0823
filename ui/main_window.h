// The application's main window: queue, detail panel, charts and the training status.
#pragma once

#include <QMainWindow>

namespace fr::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace fr::ui
