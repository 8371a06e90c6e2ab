#include "ui/import_controller.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <QFutureWatcher>

#include "core/formats/importer.h"
#include "ui/workspace.h"

namespace sonde::ui {

ImportController::ImportController(Workspace* workspace, QObject* parent) : QObject(parent), workspace_(workspace) {}

namespace {

// "Staging" -> "Staging 2" when the name is taken, so an import never shadows an environment.
std::string freeName(const std::vector<Environment>& existing, const std::string& name) {
    auto taken = [&](const std::string& n) {
        for (const auto& e : existing)
            if (e.name == n) return true;
        return false;
    };
    if (!taken(name)) return name;
    for (int i = 2;; ++i)
        if (!taken(name + " " + std::to_string(i))) return name + " " + std::to_string(i);
}

}  // namespace

void ImportController::importFile(const QString& path) {
    busy_ = true;
    auto* watcher = new QFutureWatcher<Result<Imported>>(this);
    connect(watcher, &QFutureWatcher<Result<Imported>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        busy_ = false;
        Result<Imported> r = watcher->result();
        if (!r) {
            emit failed(QString::fromStdString(r.error().message()));
            return;
        }
        QStringList warnings;
        for (const auto& w : r->warnings) warnings << QString::fromStdString(w.text());
        const QString format = QString::fromUtf8(toString(r->format));
        if (r->hasCollection) {
            const int n = r->requestCount();
            Collection c = std::move(r->collection);
            c.id.clear();  // a text tree keeps its ids on disk; here it is always a new collection
            const QString name = QString::fromStdString(c.name);
            workspace_->addCollection(std::move(c));
            emit imported(tr("Imported '%1' (%2 requests, %3)").arg(name).arg(n).arg(format), warnings);
            return;
        }
        QStringList names;
        for (auto& env : r->environments) {
            env.id = Workspace::newId();
            env.name = freeName(workspace_->environments(), env.name);
            names << QString::fromStdString(env.name);
            workspace_->saveEnvironment(env);
        }
        emit imported(tr("Imported environment '%1' (%2)").arg(names.join(QStringLiteral("', '")), format), warnings);
    });
    const std::string file = path.toStdString();
    watcher->setFuture(QtConcurrent::run([file] { return importPath(file); }));
}

}  // namespace sonde::ui
