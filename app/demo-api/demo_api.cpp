#include "app/demo-api/demo_api.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <thread>

namespace sonde {

using nlohmann::json;

namespace {

void sendJson(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void sendError(httplib::Response& res, int status, const std::string& message) {
    sendJson(res, status, json{{"error", message}, {"status", status}});
}

// The request body as a JSON object: from a JSON body, or from form fields
// (application/x-www-form-urlencoded, which cpp-httplib parses into req.params). Sends 400 otherwise.
std::optional<json> bodyObject(const httplib::Request& req, httplib::Response& res) {
    const std::string type = req.get_header_value("Content-Type");
    if (type.find("application/json") != std::string::npos) {
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            sendError(res, 400, "the body is not a JSON object");
            return std::nullopt;
        }
        return j;
    }
    if (type.find("application/x-www-form-urlencoded") != std::string::npos) {
        json j = json::object();
        for (const auto& [k, v] : req.params) j[k] = v;
        return j;
    }
    sendError(res, 415, "send a JSON or form (application/x-www-form-urlencoded) body");
    return std::nullopt;
}

std::string newToken() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rng() % 16];
    return t;
}

std::string nowIso() {
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buf[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

DemoApi::DemoApi() {
    for (const auto& [name, email, role] :
         {std::tuple{"Ada Lovelace", "ada@example.com", "admin"}, std::tuple{"Alan Turing", "alan@example.com", "user"},
          std::tuple{"Grace Hopper", "grace@example.com", "user"}}) {
        const long id = users_.nextId++;
        users_.rows[id] = json{{"id", id}, {"name", name}, {"email", email}, {"role", role}};
    }
    const long id = notes_.nextId++;
    notes_.rows[id] = json{{"id", id}, {"title", "Welcome"}, {"body", "Notes need a bearer token."},
                           {"createdAt", nowIso()}};
}

void DemoApi::install(httplib::Server& server) {
    installMisc(server);
    installUsers(server);
    installNotes(server);
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;  // a handler already wrote a JSON error
        sendJson(res, res.status, json{{"error", res.status == 404 ? "not found" : "error"},
                                       {"status", res.status}, {"path", req.path}});
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        sendError(res, 500, "internal error");
    });
}

bool DemoApi::authorized(const httplib::Request& req, httplib::Response& res) {
    const std::string h = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (h.rfind(prefix, 0) == 0) {
        std::lock_guard lock(mutex_);
        if (tokens_.count(h.substr(prefix.size()))) return true;
    }
    res.set_header("WWW-Authenticate", "Bearer realm=\"sonde-demo\"");
    sendError(res, 401, "missing or invalid bearer token: POST /api/login first");
    return false;
}

void DemoApi::installMisc(httplib::Server& server) {
    server.Get("/health", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 200, json{{"status", "ok"}, {"service", "sonde-demo-api"}});
    });
    server.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
        auto body = bodyObject(req, res);
        if (!body) return;
        if (body->value("username", "") != kUsername || body->value("password", "") != kPassword) {
            sendError(res, 401, "wrong username or password");
            return;
        }
        const std::string token = newToken();
        {
            std::lock_guard lock(mutex_);
            tokens_.insert(token);
        }
        sendJson(res, 200, json{{"token", token}, {"tokenType", "Bearer"}, {"expiresIn", 3600},
                                {"user", {{"username", kUsername}}}});
    });
    server.Get("/api/me", [this](const httplib::Request& req, httplib::Response& res) {
        if (!authorized(req, res)) return;
        sendJson(res, 200, json{{"username", kUsername}, {"role", "admin"}});
    });
    server.Get("/api/slow", [this](const httplib::Request& req, httplib::Response& res) {
        long ms = 1000;
        if (req.has_param("ms")) ms = std::strtol(req.get_param_value("ms").c_str(), nullptr, 10);
        ms = std::clamp(ms, 0L, 30000L);
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (!stopping_ && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10L, ms)));
        sendJson(res, 200, json{{"sleptMs", ms}});
    });
    server.Get("/api/error", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 500, json{{"error", "this route always fails"}, {"status", 500}});
    });
    auto echo = [](const httplib::Request& req, httplib::Response& res) {
        json headers = json::object();
        for (const auto& [k, v] : req.headers) headers[k] = v;
        json query = json::object();
        for (const auto& [k, v] : req.params) query[k] = v;
        sendJson(res, 200, json{{"method", req.method}, {"path", req.path}, {"headers", headers},
                                {"params", query}, {"body", req.body}});
    };
    server.Get("/api/echo", echo);
    server.Post("/api/echo", echo);
    server.Put("/api/echo", echo);
}

void DemoApi::installUsers(httplib::Server& server) {
    installCrud(server, "/api/users", &DemoApi::users_, {"name", "email"}, false);
}

void DemoApi::installNotes(httplib::Server& server) {
    installCrud(server, "/api/notes", &DemoApi::notes_, {"title"}, true);
}

void DemoApi::installCrud(httplib::Server& server, const std::string& base, Table DemoApi::*table,
                          const std::vector<std::string>& required, bool needsAuth) {
    const std::string one = base + R"(/(\d+))";
    auto guard = [this, needsAuth](const httplib::Request& req, httplib::Response& res) {
        return !needsAuth || authorized(req, res);
    };
    auto validate = [required](const json& body, httplib::Response& res) {
        for (const auto& field : required)
            if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().empty()) {
                sendError(res, 422, "field '" + field + "' is required");
                return false;
            }
        return true;
    };

    server.Get(base, [this, table, guard](const httplib::Request& req, httplib::Response& res) {
        if (!guard(req, res)) return;
        json items = json::array();
        std::lock_guard lock(mutex_);
        for (const auto& [id, row] : (this->*table).rows) items.push_back(row);
        sendJson(res, 200, json{{"items", items}, {"count", items.size()}});
    });
    server.Get(one, [this, table, guard](const httplib::Request& req, httplib::Response& res) {
        if (!guard(req, res)) return;
        const long id = std::stol(req.matches[1]);
        std::lock_guard lock(mutex_);
        auto it = (this->*table).rows.find(id);
        if (it == (this->*table).rows.end()) return sendError(res, 404, "no item with id " + std::to_string(id));
        sendJson(res, 200, it->second);
    });
    server.Post(base, [this, table, guard, validate, base](const httplib::Request& req, httplib::Response& res) {
        if (!guard(req, res)) return;
        auto body = bodyObject(req, res);
        if (!body || !validate(*body, res)) return;
        std::lock_guard lock(mutex_);
        const long id = (this->*table).nextId++;
        (*body)["id"] = id;
        (*body)["createdAt"] = nowIso();
        (this->*table).rows[id] = *body;
        res.set_header("Location", base + "/" + std::to_string(id));
        sendJson(res, 201, *body);
    });
    server.Put(one, [this, table, guard, validate](const httplib::Request& req, httplib::Response& res) {
        if (!guard(req, res)) return;
        auto body = bodyObject(req, res);
        if (!body || !validate(*body, res)) return;
        const long id = std::stol(req.matches[1]);
        std::lock_guard lock(mutex_);
        auto it = (this->*table).rows.find(id);
        if (it == (this->*table).rows.end()) return sendError(res, 404, "no item with id " + std::to_string(id));
        for (auto& [k, v] : body->items())
            if (k != "id" && k != "createdAt") it->second[k] = v;
        it->second["updatedAt"] = nowIso();
        sendJson(res, 200, it->second);
    });
    server.Delete(one, [this, table, guard](const httplib::Request& req, httplib::Response& res) {
        if (!guard(req, res)) return;
        const long id = std::stol(req.matches[1]);
        std::lock_guard lock(mutex_);
        if (!(this->*table).rows.erase(id)) return sendError(res, 404, "no item with id " + std::to_string(id));
        res.status = 204;
    });
}

}  // namespace sonde
