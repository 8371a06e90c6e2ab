#include "first_run.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "core/formats/text_tree_importer.h"
#include "ui/workspace.h"

namespace sonde::app {

QString sampleDirectory() {
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/sonde/sample");
    if (QFileInfo(installed).isDir()) return QDir(installed).canonicalPath();
    if (QFileInfo(QStringLiteral(SONDE_SAMPLE_DIR)).isDir()) return QStringLiteral(SONDE_SAMPLE_DIR);
    return {};
}

QString importSampleIfEmpty(ui::Workspace& workspace) {
    if (!workspace.collections().empty()) return {};
    const QString dir = sampleDirectory();
    if (!dir.isEmpty()) {
        auto imported = TextTreeImporter::importDirectory(dir.toStdString());
        if (imported) {
            Collection sample = imported->collection;
            workspace.addCollection(sample);
            // Activate the sample's first environment (ids are given when the collection is added).
            for (const auto& e : workspace.environments())
                if (!sample.environments.empty() && e.name == sample.environments.front().name) workspace.setActiveEnvironment(e.id);
            return QObject::tr("Loaded the sample collection from %1: start sonde-demo-api --port 8088 and press Ctrl+Enter.").arg(dir);
        }
    }
    // No sample on disk (or it did not parse): a few built-in requests against the demo API.
    Collection c;
    c.id = ui::Workspace::newId();
    c.name = "Sonde demo API";
    c.description = "Requests against sonde-demo-api (run: sonde-demo-api --port 8088)";
    c.variables = {{"baseUrl", "http://127.0.0.1:8088", true, false}};
    Environment local;
    local.id = ui::Workspace::newId();
    local.name = "Local demo";
    local.variables = {{"baseUrl", "http://127.0.0.1:8088", true, false},
                       {"username", "demo", true, false},
                       {"password", "sonde-demo", true, true}};
    c.environments.push_back(local);
    auto request = [](std::string name, std::string method, std::string url) {
        RequestSpec r;
        r.id = ui::Workspace::newId();
        r.name = std::move(name);
        r.method = std::move(method);
        r.url = std::move(url);
        return r;
    };
    RequestSpec users = request("List users", "GET", "{{baseUrl}}/api/users");
    users.headers.push_back({"Accept", "application/json"});
    users.assertions.push_back({CheckSource::Status, "", CheckOp::Equals, "200", true});
    RequestSpec login = request("Log in", "POST", "{{baseUrl}}/api/login");
    login.body.kind = BodyKind::Json;
    login.body.text = "{\n  \"username\": \"{{username}}\",\n  \"password\": \"{{password}}\"\n}";
    login.captures.push_back({"token", CheckSource::JsonPath, "$.token", 1, true});
    RequestSpec me = request("Who am I", "GET", "{{baseUrl}}/api/me");
    me.auth.kind = AuthKind::Bearer;
    me.auth.token = "{{token}}";
    Folder auth;
    auth.id = ui::Workspace::newId();
    auth.name = "Auth";
    auth.requests = {login, me};
    c.root.folders.push_back(auth);
    c.root.requests = {users, request("Health", "GET", "{{baseUrl}}/health"),
                       request("Echo", "POST", "{{baseUrl}}/api/echo"), request("Slow", "GET", "{{baseUrl}}/api/slow?ms=1500")};
    workspace.addCollection(c);
    workspace.setActiveEnvironment(local.id);
    return QObject::tr("Loaded the sample collection: start sonde-demo-api --port 8088 and press Ctrl+Enter.");
}

}  // namespace sonde::app
