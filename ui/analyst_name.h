// Who is labelling: the analyst's name, asked once and kept in the settings, recorded with every
// label and second review. Review ▸ Analyst name… changes it.
#pragma once

#include <QDialog>
#include <QString>

class QLineEdit;

namespace fr::ui {

QString storedAnalystName(); // empty while none was given
void storeAnalystName(const QString& name);
// The stored name, else $USER, else "analyst": what a label records when nobody was asked.
QString currentAnalystName();

// The small dialog that asks for the name (prefilled with the current one); OK only with a name.
class AnalystNameDialog : public QDialog {
    Q_OBJECT
public:
    explicit AnalystNameDialog(QWidget* parent = nullptr);
    QString name() const;
    QLineEdit* nameEdit() const { return mName; }

private:
    QLineEdit* mName = nullptr;
};

} // namespace fr::ui
