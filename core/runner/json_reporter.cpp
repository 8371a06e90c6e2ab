#include "core/runner/json_reporter.h"

#include <nlohmann/json.hpp>

#include "core/model/json.h"

namespace sonde {

using nlohmann::json;

namespace {

json assertionJson(const AssertionOutcome& a) {
    json j{{"assertion", a.description}, {"passed", a.passed}, {"expected", a.expected}, {"actual", a.actual},
           {"source", toString(a.assertion.source)}, {"op", toString(a.assertion.op)}};
    if (!a.assertion.selector.empty()) j["selector"] = a.assertion.selector;
    if (!a.message.empty()) j["message"] = a.message;
    return j;
}

json requestJson(const RequestResult& r) {
    json j{{"iteration", r.iteration + 1}, {"index", r.index},     {"folder", r.folder},
           {"name", r.name},               {"method", r.method},   {"url", r.url},
           {"status", toString(r.status)}, {"durationMs", r.durationMs}, {"startedAt", r.startedAt}};
    if (!r.requestId.empty()) j["id"] = r.requestId;
    if (!r.file.empty()) j["file"] = r.file;
    if (r.exchange) {
        j["request"] = r.exchange->request;
        j["response"] = r.exchange->response;
    }
    if (r.error) j["error"] = json{{"title", r.error->title}, {"code", r.error->code}, {"where", r.error->where},
                                   {"message", r.error->message()}};
    j["assertions"] = json::array();
    for (const auto& a : r.assertions) j["assertions"].push_back(assertionJson(a));
    j["captures"] = json::object();
    for (const auto& c : r.captured) j["captures"][c.name] = c.value;
    return j;
}

json runJson(const RunResult& run) {
    const auto& s = run.stats;
    json failures = json::array();
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) {
            if (r.error)
                failures.push_back(json{{"iteration", r.iteration + 1}, {"request", describeRequest(r)},
                                        {"folder", r.folder}, {"name", r.name}, {"error", r.error->message()}});
            for (const auto& a : r.assertions)
                if (!a.passed)
                    failures.push_back(json{{"iteration", r.iteration + 1}, {"request", describeRequest(r)},
                                            {"folder", r.folder}, {"name", r.name}, {"assertion", a.description},
                                            {"expected", a.expected}, {"actual", a.actual}, {"message", a.message}});
        }
    return json{{"startedAt", run.startedAt},
                {"end", toString(run.end)},
                {"passed", run.passed()},
                {"stats",
                 {{"iterations", {{"total", s.iterations}}},
                  {"requests", {{"total", s.requests}, {"failed", s.requestsFailed}, {"errors", s.transportErrors}}},
                  {"assertions", {{"total", s.assertions}, {"failed", s.assertionsFailed}}}}},
                {"timings",
                 {{"totalMs", s.totalMs}, {"responseAverageMs", s.responseAvgMs}, {"responseMinMs", s.responseMinMs},
                  {"responseMaxMs", s.responseMaxMs}}},
                {"failures", failures}};
}

}  // namespace

std::string JsonReporter::render(const RunResult& run) {
    json doc{{"format", "sonde-report"}, {"version", 1}, {"collection", run.collectionName},
             {"environment", run.environmentName}, {"iterations", run.stats.iterations}};
    doc["executions"] = json::array();
    for (const auto& it : run.iterations)
        for (const auto& r : it.requests) doc["executions"].push_back(requestJson(r));
    doc["run"] = runJson(run);
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

JsonReporter::JsonReporter(std::string path) : path_(std::move(path)) {}

JsonReporter::~JsonReporter() {
    if (file_) std::fclose(file_);
}

void JsonReporter::runStarted(const RunPlan& plan) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) return fail("Cannot write the JSON report", path_);
    json head{{"format", "sonde-report"}, {"version", 1}, {"collection", plan.collectionName},
              {"environment", plan.environmentName}, {"iterations", plan.iterations}, {"parallel", plan.parallel}};
    std::string text = head.dump();
    text.pop_back();  // reopen the object to stream "executions" into it
    text += ",\"executions\":[";
    std::fputs(text.c_str(), file_);
}

void JsonReporter::requestDone(const RequestResult& result) {
    if (!file_) return;
    if (!first_) std::fputc(',', file_);
    first_ = false;
    std::fputs(requestJson(result).dump(-1, ' ', false, json::error_handler_t::replace).c_str(), file_);
}

void JsonReporter::runDone(const RunResult& run) {
    if (!file_) return;
    std::string text = json{{"run", runJson(run)}}.dump(-1, ' ', false, json::error_handler_t::replace);
    text[0] = ',';  // continue the top-level object
    std::fputs("]", file_);
    std::fputs(text.c_str(), file_);
    if (std::fclose(file_) != 0) fail("Cannot finish writing the JSON report", path_);
    file_ = nullptr;
}

}  // namespace sonde
