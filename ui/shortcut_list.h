// Help › Keyboard shortcuts: every action of the window with its menu and its keys, read from the
// window's own QActions when the list is shown, so that it cannot drift from what the keys do.
#pragma once

#include <QDialog>
#include <QString>

#include <vector>

class QMainWindow;
class QTableWidget;

namespace fr::ui {

struct ShortcutEntry {
    QString action; // the action's text without '&' and '…'
    QString menu; // "Review", "File › Recent projects"; empty when in no menu
    QString keys; // every shortcut, comma separated, as the platform writes it; empty for none
};

// The menu bar's actions in menu order, then the window's other actions that have a shortcut.
std::vector<ShortcutEntry> shortcutEntries(const QMainWindow& window);

class ShortcutDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutDialog(const QMainWindow& window, QWidget* parent = nullptr);
    QTableWidget* table() const { return mTable; }

private:
    QTableWidget* mTable = nullptr;
};

} // namespace fr::ui
