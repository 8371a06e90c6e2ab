// sonde-bench-store: how fast the store loads a big workspace and filters a big history.
//   sonde-bench-store [--runs N] [--dir DIR]
// Builds, in a fresh SQLite file: one collection of 10,000 requests in 500 folders (50 top-level
// folders with 9 sub-folders each, 20 requests per folder), and 100,000 history rows. Then times
// (median of N runs): loading the whole collection tree, and several history filters.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/store/collection_repository.h"
#include "core/store/history_repository.h"

using namespace sonde;
using Clock = std::chrono::steady_clock;

namespace {
double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

RequestSpec makeRequest(int i) {
    RequestSpec r;
    r.name = "Request " + std::to_string(i);
    r.method = i % 3 == 0 ? "POST" : "GET";
    r.url = "{{base}}/users/" + std::to_string(i) + "?expand=orders";
    r.headers = {{"Accept", "application/json", true, ""}, {"Authorization", "Bearer {{token}}", true, ""},
                 {"X-Request", std::to_string(i), true, ""}};
    if (r.method == "POST") {
        r.body.kind = BodyKind::Json;
        r.body.text = "{\n  \"name\": \"user " + std::to_string(i) + "\",\n  \"email\": \"u" + std::to_string(i) +
                      "@example.test\",\n  \"roles\": [\"reader\", \"writer\"]\n}";
    }
    r.assertions = {Assertion{CheckSource::Status, "", CheckOp::Equals, "200", true},
                    Assertion{CheckSource::JsonPath, "$.id", CheckOp::Exists, "", true}};
    r.tags = {"bench"};
    return r;
}

Collection bigCollection() {
    Collection c;
    c.name = "Bench workspace";
    int n = 0;
    for (int top = 0; top < 50; ++top) {
        Folder t;
        t.name = "Area " + std::to_string(top);
        for (int i = 0; i < 20; ++i) t.requests.push_back(makeRequest(n++));
        for (int sub = 0; sub < 9; ++sub) {
            Folder s;
            s.name = "Resource " + std::to_string(sub);
            for (int i = 0; i < 20; ++i) s.requests.push_back(makeRequest(n++));
            t.folders.push_back(std::move(s));
        }
        c.root.folders.push_back(std::move(t));
    }
    return c;
}

int fail(const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.message().c_str());
    return 1;
}
}  // namespace

int main(int argc, char** argv) {
    int runs = 9;
    std::string dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--dir") dir = argv[i + 1];
    }
    namespace fs = std::filesystem;
    if (dir.empty()) dir = (fs::temp_directory_path() / ("sonde-bench-store-" + std::to_string(::getpid()))).string();
    fs::create_directories(dir);
    const std::string path = dir + "/bench.db";
    fs::remove(path);
    fs::remove(path + "-wal");
    fs::remove(path + "-shm");

    auto db = Database::open(path);
    if (!db) return fail(db.error());
    CollectionRepository repo(*db);
    auto t0 = Clock::now();
    auto saved = repo.save(bigCollection());
    if (!saved) return fail(saved.error());
    double saveMs = ms(Clock::now() - t0);

    std::vector<HistoryEntry> rows(100000);
    const char* methods[] = {"GET", "POST", "PUT", "DELETE"};
    const int statuses[] = {200, 200, 201, 204, 301, 400, 401, 404, 500, 0};
    for (size_t i = 0; i < rows.size(); ++i) {
        HistoryEntry& e = rows[i];
        e.sentAt = 1790000000000 + static_cast<std::int64_t>(i) * 1000;
        e.request.method = methods[i % 4];
        e.request.url = "https://api" + std::to_string(i % 7) + ".example.test/users/" + std::to_string(i % 5000) +
                        "/orders?page=" + std::to_string(i % 13);
        e.request.headers = {{"Accept", "application/json"}};
        e.status = statuses[i % 10];
        e.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "512"}};
        e.timings.total = static_cast<double>(i % 900);
        e.body = std::string(512, 'b');
    }
    HistoryRepository history(*db, HistoryOptions{1 << 20, 0});
    t0 = Clock::now();
    if (auto s = history.addAll(std::move(rows)); !s) return fail(s.error());
    double historyInsertMs = ms(Clock::now() - t0);

    std::printf("sonde-bench-store: %s (SQLite %s), median of %d runs\n", path.c_str(), sqlite3_libversion(), runs);
    std::printf("setup: save 10,000 requests / 500 folders: %.1f ms; insert 100,000 history rows: %.1f ms\n", saveMs,
                historyInsertMs);

    auto time = [&](const char* label, const std::function<bool()>& f) {
        std::vector<double> v, cpu;
        for (int i = 0; i < runs; ++i) {
            auto s = Clock::now();
            std::clock_t c = std::clock();  // CPU time of all threads: less disturbed by a busy machine
            if (!f()) {
                std::printf("%-56s FAILED\n", label);
                return;
            }
            v.push_back(ms(Clock::now() - s));
            cpu.push_back(1000.0 * static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC);
        }
        std::printf("%-56s median %7.2f ms  (min %6.2f, max %6.2f)  cpu %7.2f ms\n", label, median(v),
                    *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()), median(cpu));
    };

    size_t loaded = 0;
    time("load collection tree (10,000 requests, 500 folders)", [&] {
        auto c = repo.load(saved->id);
        if (!c) return false;
        loaded = 0;
        forEachRequest(c->root, [&](const RequestSpec&, const std::string&) { ++loaded; });
        return loaded == 10000;
    });
    time("open database + load collection tree", [&] {
        auto d = Database::open(path);
        if (!d) return false;
        CollectionRepository r(*d);
        return r.load(saved->id).ok();
    });
    time("list collections", [&] { return repo.list().ok(); });

    auto filter = [&](const char* label, HistoryFilter f) {
        time(label, [&, f] { return history.search(f).ok(); });
    };
    HistoryFilter f;
    filter("history: newest 100, no filter", f);
    f = {};
    f.urlContains = "/users/4242/";
    filter("history: URL substring (20 matches), limit 100", f);
    f = {};
    f.method = "delete";
    f.statusMin = 500;
    f.statusMax = 599;
    filter("history: method + status 5xx (0 matches: full scan)", f);
    f = {};
    f.urlContains = "api3.example.test";
    f.statusMin = 400;
    f.statusMax = 499;
    f.fromMs = 1790000000000 + 20000LL * 1000;
    f.toMs = 1790000000000 + 60000LL * 1000;
    filter("history: URL + status 4xx + time range, limit 100", f);
    time("history: count all matching URL substring (full scan)", [&] {
        HistoryFilter c;
        c.urlContains = "/orders?page=7";
        return history.count(c).ok();
    });
    std::error_code ec;
    std::printf("database size: %.1f MB\n", static_cast<double>(fs::file_size(path, ec)) / 1e6);
    fs::remove_all(dir, ec);
    return 0;
}
