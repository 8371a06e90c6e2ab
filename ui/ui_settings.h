#pragma once
// UiSettings: every GUI setting, declared once with its type and default, read and written through
// QSettings (window geometry, splitter sizes, response placement, open tabs, last environment).
#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace sonde::ui {

struct UiSettings {
    QByteArray windowGeometry;
    QByteArray windowState;
    QByteArray sidebarSplitter;
    bool responseBeside = false;
    QStringList openRequests;   // request ids of saved tabs, in order
    int currentTab = 0;
    QString lastEnvironment;
    bool hasLastEnvironment = false;  // false on the first start: keep what the workspace chose

    static UiSettings load(QSettings& s);
    void save(QSettings& s) const;
};

}  // namespace sonde::ui
