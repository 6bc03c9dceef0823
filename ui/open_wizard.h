// The open wizard: choose a CSV file (then its column roles), one of the Fashion-MNIST set-ups, or
// an existing project; then the model, the device, the batch size and the project file. The last
// choices are remembered (QSettings).
#pragma once

#include "open_request.h"

#include <QWizard>

class QButtonGroup;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace fr::ui {

class ColumnsPage;

class OpenWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourcePageId, ColumnsPageId, ModelPageId };

    explicit OpenWizard(QWidget* parent = nullptr);

    OpenRequest request() const;
    // Starts on "A CSV file" with this path (a file dropped on the window).
    void setCsvPath(const QString& path);
    int nextId() const override;
    void accept() override;

private:
    QWizardPage* buildSourcePage();
    QWizardPage* buildModelPage();
    OpenRequest::Source source() const;
    void suggestProjectPath();
    void saveChoices() const;

    QButtonGroup* mSource = nullptr;
    QLineEdit* mCsvPath = nullptr;
    QComboBox* mFashionSetup = nullptr;
    QSpinBox* mFashionClass = nullptr;
    QLineEdit* mProjectToOpen = nullptr;
    ColumnsPage* mColumns = nullptr;
    QComboBox* mModel = nullptr;
    QComboBox* mDevice = nullptr;
    QComboBox* mStrategy = nullptr;
    QSpinBox* mBatch = nullptr;
    QLineEdit* mProjectPath = nullptr;
};

} // namespace fr::ui
