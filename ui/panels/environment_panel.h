#pragma once
// EnvironmentPanel: the environments and their variables. Secret values are masked unless "Show
// secrets" is on; edits are saved to the Workspace as you type (debounced).
#include <QWidget>

#include "core/model/collection.h"

class QListWidget;
class QTableWidget;
class QToolButton;
class QTimer;

namespace sonde::ui {

class Workspace;

class EnvironmentPanel : public QWidget {
    Q_OBJECT
public:
    EnvironmentPanel(Workspace* workspace, QWidget* parent = nullptr);
    QListWidget* list() const { return list_; }
    QTableWidget* table() const { return table_; }
    QToolButton* revealButton() const { return reveal_; }
    bool secretsShown() const;
    QString displayedValue(int row) const;  // what the value column shows (masked for secrets)
    void selectEnvironment(const std::string& id);
    void addVariable(const Variable& v);
    void commit();  // writes the table back now (normally debounced)

private:
    void reload();
    void showEnvironment(const std::string& id);

    Workspace* workspace_;
    QListWidget* list_;
    QTableWidget* table_;
    QToolButton* reveal_;
    QTimer* saveTimer_;
    std::string current_;
    bool loading_ = false;
};

}  // namespace sonde::ui
