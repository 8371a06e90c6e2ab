#include "ui/workspace.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <functional>

namespace sonde::ui {

namespace {
template <typename V>
void upsert(std::vector<V>& list, const V& item) {
    auto it = std::find_if(list.begin(), list.end(), [&](const V& x) { return x.id == item.id; });
    if (it == list.end()) list.push_back(item);
    else *it = item;
}
template <typename V>
void eraseId(std::vector<V>& list, const std::string& id) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](const V& x) { return x.id == id; }), list.end());
}
RequestSpec* findIn(Folder& f, const std::string& id) {
    for (auto& r : f.requests)
        if (r.id == id) return &r;
    for (auto& sub : f.folders)
        if (auto* r = findIn(sub, id)) return r;
    return nullptr;
}
}  // namespace

Status MemoryBackend::saveCollection(const Collection& c) { return upsert(collections, c), Status{}; }
Status MemoryBackend::deleteCollection(const std::string& id) { return eraseId(collections, id), Status{}; }
Status MemoryBackend::saveGlobalEnvironment(const Environment& e) { return upsert(environments, e), Status{}; }
Status MemoryBackend::deleteGlobalEnvironment(const std::string& id) { return eraseId(environments, id), Status{}; }
Status MemoryBackend::addHistory(HistoryEntry& entry) {
    entry.id = static_cast<std::int64_t>(history.size()) + 1;
    history.push_back(entry);
    return {};
}

Workspace::Workspace(std::unique_ptr<WorkspaceBackend> backend, QObject* parent)
    : QObject(parent), backend_(std::move(backend)) {
    collections_ = backend_->loadCollections();
    globals_ = backend_->loadGlobalEnvironments();
    history_ = backend_->loadHistory(500);
    for (const auto& h : history_) lastHistoryId_ = std::max(lastHistoryId_, h.id);
    writer_.setMaxThreadCount(1);  // one connection, changes applied in order
}

Workspace::~Workspace() { writer_.waitForDone(); }

std::string Workspace::newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString(); }

void Workspace::check(const Status& s) {
    if (s) return;
    lastError_ = QString::fromStdString(s.error().message());
    emit errorOccurred(lastError_);
}

const Collection* Workspace::collection(const std::string& id) const {
    for (const auto& c : collections_)
        if (c.id == id) return &c;
    return nullptr;
}

std::vector<Environment> Workspace::environments() const {
    std::vector<Environment> out = globals_;
    for (const auto& c : collections_) out.insert(out.end(), c.environments.begin(), c.environments.end());
    return out;
}

const Environment* Workspace::environment(const std::string& id) const {
    if (id.empty()) return nullptr;
    for (const auto& e : globals_)
        if (e.id == id) return &e;
    for (const auto& c : collections_)
        for (const auto& e : c.environments)
            if (e.id == id) return &e;
    return nullptr;
}

void Workspace::setActiveEnvironment(const std::string& id) {
    if (id == activeEnv_) return;
    activeEnv_ = id;
    emit activeEnvironmentChanged();
}

const RequestSpec* Workspace::findRequest(const std::string& requestId, std::string* collectionId) const {
    for (auto& c : collections_)
        if (auto* r = findIn(const_cast<Folder&>(c.root), requestId)) {
            if (collectionId) *collectionId = c.id;
            return r;
        }
    return nullptr;
}

std::string Workspace::saveRequest(const std::string& collectionId, RequestSpec request) {
    if (request.id.empty()) request.id = newId();
    if (request.name.empty()) request.name = request.method + " " + (request.url.empty() ? "untitled" : request.url);
    Collection* target = nullptr;
    for (auto& c : collections_)
        if (c.id == collectionId || (collectionId.empty() && !target)) target = &c;
    if (!target) {
        Collection c;
        c.id = newId();
        c.name = tr("My requests").toStdString();
        collections_.push_back(std::move(c));
        target = &collections_.back();
    }
    if (auto* existing = findIn(target->root, request.id)) *existing = request;
    else target->root.requests.push_back(request);
    saveCollectionLater(*target);
    emit collectionsChanged();
    return request.id;
}

void Workspace::replaceCollection(const Collection& collection) {
    upsert(collections_, collection);
    saveCollectionLater(collection);
    emit collectionsChanged();
}

void Workspace::addCollection(Collection collection) {
    // Imported collections may lack ids; tabs, the tree and the store find things by id.
    if (collection.id.empty()) collection.id = newId();
    for (auto& e : collection.environments)
        if (e.id.empty()) e.id = newId();
    std::function<void(Folder&)> fill = [&](Folder& f) {
        if (f.id.empty()) f.id = newId();
        for (auto& r : f.requests)
            if (r.id.empty()) r.id = newId();
        for (auto& sub : f.folders) fill(sub);
    };
    fill(collection.root);
    replaceCollection(collection);
    emit environmentsChanged();
}

void Workspace::removeCollection(const std::string& id) {
    eraseId(collections_, id);
    write([id](WorkspaceBackend& b) { return b.deleteCollection(id); });
    emit collectionsChanged();
    emit environmentsChanged();
}

void Workspace::saveEnvironment(const Environment& env) {
    for (auto& c : collections_)
        for (auto& e : c.environments)
            if (e.id == env.id) {
                e = env;
                saveCollectionLater(c);
                emit environmentsChanged();
                return;
            }
    upsert(globals_, env);
    write([env](WorkspaceBackend& b) { return b.saveGlobalEnvironment(env); });
    emit environmentsChanged();
}

std::string Workspace::duplicateEnvironment(const std::string& id, const std::string& name) {
    const Environment* original = environment(id);
    if (!original) return {};
    Environment copy = *original;
    copy.id = newId();
    copy.name = name;
    for (auto& c : collections_)
        for (std::size_t i = 0; i < c.environments.size(); ++i)
            if (c.environments[i].id == id) {
                c.environments.insert(c.environments.begin() + static_cast<std::ptrdiff_t>(i) + 1, copy);
                saveCollectionLater(c);
                emit environmentsChanged();
                return copy.id;
            }
    auto it = std::find_if(globals_.begin(), globals_.end(), [&](const Environment& e) { return e.id == id; });
    globals_.insert(it == globals_.end() ? it : it + 1, copy);
    write([copy](WorkspaceBackend& b) { return b.saveGlobalEnvironment(copy); });
    emit environmentsChanged();
    return copy.id;
}

std::optional<RemovedEnvironment> Workspace::removeEnvironment(const std::string& id) {
    std::optional<RemovedEnvironment> removed;
    for (auto& c : collections_)
        for (std::size_t i = 0; i < c.environments.size() && !removed; ++i)
            if (c.environments[i].id == id) {
                removed = RemovedEnvironment{c.environments[i], c.id, i};
                c.environments.erase(c.environments.begin() + static_cast<std::ptrdiff_t>(i));
                saveCollectionLater(c);
            }
    for (std::size_t i = 0; i < globals_.size() && !removed; ++i)
        if (globals_[i].id == id) {
            removed = RemovedEnvironment{globals_[i], {}, i};
            globals_.erase(globals_.begin() + static_cast<std::ptrdiff_t>(i));
            write([id](WorkspaceBackend& b) { return b.deleteGlobalEnvironment(id); });
        }
    if (!removed) return removed;
    if (activeEnv_ == id) setActiveEnvironment({});
    emit environmentsChanged();
    return removed;
}

void Workspace::restoreEnvironment(const RemovedEnvironment& removed) {
    if (environment(removed.environment.id)) return;
    if (!removed.collectionId.empty()) {
        for (auto& c : collections_)
            if (c.id == removed.collectionId) {
                const auto at = std::min(removed.index, c.environments.size());
                c.environments.insert(c.environments.begin() + static_cast<std::ptrdiff_t>(at), removed.environment);
                saveCollectionLater(c);
                emit environmentsChanged();
                return;
            }
    }
    const auto at = std::min(removed.index, globals_.size());  // its collection is gone: keep it as a global one
    globals_.insert(globals_.begin() + static_cast<std::ptrdiff_t>(at), removed.environment);
    write([e = removed.environment](WorkspaceBackend& b) { return b.saveGlobalEnvironment(e); });
    emit environmentsChanged();
}

void Workspace::addHistory(HistoryEntry entry) {
    // The id only finds the entry in this session's list; the store numbers its own rows.
    entry.id = ++lastHistoryId_;
    history_.push_back(entry);
    if (history_.size() > 500) history_.erase(history_.begin());
    emit historyAdded(history_.back());
    // Redacting and storing (a copy of a possibly big response) happen on the writer thread.
    write([entry](WorkspaceBackend& b) mutable { return b.addHistory(entry); });
}

void Workspace::write(std::function<Status(WorkspaceBackend&)> op) {
    writer_.start([this, op = std::move(op)] {
        const Status s = op(*backend_);
        if (!s) QMetaObject::invokeMethod(this, [this, s] { check(s); }, Qt::QueuedConnection);
    });
}

void Workspace::saveCollectionLater(const Collection& collection) {
    write([collection](WorkspaceBackend& b) { return b.saveCollection(collection); });
}

void Workspace::flush() {
    writer_.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);  // their errors, now
}

VariableScopes Workspace::scopesFor(const std::string& collectionId) const {
    static const Collection empty;
    const Collection* c = collection(collectionId);
    VariableScopes scopes = VariableScopes::from(c ? *c : empty, environment(activeEnv_));
    scopes.setScope(Scope::Runtime, runtime_);
    return scopes;
}

VariableLookup Workspace::lookupFor(const std::string& collectionId) const {
    auto scopes = std::make_shared<VariableScopes>(scopesFor(collectionId));
    VariableLookup lookup;
    lookup.find = [scopes](const QString& name) -> std::optional<VariableInfo> {
        const Variable* v = scopes->find(name.toStdString());
        if (!v) return std::nullopt;
        const auto scope = scopes->scopeOf(v->name);
        return VariableInfo{QString::fromStdString(v->value), scopes->isSecret(v->name),
                            scope ? QString::fromUtf8(toString(*scope)) : QString()};
    };
    lookup.names = [scopes] {
        QStringList names;
        for (const auto& v : scopes->effective()) names << QString::fromStdString(v.name);
        return names;
    };
    return lookup;
}

void Workspace::setRuntimeVariable(const std::string& name, const std::string& value) {
    for (auto& v : runtime_)
        if (v.name == name) return void(v.value = value);
    runtime_.push_back({name, value, true, false});
}

}  // namespace sonde::ui
