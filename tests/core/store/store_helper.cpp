// sonde_store_helper: a child process for the store's crash and lock tests.
//   rewrite DB COLLECTION_ID N   saves collection COLLECTION_ID again with N large requests (one
//                                transaction); prints "writing" first and "done" at the end
//   pending DB COLLECTION_ID N   the same inside an outer transaction, then prints "written" and
//                                sleeps without committing (the parent kills it)
//   history DB N                 adds N history entries with 16 KiB bodies in one transaction
//   hold DB MS                   holds a write transaction for MS milliseconds ("locked" when held)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "core/store/collection_repository.h"
#include "core/store/history_repository.h"
#include "core/store/run_repository.h"

using namespace sonde;

namespace {
void say(const char* s) {
    std::fputs(s, stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);
}

Collection bigCollection(const std::string& id, int n) {
    Collection c;
    c.id = id;
    c.name = "rewritten";
    std::string body(2048, 'x');
    for (int f = 0; f < 50; ++f) {
        Folder folder;
        folder.name = "F" + std::to_string(f);
        for (int i = f; i < n; i += 50) {
            RequestSpec r;
            r.name = "R" + std::to_string(i);
            r.url = "https://example.test/" + std::to_string(i);
            r.body.kind = BodyKind::Text;
            r.body.text = body;
            folder.requests.push_back(std::move(r));
        }
        c.root.folders.push_back(std::move(folder));
    }
    return c;
}

int fail(const Error& e) {
    std::fprintf(stderr, "%s\n", e.message().c_str());
    return 1;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) return 2;
    std::string mode = argv[1];
    auto db = Database::open(argv[2]);
    if (!db) return fail(db.error());
    if (mode == "rewrite" || mode == "pending") {
        if (argc < 5) return 2;
        Collection c = bigCollection(argv[3], std::atoi(argv[4]));
        CollectionRepository repo(*db);
        if (mode == "rewrite") {
            say("writing");
            auto r = repo.save(std::move(c));
            if (!r) return fail(r.error());
            say("done");
            return 0;
        }
        auto s = db->transaction([&]() -> Status {
            auto r = repo.save(std::move(c));
            if (!r) return r.error();
            say("written");
            std::this_thread::sleep_for(std::chrono::seconds(60));
            return {};
        });
        return s ? 0 : fail(s.error());
    }
    if (mode == "history") {
        HistoryRepository repo(*db, HistoryOptions{1 << 20, 0});
        std::vector<HistoryEntry> entries(static_cast<size_t>(std::atoi(argv[3])));
        for (size_t i = 0; i < entries.size(); ++i) {
            entries[i].sentAt = 1700000000000 + static_cast<std::int64_t>(i);
            entries[i].request.method = "GET";
            entries[i].request.url = "https://example.test/big/" + std::to_string(i);
            entries[i].status = 200;
            entries[i].body = std::string(16384, 'y');
        }
        say("writing");
        auto s = repo.addAll(std::move(entries));
        if (!s) return fail(s.error());
        say("done");
        return 0;
    }
    if (mode == "hold") {
        auto s = db->transaction([&]() -> Status {
            RunRepository runs(*db);
            auto r = runs.save(RunRecord{"held", "2026-11-24T00:00:00Z", 1, 0, 1.0, "{}"});
            if (!r) return r.error();
            say("locked");
            std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(argv[3])));
            return {};
        });
        return s ? 0 : fail(s.error());
    }
    return 2;
}
