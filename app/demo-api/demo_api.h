#pragma once
// DemoApi: the routes and in-memory data of sonde-demo-api (users, notes, login tokens). Thread-safe:
// cpp-httplib calls handlers from its worker pool, so every access to the data takes the mutex.
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace sonde {

class DemoApi {
public:
    DemoApi();
    // Registers every route (and the JSON 404/500 handlers) on `server`.
    void install(httplib::Server& server);
    // Makes slow handlers return at once (called before stopping the server, so it stops quickly).
    void shutdown() { stopping_ = true; }

    static constexpr const char* kUsername = "demo";
    static constexpr const char* kPassword = "sonde-demo";

private:
    // A resource with integer ids: users or notes.
    struct Table {
        std::map<long, nlohmann::json> rows;
        long nextId = 1;
    };

    void installUsers(httplib::Server& server);
    void installNotes(httplib::Server& server);
    void installMisc(httplib::Server& server);
    void installCrud(httplib::Server& server, const std::string& base, Table DemoApi::*table,
                     const std::vector<std::string>& required, bool needsAuth);
    bool authorized(const httplib::Request& req, httplib::Response& res);

    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    Table users_;
    Table notes_;
    std::set<std::string> tokens_;
};

}  // namespace sonde
