#include "analyst_name.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
const char* const kAnalystKey = "analyst/name";
} // namespace

QString storedAnalystName()
{
    return QSettings().value(kAnalystKey).toString().trimmed();
}

void storeAnalystName(const QString& name)
{
    QSettings().setValue(kAnalystKey, name.trimmed());
}

QString currentAnalystName()
{
    const QString stored = storedAnalystName();
    if (!stored.isEmpty())
        return stored;
    return qEnvironmentVariable("USER", QStringLiteral("analyst"));
}

AnalystNameDialog::AnalystNameDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Analyst name"));
    auto* text = new QLabel(tr("Your name is recorded with every label and second review you "
                               "give, so that a team can tell who reviewed what. It is kept for "
                               "the next projects and can be changed in Review ▸ Analyst name…."),
        this);
    text->setWordWrap(true);
    mName = new QLineEdit(currentAnalystName(), this);
    mName->setObjectName(QStringLiteral("analystNameEdit"));
    mName->setToolTip(tr("The name every label you give will carry"));
    mName->selectAll();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mName, &QLineEdit::textChanged, this, [buttons](const QString& t) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.trimmed().isEmpty());
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(mName);
    layout->addWidget(buttons);
    resize(420, sizeHint().height());
}

QString AnalystNameDialog::name() const
{
    return mName->text().trimmed();
}

} // namespace fr::ui

#include "moc_analyst_name.cpp"
