#include "shortcut_list.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fr::ui {

namespace {
QString plainText(QString text)
{
    text.remove(QLatin1Char('&'));
    text.remove(QStringLiteral("…"));
    return text.trimmed();
}

QString keysOf(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& key : action->shortcuts())
        keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void addMenu(const QMenu* menu, const QString& path, std::vector<ShortcutEntry>& entries,
    QSet<const QAction*>& seen)
{
    for (const QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        seen.insert(action);
        if (action->menu())
            addMenu(action->menu(), path + QStringLiteral(" › ") + plainText(action->text()),
                entries, seen);
        else
            entries.push_back({plainText(action->text()), path, keysOf(action)});
    }
}
} // namespace

std::vector<ShortcutEntry> shortcutEntries(const QMainWindow& window)
{
    std::vector<ShortcutEntry> entries;
    QSet<const QAction*> seen;
    for (const QAction* top : window.menuBar()->actions())
        if (top->menu())
            addMenu(top->menu(), plainText(top->text()), entries, seen);
    for (const QAction* action : window.findChildren<QAction*>()) {
        if (!seen.contains(action) && !action->shortcut().isEmpty())
            entries.push_back({plainText(action->text()), QString(), keysOf(action)});
    }
    return entries;
}

ShortcutDialog::ShortcutDialog(const QMainWindow& window, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    const std::vector<ShortcutEntry> entries = shortcutEntries(window);
    mTable = new QTableWidget(int(entries.size()), 3, this);
    mTable->setHorizontalHeaderLabels({tr("Action"), tr("Menu"), tr("Keys")});
    mTable->setToolTip(tr("Every action of the window; those without keys are in their menu "
                          "(Alt and the underlined letter)"));
    for (int r = 0; r < int(entries.size()); ++r) {
        const ShortcutEntry& entry = entries[size_t(r)];
        mTable->setItem(r, 0, new QTableWidgetItem(entry.action));
        mTable->setItem(r, 1, new QTableWidgetItem(entry.menu));
        mTable->setItem(r, 2, new QTableWidgetItem(entry.keys));
    }
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->setVisible(false);
    mTable->horizontalHeader()->setStretchLastSection(true);
    mTable->resizeColumnsToContents();
    auto* note = new QLabel(tr("In the queue: ↑ ↓, Page Up/Down, Home/End move; a click on a "
                               "column header sorts by it, a second click reverses. Every label "
                               "is saved in the project file the moment you make it."),
        this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mTable, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(640, 560);
}

} // namespace fr::ui

#include "moc_shortcut_list.cpp"
