// fairreview: the desktop application.
#include "main_window.h"
#include "util/openmp_env.h"

#include <QApplication>

int main(int argc, char** argv)
{
    fr::ensurePassiveOpenMp(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName("FairReview");
    QApplication::setOrganizationName("FairReview");
    fr::ui::MainWindow window;
    window.show();
    return app.exec();
}
