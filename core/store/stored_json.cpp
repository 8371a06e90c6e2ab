#include "core/store/stored_json.h"

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
}  // namespace

std::string storedRequestJson(const RequestSpec& spec) {
    json j = spec;
    j.erase("id");
    j.erase("name");
    j.erase("method");
    j.erase("url");
    prune(j, defaultRequestJson());
    return j.dump();
}

Result<RequestSpec> requestFromStored(std::string_view text, std::string id, std::string name, std::string method,
                                      std::string url, const std::string& where) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError("A stored request is not valid JSON", where, "Restore a backup of the database", "corrupt");
    RequestSpec spec;
    try {
        spec = j.get<RequestSpec>();
    } catch (const json::exception& e) {
        return makeError(std::string("A stored request has an unexpected shape: ") + e.what(), where, {}, "corrupt");
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
            r.body = base64Decode(j.at("bodyBase64").get<std::string>());
        r.bodyIsSummary = j.value("bodyIsSummary", false);
    } catch (const json::exception& e) {
        return makeError(std::string("A stored history request has an unexpected shape: ") + e.what(), where, {},
                         "corrupt");
    }
    return r;
}

std::string base64Decode(std::string_view in) {
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        int v = val(c);
        if (v < 0) continue;  // '=' padding and whitespace
        buf = (buf << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buf >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace sonde
