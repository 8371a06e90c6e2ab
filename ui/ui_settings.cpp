#include "ui/ui_settings.h"

namespace sonde::ui {

UiSettings UiSettings::load(QSettings& s) {
    UiSettings u;
    u.windowGeometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    u.windowState = s.value(QStringLiteral("window/state")).toByteArray();
    u.sidebarSplitter = s.value(QStringLiteral("window/sidebarSplitter")).toByteArray();
    u.responseBeside = s.value(QStringLiteral("layout/responseBeside"), false).toBool();
    u.openRequests = s.value(QStringLiteral("tabs/open")).toStringList();
    u.currentTab = s.value(QStringLiteral("tabs/current"), 0).toInt();
    u.lastEnvironment = s.value(QStringLiteral("environment/last")).toString();
    u.hasLastEnvironment = s.contains(QStringLiteral("environment/last"));
    return u;
}

void UiSettings::save(QSettings& s) const {
    s.setValue(QStringLiteral("window/geometry"), windowGeometry);
    s.setValue(QStringLiteral("window/state"), windowState);
    s.setValue(QStringLiteral("window/sidebarSplitter"), sidebarSplitter);
    s.setValue(QStringLiteral("layout/responseBeside"), responseBeside);
    s.setValue(QStringLiteral("tabs/open"), openRequests);
    s.setValue(QStringLiteral("tabs/current"), currentTab);
    s.setValue(QStringLiteral("environment/last"), lastEnvironment);
}

}  // namespace sonde::ui
