#pragma once
// HistoryPanel: every send, newest first (time, method, URL, status). Activating an entry opens it in
// a tab with its request restored and its response shown.
#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace sonde::ui {

struct HistoryEntry;
class Workspace;

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    HistoryPanel(Workspace* workspace, QWidget* parent = nullptr);
    QTreeWidget* list() const { return list_; }

signals:
    void entryActivated(const sonde::ui::HistoryEntry& entry);

private:
    void prepend(const HistoryEntry& entry);

    Workspace* workspace_;
    QLineEdit* filter_;
    QTreeWidget* list_;
};

}  // namespace sonde::ui
