// Repositories on real SQLite files (core/store/*_repository.*): collections with nested folders in
// order, single-request edits, environments and globals, history search/cap/retention, runs.
#include <QTemporaryDir>
#include <QtTest>

#include "core/model/json.h"
#include "core/store/collection_repository.h"
#include "core/store/environment_repository.h"
#include "core/store/history_repository.h"
#include "core/store/run_repository.h"
#include "core/store/stored_json.h"

using namespace sonde;

namespace {
RequestSpec request(const std::string& name, const std::string& method = "GET") {
    RequestSpec r;
    r.name = name;
    r.method = method;
    r.url = "https://api.test/" + name;
    return r;
}

Collection sampleCollection() {
    Collection c;
    c.name = "Shop";
    c.description = "The shop API";
    c.variables = {Variable{"base", "https://api.test", true, false}, Variable{"key", "k-secret", true, true}};
    RequestSpec rich = request("create", "POST");
    rich.description = "Creates";
    rich.params = {{"dry", "1", false, "dry run"}};
    rich.headers = {{"Content-Type", "application/json", true, ""}, {"X-A", "1", true, ""}, {"X-A", "2", true, ""}};
    rich.body.kind = BodyKind::Json;
    rich.body.text = "{\n  \"a\": 1\n}";
    rich.auth.kind = AuthKind::Bearer;
    rich.auth.token = "{{key}}";
    rich.options.timeoutMs = 1234;
    rich.options.verifyTls = false;
    rich.options.resolve = {"api.test:443:127.0.0.1"};
    rich.assertions = {Assertion{CheckSource::Status, "", CheckOp::Equals, "201", true}};
    rich.captures = {Capture{"id", CheckSource::JsonPath, "$.id", 1, true}};
    rich.tags = {"smoke", "write"};
    c.root.requests = {request("ping"), rich};
    Folder users{"", "Users", "user things", {}, {request("list"), request("get")}};
    Folder admin{"", "Admin", "", {}, {request("ban", "DELETE")}};
    users.folders = {admin, Folder{"", "Empty", "", {}, {}}};
    c.root.folders = {users, Folder{"", "Orders", "", {}, {request("z-first"), request("a-second")}}};
    c.environments = {Environment{"", "dev", {Variable{"host", "dev.test", true, false}}},
                      Environment{"", "prod", {Variable{"host", "prod.test", true, false},
                                               Variable{"token", "p-secret", false, true}}}};
    return c;
}

struct Fixture {
    QTemporaryDir dir;
    Result<Database> db = Database::open(dir.filePath("repo.db").toStdString());
};
}  // namespace

class TestStoreRepositories : public QObject {
    Q_OBJECT
private slots:
    void storedJson_data();
    void storedJson();
    void collectionRoundTrip();
    void collectionReplaceAndRemove();
    void singleRequest();
    void loadByNameErrors();
    void workspaces();
    void environments();
    void historySearch_data();
    void historySearch();
    void historyEntryAndCap();
    void historyRetention();
    void historyRedacts();
    void runs();
};

void TestStoreRepositories::storedJson_data() {
    QTest::addColumn<int>("variant");
    const char* names[] = {"minimal", "lists (fast reader)", "body with form", "auth (fallback)", "options (fallback)",
                           "multipart (fallback)", "everything", "disabled and described", "graphql", "regex capture"};
    for (int i = 0; i < 10; ++i) QTest::newRow(names[i]) << i;
}

// What the store writes for a request reads back equal, through the fast SAX reader or the fallback.
void TestStoreRepositories::storedJson() {
    QFETCH(int, variant);
    RequestSpec r = request("x", "PATCH");
    RequestSpec rich = sampleCollection().root.requests[1];
    switch (variant) {
        case 0: break;
        case 1:
            r.params = {{"a", "1", true, ""}};
            r.headers = {{"H", "v", true, ""}, {"H", "w", true, ""}};
            r.tags = {"t1", "t2"};
            r.assertions = {Assertion{CheckSource::Header, "H", CheckOp::OneOf, "v,w", true}};
            r.captures = {Capture{"c", CheckSource::Header, "H", 1, true}};
            break;
        case 2:
            r.body.kind = BodyKind::FormUrlEncoded;
            r.body.form = {{"f", "1", false, "off"}, {"g", "", true, ""}};
            r.body.contentType = "application/x-www-form-urlencoded; charset=utf-8";
            break;
        case 3: r.auth = rich.auth; r.auth.keyInQuery = true; break;
        case 4: r.options = rich.options; r.options.httpVersion = HttpVersion::Http1_1; break;
        case 5:
            r.body.kind = BodyKind::Multipart;
            r.body.parts = {MultipartPart{"p", "/f", true, "f.bin", "a/b", false}};
            break;
        case 6: r = rich; break;
        case 7:
            r.headers = {{"", "", false, "a description"}};
            r.assertions = {Assertion{CheckSource::Status, "", CheckOp::Equals, "", false}};
            r.description = "multi\nline";
            break;
        case 8:
            r.body.kind = BodyKind::GraphQL;
            r.body.text = "{ a }";
            r.body.graphqlVariables = "{\"x\": 1}";
            r.body.graphqlOperation = "Op";
            r.body.graphqlUseGet = true;
            break;
        case 9: r.captures = {Capture{"tok", CheckSource::Regex, "t=(\\w+)", 3, false}}; break;
    }
    r.id = "id-1";
    std::string stored = storedRequestJson(r);
    auto back = requestFromStored(stored, r.id, r.name, r.method, r.url, "row");
    QVERIFY(back.ok());
    QCOMPARE(nlohmann::json(*back).dump(), nlohmann::json(r).dump());
    QVERIFY(stored.find("\"enabled\":true") == std::string::npos);  // defaults are left out
}

void TestStoreRepositories::collectionRoundTrip() {
    Fixture f;
    QVERIFY(f.db.ok());
    CollectionRepository repo(*f.db);
    auto saved = repo.save(sampleCollection());
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message().c_str());
    QVERIFY(!saved->id.empty());
    QVERIFY(!saved->root.folders[0].id.empty());
    QVERIFY(!saved->root.folders[0].folders[0].requests[0].id.empty());
    QVERIFY(!saved->environments[1].id.empty());
    // A second handle on the same file sees exactly what was saved (order, nesting, every field).
    auto db2 = Database::open(f.db->path());
    QVERIFY(db2.ok());
    CollectionRepository repo2(*db2);
    auto loaded = repo2.load(saved->id);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message().c_str());
    QCOMPARE(nlohmann::json(*loaded).dump(1), nlohmann::json(*saved).dump(1));
    QCOMPARE(loaded->root.folders[1].requests[0].name, std::string("z-first"));  // user order, not name order
    auto byName = repo2.load("Shop");
    QVERIFY(byName.ok());
    QCOMPARE(byName->id, saved->id);

    auto list = repo2.list();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), size_t(1));
    QCOMPARE(list->front().name, std::string("Shop"));
    QCOMPARE(list->front().requestCount, 7);
    QCOMPARE(list->front().folderCount, 4);
}

void TestStoreRepositories::collectionReplaceAndRemove() {
    Fixture f;
    CollectionRepository repo(*f.db);
    auto saved = repo.save(sampleCollection());
    QVERIFY(saved.ok());
    Collection changed = *saved;
    changed.name = "Shop 2";
    changed.root.folders.erase(changed.root.folders.begin());
    std::swap(changed.root.requests[0], changed.root.requests[1]);
    changed.environments.pop_back();
    QVERIFY(repo.save(changed).ok());
    auto loaded = repo.load(saved->id);
    QVERIFY(loaded.ok());
    QCOMPARE(nlohmann::json(*loaded).dump(1), nlohmann::json(changed).dump(1));
    EnvironmentRepository envs(*f.db);
    QCOMPARE(envs.forCollection(saved->id)->size(), size_t(1));
    // Removing cascades to folders, requests and environments.
    QVERIFY(repo.remove(saved->id).ok());
    QVERIFY(!repo.load(saved->id).ok());
    auto count = f.db->prepare("SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM folders) +"
                               " (SELECT count(*) FROM environments) + (SELECT count(*) FROM variables)");
    QVERIFY(count->step().ok());
    QCOMPARE(count->int64(0), 0);
    QCOMPARE(repo.remove(saved->id).error().code, std::string("not-found"));
}

void TestStoreRepositories::singleRequest() {
    Fixture f;
    CollectionRepository repo(*f.db);
    auto saved = repo.save(sampleCollection());
    QVERIFY(saved.ok());
    const std::string usersId = saved->root.folders[0].id;
    // Append to a folder, then edit it in place.
    auto added = repo.saveRequest(saved->id, usersId, request("new", "PUT"));
    QVERIFY(added.ok());
    QVERIFY(!added->id.empty());
    RequestSpec edited = *added;
    edited.headers.push_back({"X-New", "yes", true, ""});
    edited.url = "https://api.test/v2/new";
    QVERIFY(repo.saveRequest(saved->id, usersId, edited).ok());
    auto loaded = repo.load(saved->id);
    QVERIFY(loaded.ok());
    const auto& users = loaded->root.folders[0].requests;
    QCOMPARE(users.size(), size_t(3));
    QVERIFY(users[2] == edited);  // appended last, edited in place (not duplicated)
    auto one = repo.loadRequest(added->id);
    QVERIFY(one.ok());
    QVERIFY(*one == edited);
    auto toRoot = repo.saveRequest(saved->id, "", request("root-new"));
    QVERIFY(toRoot.ok());
    QCOMPARE(repo.load(saved->id)->root.requests.back().name, std::string("root-new"));
    QVERIFY(repo.removeRequest(added->id).ok());
    QCOMPARE(repo.load(saved->id)->root.folders[0].requests.size(), size_t(2));
    QCOMPARE(repo.saveRequest(saved->id, "no-such-folder", request("x")).error().code, std::string("not-found"));
    QCOMPARE(repo.saveRequest("no-such-collection", "", request("x")).error().code, std::string("not-found"));
}

void TestStoreRepositories::loadByNameErrors() {
    Fixture f;
    CollectionRepository repo(*f.db);
    QVERIFY(repo.save(sampleCollection()).ok());
    auto missing = repo.load("Nope");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, std::string("not-found"));
    QVERIFY(missing.error().fix.find("Shop") != std::string::npos);  // lists the known names
    QVERIFY(repo.save(withNewIds(sampleCollection())).ok());        // a second "Shop"
    QCOMPARE(repo.load("Shop").error().code, std::string("ambiguous"));
    QCOMPARE(repo.list()->size(), size_t(2));
}

void TestStoreRepositories::workspaces() {
    Fixture f;
    CollectionRepository repo(*f.db);
    auto def = repo.defaultWorkspace();
    QVERIFY(def.ok());
    auto team = repo.createWorkspace("Team");
    QVERIFY(team.ok());
    QVERIFY(repo.save(sampleCollection(), *team).ok());
    Collection other;
    other.name = "Other";
    QVERIFY(repo.save(other).ok());
    QCOMPARE(repo.list(*team)->size(), size_t(1));
    QCOMPARE(repo.list(*team)->front().name, std::string("Shop"));
    QCOMPARE(repo.list(*def)->front().name, std::string("Other"));
    QCOMPARE(repo.workspaces()->size(), size_t(2));
    QVERIFY(!repo.createWorkspace("Team").ok());  // unique names
}

void TestStoreRepositories::environments() {
    Fixture f;
    EnvironmentRepository envs(*f.db);
    auto g = envs.save(Environment{"", "staging", {Variable{"host", "stg", true, false},
                                                   Variable{"pw", "stg-pw", true, true},
                                                   Variable{"off", "x", false, false}}});
    QVERIFY(g.ok());
    QVERIFY(envs.saveGlobalVariables({Variable{"ua", "sonde", true, false}}).ok());
    auto globals = envs.globals();
    QVERIFY(globals.ok());
    QCOMPARE(globals->size(), size_t(1));  // the reserved globals holder is not listed
    QVERIFY(globals->front() == *g);        // enabled and secret flags and order kept
    QCOMPARE(envs.globalVariables()->front().value, std::string("sonde"));
    QCOMPARE(envs.find("staging")->id, g->id);
    QCOMPARE(envs.find(g->id)->name, std::string("staging"));
    auto missing = envs.find("prod");
    QCOMPARE(missing.error().code, std::string("not-found"));
    QVERIFY(missing.error().fix.find("staging") != std::string::npos);

    CollectionRepository repo(*f.db);
    auto c = repo.save(sampleCollection());
    QVERIFY(c.ok());
    auto prod = envs.find("prod", c->id);
    QVERIFY(prod.ok());
    QCOMPARE(prod->variables[1].secret, true);
    QCOMPARE(prod->variables[1].enabled, false);
    QVERIFY(!envs.find("staging", c->id).ok());  // global ones are not the collection's
    // Update in place keeps the id, replaces variables.
    Environment changed = *g;
    changed.variables = {Variable{"host", "stg2", true, false}};
    QVERIFY(envs.save(changed).ok());
    QVERIFY(*envs.find("staging") == changed);
    QVERIFY(envs.remove(g->id).ok());
    QCOMPARE(envs.globals()->size(), size_t(0));
    QCOMPARE(envs.save(Environment{"", "x", {}}, "no-such-collection").error().code, std::string("not-found"));
}

namespace {
std::vector<HistoryEntry> historyRows() {
    std::vector<HistoryEntry> rows;
    const char* methods[] = {"GET", "POST", "DELETE"};
    const int statuses[] = {200, 201, 404, 500, 0};
    for (int i = 0; i < 30; ++i) {
        HistoryEntry e;
        e.sentAt = 1000 + i * 10;
        e.request.method = methods[i % 3];
        e.request.url = (i % 2 ? "https://api.test/users/" : "https://api.test/orders/") + std::to_string(i);
        e.status = statuses[i % 5];
        e.timings.total = i;
        if (e.status == 0) e.error = "Connection refused";
        rows.push_back(e);
    }
    return rows;
}
}  // namespace

void TestStoreRepositories::historySearch_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("statusMin");
    QTest::addColumn<int>("statusMax");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("expected");
    QTest::newRow("all") << "" << "" << -1 << -1 << 0LL << 0LL << 30;
    QTest::newRow("url substring") << "/users/" << "" << -1 << -1 << 0LL << 0LL << 15;
    QTest::newRow("url exact tail") << "orders/28" << "" << -1 << -1 << 0LL << 0LL << 1;
    QTest::newRow("method any case") << "" << "post" << -1 << -1 << 0LL << 0LL << 10;
    QTest::newRow("status 2xx") << "" << "" << 200 << 299 << 0LL << 0LL << 12;
    QTest::newRow("status >= 400") << "" << "" << 400 << -1 << 0LL << 0LL << 12;
    QTest::newRow("no response") << "" << "" << 0 << 0 << 0LL << 0LL << 6;
    QTest::newRow("time range") << "" << "" << -1 << -1 << 1100LL << 1190LL << 10;
    QTest::newRow("combined") << "/users/" << "GET" << 200 << 299 << 0LL << 0LL << 2;
    QTest::newRow("nothing") << "nothing-like-this" << "" << -1 << -1 << 0LL << 0LL << 0;
}

void TestStoreRepositories::historySearch() {
    QFETCH(QString, url);
    QFETCH(QString, method);
    QFETCH(int, statusMin);
    QFETCH(int, statusMax);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, expected);
    Fixture f;
    HistoryRepository history(*f.db);
    QVERIFY(history.addAll(historyRows()).ok());
    HistoryFilter filter;
    filter.urlContains = url.toStdString();
    filter.method = method.toStdString();
    filter.statusMin = statusMin;
    filter.statusMax = statusMax;
    filter.fromMs = from;
    filter.toMs = to;
    filter.limit = 1000;
    auto found = history.search(filter);
    QVERIFY(found.ok());
    QCOMPARE(int(found->size()), expected);
    QCOMPARE(*history.count(filter), qint64(expected));
    // Every row matches the filter, newest first.
    for (size_t i = 0; i < found->size(); ++i) {
        const auto& h = (*found)[i];
        if (!url.isEmpty()) QVERIFY(h.url.find(url.toStdString()) != std::string::npos);
        if (!method.isEmpty()) QCOMPARE(QString::fromStdString(h.method), method.toUpper());
        if (statusMin >= 0) QVERIFY(h.status >= statusMin);
        if (statusMax >= 0) QVERIFY(h.status <= statusMax);
        if (i) QVERIFY((*found)[i - 1].sentAt >= h.sentAt);
    }
    filter.limit = 2;
    filter.offset = 1;
    if (expected >= 3) {
        auto page = history.search(filter);
        QCOMPARE(page->size(), size_t(2));
        QCOMPARE(page->front().id, (*found)[1].id);
    }
}

void TestStoreRepositories::historyEntryAndCap() {
    Fixture f;
    HistoryRepository history(*f.db, HistoryOptions{10, 0});
    HistoryEntry e;
    e.sentAt = 5;
    e.collectionId = "c";
    e.requestId = "r";
    e.request = SentRequest{"PATCH", "https://h/x", {{"Accept", "*/*"}}, std::string("bin\0ary", 7), false};
    e.status = 200;
    e.reason = "OK";
    e.responseHeaders = {{"Content-Type", "text/plain"}, {"X-Dup", "1"}, {"X-Dup", "2"}};
    e.timings.total = 33.5;
    e.timings.dns = 1.5;
    e.body = "0123456789ABCDEF";
    auto id = history.add(e);
    QVERIFY(id.ok());
    auto got = history.get(*id);
    QVERIFY(got.ok());
    QCOMPARE(got->body, std::string("0123456789"));
    QCOMPARE(got->bodyBytes, std::uint64_t(16));
    QVERIFY(got->bodyTruncated);
    QCOMPARE(got->request.body, e.request.body);  // binary-safe through base64
    QCOMPARE(got->request.method, std::string("PATCH"));
    QVERIFY(got->request.headers == e.request.headers);
    QVERIFY(got->responseHeaders == e.responseHeaders);
    QCOMPARE(got->timings.total, 33.5);
    QCOMPARE(got->timings.dns, 1.5);
    QCOMPARE(got->reason, std::string("OK"));
    QCOMPARE(got->collectionId + got->requestId, std::string("cr"));
    QCOMPARE(history.search()->front().durationMs, 33.5);
    QCOMPARE(history.get(*id + 100).error().code, std::string("not-found"));
}

void TestStoreRepositories::historyRetention() {
    Fixture f;
    HistoryRepository history(*f.db, HistoryOptions{1024, 5});
    for (int i = 0; i < 8; ++i) {
        HistoryEntry e;
        e.sentAt = i;
        e.request.method = "GET";
        e.request.url = "https://h/" + std::to_string(i);
        QVERIFY(history.add(e).ok());
    }
    auto all = history.search();
    QCOMPARE(all->size(), size_t(5));
    QCOMPARE(all->front().url, std::string("https://h/7"));
    QCOMPARE(all->back().url, std::string("https://h/3"));
    QVERIFY(history.clear().ok());
    QCOMPARE(*history.count(), qint64(0));
}

void TestStoreRepositories::historyRedacts() {
    Fixture f;
    HistoryRepository history(*f.db);
    Redactor redactor(std::vector<std::string>{"tok-secret"});
    Exchange x;
    x.request = SentRequest{"GET", "https://h/?k=tok-secret", {{"Authorization", "Bearer tok-secret"}}, "", false};
    x.response.status = 200;
    x.response.body = "echo tok-secret";
    x.response.headers = {{"Set-Cookie", "sid=abc"}};
    auto id = history.add(HistoryRepository::fromExchange(x, redactor, 77));
    QVERIFY(id.ok());
    auto got = history.get(*id);
    QCOMPARE(got->request.url, std::string("https://h/?k=••••"));
    QCOMPARE(got->request.headers[0].value, std::string("Bearer ••••"));
    QCOMPARE(got->body, std::string("echo ••••"));
    QCOMPARE(got->responseHeaders[0].value, std::string("••••"));
    auto err = history.add(HistoryRepository::fromError(x.request, makeError("Connection refused", "https://h/?k=tok-secret"),
                                                        redactor, 78));
    QVERIFY(err.ok());
    auto e = history.get(*err);
    QCOMPARE(e->status, 0);
    QVERIFY(e->error.find("Connection refused") != std::string::npos);
    QVERIFY(e->error.find("tok-secret") == std::string::npos);
}

void TestStoreRepositories::runs() {
    Fixture f;
    RunRepository runs(*f.db);
    auto a = runs.save(RunRecord{"Shop", "2026-11-24T10:00:00Z", 5, 1, 1234.5, "{\"a\":1}"});
    auto b = runs.save(RunRecord{"Shop", "2026-11-24T11:00:00Z", 6, 0, 99, "{\"b\":2}"});
    QVERIFY(a.ok() && b.ok());
    auto list = runs.list();
    QCOMPARE(list->size(), size_t(2));
    QCOMPARE(list->front().id, *b);  // newest first
    QCOMPARE(list->front().reportJson, std::string());
    QCOMPARE(runs.list(10, true)->back().reportJson, std::string("{\"a\":1}"));
    auto got = runs.get(*a);
    QCOMPARE(got->passed, 5);
    QCOMPARE(got->failed, 1);
    QCOMPARE(got->durationMs, 1234.5);
    QCOMPARE(got->collection, std::string("Shop"));
}

QTEST_APPLESS_MAIN(TestStoreRepositories)
#include "test_store_repositories.moc"
