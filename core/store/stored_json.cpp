#include "core/store/stored_json.h"

#include <stdexcept>

#include "core/model/base64.h"
#include "core/store/request_sax.h"

namespace sonde {

using nlohmann::json;

namespace {
// Removes from j every key whose value equals the same key of def (recursing into objects).
void prune(json& j, const json& def) {
    if (!j.is_object() || !def.is_object()) return;
    for (auto it = j.begin(); it != j.end();) {
        auto d = def.find(it.key());
        if (d != def.end()) {
            if (*it == *d) {
                it = j.erase(it);
                continue;
            }
            if (it->is_object()) prune(*it, *d);
        }
        ++it;
    }
}

const json& defaultRequestJson() {
    static const json def = RequestSpec{};
    return def;
}

// Elements of these arrays lose their default fields too ("enabled": true, "description": "").
void pruneArrays(json& j) {
    static const json kv = KeyValue{}, part = MultipartPart{}, assertion = Assertion{}, capture = Capture{};
    auto each = [](json& parent, const char* key, const json& def) {
        auto it = parent.find(key);
        if (it == parent.end() || !it->is_array()) return;
        for (auto& e : *it) prune(e, def);
    };
    each(j, "params", kv);
    each(j, "headers", kv);
    each(j, "assertions", assertion);
    each(j, "captures", capture);
    if (auto b = j.find("body"); b != j.end() && b->is_object()) {
        each(*b, "form", kv);
        each(*b, "parts", part);
    }
}

// A direct reader for the common fields (moves strings out of the parsed document, builds no
// default objects); anything unexpected throws and the caller falls back to from_json.
std::string take(json& v) { return std::move(v.get_ref<std::string&>()); }

void readKeyValues(json& arr, std::vector<KeyValue>& out) {
    out.reserve(arr.size());
    for (auto& e : arr) {
        KeyValue kv;
        for (auto& [k, v] : e.get_ref<json::object_t&>()) {
            if (k == "key") kv.key = take(v);
            else if (k == "value") kv.value = take(v);
            else if (k == "enabled") kv.enabled = v.get<bool>();
            else if (k == "description") kv.description = take(v);
            else throw std::invalid_argument(k);
        }
        out.push_back(std::move(kv));
    }
}

template <typename E>
E enumOf(json& v, bool (*parse)(const std::string&, E&)) {
    E out{};
    if (!parse(v.get_ref<std::string&>(), out)) throw std::invalid_argument("enum");
    return out;
}

void readRequest(json& j, RequestSpec& s) {
    for (auto& [k, v] : j.get_ref<json::object_t&>()) {
        if (k == "description") s.description = take(v);
        else if (k == "params") readKeyValues(v, s.params);
        else if (k == "headers") readKeyValues(v, s.headers);
        else if (k == "tags") for (auto& t : v) s.tags.push_back(take(t));
        else if (k == "auth") s.auth = v.get<Auth>();
        else if (k == "options") s.options = v.get<HttpOptions>();
        else if (k == "assertions") {
            for (auto& e : v) {
                Assertion a;
                for (auto& [ak, av] : e.get_ref<json::object_t&>()) {
                    if (ak == "source") a.source = enumOf(av, checkSourceFromString);
                    else if (ak == "selector") a.selector = take(av);
                    else if (ak == "op") a.op = enumOf(av, checkOpFromString);
                    else if (ak == "value") a.value = take(av);
                    else if (ak == "enabled") a.enabled = av.get<bool>();
                    else throw std::invalid_argument(ak);
                }
                s.assertions.push_back(std::move(a));
            }
        } else if (k == "captures") {
            for (auto& e : v) s.captures.push_back(e.get<Capture>());
        } else if (k == "body") {
            for (auto& [bk, bv] : v.get_ref<json::object_t&>()) {
                if (bk == "kind") s.body.kind = enumOf(bv, bodyKindFromString);
                else if (bk == "text") s.body.text = take(bv);
                else if (bk == "contentType") s.body.contentType = take(bv);
                else if (bk == "form") readKeyValues(bv, s.body.form);
                else if (bk == "parts") for (auto& p : bv) s.body.parts.push_back(p.get<MultipartPart>());
                else if (bk == "graphqlVariables") s.body.graphqlVariables = take(bv);
                else if (bk == "graphqlOperation") s.body.graphqlOperation = take(bv);
                else if (bk == "graphqlUseGet") s.body.graphqlUseGet = bv.get<bool>();
                else throw std::invalid_argument(bk);
            }
        } else if (k == "id" || k == "name" || k == "method" || k == "url") {
            // kept in their own columns
        } else {
            throw std::invalid_argument(k);
        }
    }
}
}  // namespace

std::string storedRequestJson(const RequestSpec& spec) {
    json j = spec;
    j.erase("id");
    j.erase("name");
    j.erase("method");
    j.erase("url");
    prune(j, defaultRequestJson());
    pruneArrays(j);
    return j.dump();
}

Result<RequestSpec> requestFromStored(std::string_view text, std::string id, std::string name, std::string method,
                                      std::string url, const std::string& where) {
    RequestSpec spec;
    if (readRequestSax(text, spec)) {
        spec.id = std::move(id);
        spec.name = std::move(name);
        spec.method = std::move(method);
        spec.url = std::move(url);
        return spec;
    }
    spec = RequestSpec{};
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError("A stored request is not valid JSON", where, "Restore a backup of the database", "corrupt");
    try {
        readRequest(j, spec);  // moves strings out of j
    } catch (const std::exception&) {
        try {
            spec = json::parse(text.begin(), text.end()).get<RequestSpec>();
        } catch (const json::exception& e) {
            return makeError(std::string("A stored request has an unexpected shape: ") + e.what(), where, {},
                             "corrupt");
        }
    }
    spec.id = std::move(id);
    spec.name = std::move(name);
    spec.method = std::move(method);
    spec.url = std::move(url);
    return spec;
}

std::string sentRequestJson(const SentRequest& request) { return json(request).dump(); }

Result<SentRequest> sentRequestFromJson(std::string_view text, const std::string& where) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError("A stored history request is not valid JSON", where, {}, "corrupt");
    SentRequest r;
    try {
        r.method = j.value("method", "");
        r.url = j.value("url", "");
        if (j.contains("headers")) r.headers = j.at("headers").get<std::vector<Header>>();
        if (j.contains("body"))
            r.body = j.at("body").get<std::string>();
        else if (j.contains("bodyBase64"))
            r.body = base64DecodeLenient(j.at("bodyBase64").get<std::string>());
        r.bodyIsSummary = j.value("bodyIsSummary", false);
    } catch (const json::exception& e) {
        return makeError(std::string("A stored history request has an unexpected shape: ") + e.what(), where, {},
                         "corrupt");
    }
    return r;
}

}  // namespace sonde
