#include "main_window.h"

#include <QLabel>

namespace fr::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("FairReview"));
    setCentralWidget(new QLabel(tr("FairReview"), this));
    resize(1280, 800);
}

} // namespace fr::ui
