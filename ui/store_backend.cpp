#include "ui/store_backend.h"

#include "core/store/collection_repository.h"
#include "core/store/environment_repository.h"
#include "core/store/history_repository.h"
#include "core/vars/redactor.h"

namespace sonde::ui {

Result<std::unique_ptr<StoreBackend>> StoreBackend::open(const std::string& path) {
    auto db = Database::open(path);
    if (!db) return db.error();
    return std::unique_ptr<StoreBackend>(new StoreBackend(std::move(db.value())));
}

std::vector<Collection> StoreBackend::loadCollections() {
    CollectionRepository repo(db_);
    std::vector<Collection> out;
    auto list = repo.list();
    if (!list) return out;
    for (const auto& summary : *list)
        if (auto c = repo.load(summary.id)) out.push_back(std::move(c.value()));
    return out;
}

std::vector<Environment> StoreBackend::loadGlobalEnvironments() {
    EnvironmentRepository repo(db_);
    auto envs = repo.globals();
    return envs ? envs.value() : std::vector<Environment>{};
}

std::vector<HistoryEntry> StoreBackend::loadHistory(int limit) {
    HistoryRepository repo(db_);
    std::vector<HistoryEntry> out;
    HistoryFilter filter;
    filter.limit = static_cast<std::size_t>(limit);
    auto found = repo.search(filter);
    if (!found) return out;
    for (auto it = found->rbegin(); it != found->rend(); ++it) {  // oldest first
        auto stored = repo.get(it->id);
        if (!stored) continue;
        const sonde::HistoryEntry& s = stored.value();
        HistoryEntry e;
        e.id = s.id;
        e.at = QDateTime::fromMSecsSinceEpoch(s.sentAt, Qt::UTC);
        e.collectionId = s.collectionId;
        if (s.written) {  // as the user wrote it, {{variables}} and all
            e.request = *s.written;
        } else {  // rows from before the written copy: the request as sent
            e.request.method = s.request.method;
            e.request.url = s.request.url;
            for (const auto& h : s.request.headers) e.request.headers.push_back({h.name, h.value, true, {}});
            if (!s.request.body.empty() && !s.request.bodyIsSummary) {
                e.request.body.kind = BodyKind::Text;
                e.request.body.text = s.request.body;
            }
        }
        if (s.error.empty() || s.status != 0) {
            auto ex = std::make_shared<Exchange>();
            ex->request = s.request;
            ex->response.status = s.status;
            ex->response.reason = s.reason;
            ex->response.headers = s.responseHeaders;
            ex->response.timings = s.timings;
            ex->response.body = s.body;
            ex->response.bodyBytes = s.bodyBytes;
            e.exchange = ex;
        } else {
            e.error = makeError(s.error);
        }
        out.push_back(std::move(e));
    }
    return out;
}

Status StoreBackend::saveCollection(const Collection& collection) {
    auto saved = CollectionRepository(db_).save(collection);
    return saved ? Status{} : Status{saved.error()};
}

Status StoreBackend::deleteCollection(const std::string& id) { return CollectionRepository(db_).remove(id); }

Status StoreBackend::saveGlobalEnvironment(const Environment& environment) {
    auto saved = EnvironmentRepository(db_).save(environment);
    return saved ? Status{} : Status{saved.error()};
}

Status StoreBackend::deleteGlobalEnvironment(const std::string& id) { return EnvironmentRepository(db_).remove(id); }

Status StoreBackend::addHistory(HistoryEntry& entry) {
    // Secrets of every scope are masked before anything reaches the disk.
    const Redactor redactor(entry.secrets);
    const std::int64_t at = entry.at.toMSecsSinceEpoch();
    sonde::HistoryEntry stored;
    if (entry.exchange) {
        stored = HistoryRepository::fromExchange(*entry.exchange, redactor, at);
    } else {
        SentRequest sent;
        sent.method = entry.request.method;
        sent.url = entry.request.url;
        stored = HistoryRepository::fromError(sent, entry.error ? *entry.error : makeError("error"), redactor, at);
    }
    stored.collectionId = entry.collectionId;
    stored.requestId = entry.request.id;
    stored.written = HistoryRepository::redactWritten(entry.request, redactor);
    auto id = HistoryRepository(db_).add(std::move(stored));
    if (!id) return id.error();
    entry.id = id.value();
    return {};
}

}  // namespace sonde::ui
