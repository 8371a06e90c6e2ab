// .http / .rest files (JetBrains HTTP Client and VS Code REST Client) -> a collection, with the
// environments of a http-client.env.json beside the file. Both chaining models become captures:
// VS Code's {{login.response.body.$.token}} and JetBrains' client.global.set("token", response.body.token).
// Shapes and pitfalls: ../shared/reference/formats-and-conventions.md §1.7.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "core/formats/import_util.h"
#include "core/formats/importer.h"

namespace sonde {

namespace {

namespace fs = std::filesystem;

const std::set<std::string>& methods() {
    static const std::set<std::string> m = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                                            "CONNECT", "GRAPHQL"};
    return m;
}

bool isComment(const std::string& line) {
    const std::string t = trim(line);
    return t.rfind("#", 0) == 0 || t.rfind("//", 0) == 0;
}

// VS Code's and JetBrains' system variables in Sonde's names.
std::string mapDynamic(std::string text, std::vector<std::string>& notes) {
    static const std::regex dyn(R"(\{\{\s*\$(\w+)([^}]*)\}\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), dyn);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out += text.substr(last, m.position() - last);
        last = m.position() + m.length();
        const std::string name = m[1].str();
        const std::string args = trim(m[2].str());
        std::string mapped;
        if (name == "guid" || name == "uuid" || name == "random.uuid") mapped = "$uuid";
        else if (name == "timestamp") mapped = "$timestamp";
        else if (name == "isoTimestamp" || (name == "datetime" && args.find("iso8601") != std::string::npos)) mapped = "$isoTimestamp";
        else if (name == "randomInt") mapped = "$randomInt";
        else if ((name == "processEnv" || name == "dotenv") && !args.empty()) mapped = "$env." + args;
        if (mapped.empty()) {
            notes.push_back("system variable {{$" + name + (args.empty() ? "" : " " + args) + "}} has no Sonde equivalent");
            out += m.str();
            continue;
        }
        if (name == "randomInt" && !args.empty()) notes.push_back("{{$randomInt " + args + "}} became {{$randomInt}} (0..1000)");
        if (name == "dotenv") notes.push_back("{{$dotenv " + args + "}} reads the process environment instead of .env");
        if (name == "datetime" && args != "iso8601") notes.push_back("{{$datetime " + args + "}} became {{$isoTimestamp}}");
        out += "{{" + mapped + "}}";
    }
    out += text.substr(last);
    return out;
}

struct Block {
    std::string name;       // from "### name" or "# @name name"
    std::string refName;    // "# @name" only (VS Code references use it)
    int line = 0;           // 1-based line of the request line
    std::vector<std::string> lines;
    std::vector<int> lineNumbers;
};

std::string jsonPathFromDots(const std::string& dotted) {  // ".data.items[0]" -> "$.data.items[0]"
    return "$" + dotted;
}

}  // namespace

Result<Imported> importHttpFile(std::string_view text, const std::string& name, const std::string& path) {
    Imported out;
    out.format = ImportFormat::HttpFile;
    out.hasCollection = true;
    out.collection.name = name;
    std::vector<std::string> lines = split(text, '\n');
    for (auto& l : lines)
        if (!l.empty() && l.back() == '\r') l.pop_back();
    auto where = [&](int line) { return name + ":" + std::to_string(line); };

    // Split into blocks at "###" lines; file variables (@name = value) anywhere outside a request.
    std::vector<Block> blocks(1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.rfind("###", 0) == 0) {
            blocks.emplace_back();
            blocks.back().name = trim(std::string_view(l).substr(3));
            continue;
        }
        blocks.back().lines.push_back(l);
        blocks.back().lineNumbers.push_back(static_cast<int>(i + 1));
    }

    static const std::regex fileVar(R"(^\s*@([\w.-]+)\s*=\s*(.*?)\s*$)");
    static const std::regex requestLine(R"(^\s*([A-Za-z]+)\s+(\S.*?)(\s+HTTP/[\d.]+)?\s*$)");
    static const std::regex bareUrl(R"(^\s*((https?://|\{\{)\S*)\s*$)");
    static const std::regex option(R"(^\s*(#|//)\s*@([\w-]+)\s*(.*?)\s*$)");
    static const std::regex header(R"(^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$)");
    static const std::regex globalSet(R"(client\.global\.set\(\s*["']([\w.-]+)["']\s*,\s*response\.(body|headers\.valueOf\(\s*["']([^"']+)["']\s*\))((?:\.\w+|\[\d+\])*)\s*\))");
    static const std::regex statusCheck(R"(response\.status\s*===?\s*(\d{3}))");
    std::vector<std::string> dynamicNotes;

    struct Pending {
        RequestSpec request;
        std::string refName;
        int line = 0;
    };
    std::vector<Pending> requests;
    for (auto& b : blocks) {
        std::size_t i = 0;
        Pending p;
        p.request.name = b.name;
        // Comments, options and file variables before the request line.
        for (; i < b.lines.size(); ++i) {
            const std::string& l = b.lines[i];
            std::smatch m;
            if (trim(l).empty()) continue;
            if (std::regex_match(l, m, option)) {
                const std::string opt = m[2].str(), arg = m[3].str();
                if (opt == "name") p.refName = arg, p.request.name = p.request.name.empty() ? arg : p.request.name;
                else if (opt == "no-redirect") p.request.options.followRedirects = false;
                else if (opt == "timeout") {
                    try {
                        p.request.options.timeoutMs = std::stol(arg) * 1000;
                    } catch (...) {
                        out.warnings.push_back({where(b.lineNumbers[i]), "@timeout takes seconds, not '" + arg + "'"});
                    }
                } else if (opt == "no-cookie-jar" || opt == "note" || opt == "no-log") {
                } else {
                    out.warnings.push_back({where(b.lineNumbers[i]), "option @" + opt + " is not supported"});
                }
                continue;
            }
            if (isComment(l)) continue;
            if (std::regex_match(l, m, fileVar)) {
                out.collection.variables.push_back(Variable{m[1].str(), mapDynamic(m[2].str(), dynamicNotes), true, false});
                continue;
            }
            break;
        }
        if (i >= b.lines.size()) continue;  // only comments or variables
        p.line = b.lineNumbers[i];
        std::smatch m;
        const std::string& first = b.lines[i];
        if (std::regex_match(first, m, requestLine) && methods().count(m[1].str())) {
            p.request.method = m[1].str();
            p.request.url = m[2].str();
        } else if (std::regex_match(first, m, bareUrl)) {
            p.request.url = m[1].str();
        } else {
            return makeError("Expected a request line (METHOD URL), found '" + trim(first) + "'", where(p.line),
                             "Start each request with its method and URL, separate requests with ###", "parse");
        }
        ++i;
        for (; i < b.lines.size(); ++i) {  // query continuation lines
            const std::string t = trim(b.lines[i]);
            if (t.empty() || (t[0] != '?' && t[0] != '&')) break;
            p.request.url += t;
        }
        bool graphqlHeader = false;
        for (; i < b.lines.size(); ++i) {  // headers until a blank line
            const std::string& l = b.lines[i];
            if (trim(l).empty()) {
                ++i;
                break;
            }
            if (isComment(l)) continue;
            if (!std::regex_match(l, m, header)) {
                out.warnings.push_back({where(b.lineNumbers[i]), "not a header line: '" + trim(l) + "'; left out"});
                continue;
            }
            if (iequals(m[1].str(), "X-Request-Type") && iequals(trim(m[2].str()), "GraphQL")) {
                graphqlHeader = true;
                continue;
            }
            p.request.headers.emplace_back(m[1].str(), mapDynamic(trim(m[2].str()), dynamicNotes));
        }
        // The body, up to a response handler ("> {% … %}" or "> file.js") or a response reference ("<> file").
        std::vector<std::string> body;
        std::string handler;
        bool inHandler = false;
        for (; i < b.lines.size(); ++i) {
            const std::string& l = b.lines[i];
            if (inHandler) {
                handler += l + "\n";
                if (l.find("%}") != std::string::npos) inHandler = false;
                continue;
            }
            if (l.rfind("> {%", 0) == 0 || l.rfind(">{%", 0) == 0) {
                handler += l + "\n";
                inHandler = l.find("%}", 3) == std::string::npos;
                continue;
            }
            if (l.rfind(">", 0) == 0 || l.rfind("<>", 0) == 0) {
                out.warnings.push_back({where(b.lineNumbers[i]), "'" + trim(l) + "' (a handler or response file) is not imported"});
                continue;
            }
            body.push_back(l);
        }
        while (!body.empty() && trim(body.back()).empty()) body.pop_back();
        // A body read from a file.
        if (body.size() == 1 && body[0].rfind("<", 0) == 0) {
            const bool substitute = body[0].rfind("<@", 0) == 0;
            std::string file = trim(std::string_view(body[0]).substr(substitute ? 2 : 1));
            if (!path.empty() && fs::path(file).is_relative()) file = (fs::path(path).parent_path() / file).lexically_normal().string();
            p.request.body.kind = BodyKind::BinaryFile;
            p.request.body.text = file;
            if (substitute) out.warnings.push_back({where(p.line), "'<@' body file is sent as it is: {{variables}} in it are not replaced"});
            body.clear();
        }
        std::string bodyText;
        for (std::size_t k = 0; k < body.size(); ++k) bodyText += (k ? "\n" : "") + body[k];
        bodyText = mapDynamic(bodyText, dynamicNotes);
        std::string type;
        for (const auto& h : p.request.headers)
            if (iequals(h.key, "Content-Type")) type = lower(h.value);
        if (p.request.method == "GRAPHQL" || graphqlHeader) {
            if (p.request.method == "GRAPHQL") p.request.method = "POST";
            p.request.body.kind = BodyKind::GraphQL;
            // The query, then (after a blank line) the variables as JSON.
            const auto split = bodyText.find("\n\n");
            p.request.body.text = trim(bodyText.substr(0, split));
            if (split != std::string::npos) p.request.body.graphqlVariables = trim(bodyText.substr(split + 2));
        } else if (!bodyText.empty()) {
            p.request.body.text = bodyText;
            p.request.body.kind = type.find("json") != std::string::npos  ? BodyKind::Json
                                  : type.find("xml") != std::string::npos ? BodyKind::Xml
                                                                          : BodyKind::Text;
            if (p.request.body.kind == BodyKind::Text && type.empty()) p.request.body.contentType = "text/plain";
        }
        // JetBrains handlers: client.global.set(...) becomes a capture, response.status === N an assertion.
        if (!handler.empty()) {
            bool used = false;
            for (auto it = std::sregex_iterator(handler.begin(), handler.end(), globalSet); it != std::sregex_iterator(); ++it) {
                Capture c;
                c.variable = (*it)[1].str();
                if ((*it)[3].matched) {
                    c.source = CheckSource::Header;
                    c.selector = (*it)[3].str();
                } else {
                    c.source = CheckSource::JsonPath;
                    c.selector = jsonPathFromDots((*it)[4].str());
                }
                p.request.captures.push_back(c);
                used = true;
            }
            for (auto it = std::sregex_iterator(handler.begin(), handler.end(), statusCheck); it != std::sregex_iterator(); ++it) {
                Assertion a;
                a.value = (*it)[1].str();
                p.request.assertions.push_back(a);
                used = true;
            }
            out.warnings.push_back({where(p.line), std::string("response handler script not imported") +
                                                       (used ? " (its client.global.set calls became captures and its status checks assertions)" : "")});
        }
        p.request.url = mapDynamic(p.request.url, dynamicNotes);
        if (p.request.name.empty()) p.request.name = p.request.method + " " + p.request.url;
        requests.push_back(std::move(p));
    }
    if (requests.empty())
        return makeError("The file holds no request", name, "Write METHOD URL lines separated by ###", "parse");

    // VS Code chaining: {{login.response.body.$.token}} -> a capture on the request named login.
    static const std::regex ref(R"(\{\{\s*([\w-]+)\.response\.(body|headers)\.([^}\s]+)\s*\}\})");
    std::map<std::string, std::string> renamed;  // reference text -> new variable
    auto rewrite = [&](std::string& s) {
        std::string outText;
        std::size_t last = 0;
        for (auto it = std::sregex_iterator(s.begin(), s.end(), ref); it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            outText += s.substr(last, m.position() - last);
            last = m.position() + m.length();
            const std::string target = m[1].str(), part = m[2].str(), selector = m[3].str();
            auto producer = std::find_if(requests.begin(), requests.end(), [&](const Pending& q) { return q.refName == target; });
            if (producer == requests.end() || (part == "body" && selector.rfind("$", 0) != 0)) {
                out.warnings.push_back({name, "reference " + m.str() + " cannot be resolved; left as it is"});
                outText += m.str();
                continue;
            }
            std::string var = target + "_";
            for (char c : selector) var += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
            while (var.find("__") != std::string::npos) var.replace(var.find("__"), 2, "_");
            if (var.back() == '_') var.pop_back();
            if (!renamed.count(m.str())) {
                Capture c;
                c.variable = var;
                c.source = part == "body" ? CheckSource::JsonPath : CheckSource::Header;
                c.selector = selector;
                producer->request.captures.push_back(c);
                renamed[m.str()] = var;
            }
            outText += "{{" + var + "}}";
        }
        outText += s.substr(last);
        s = outText;
    };
    for (auto& p : requests) {
        rewrite(p.request.url);
        for (auto& h : p.request.headers) rewrite(h.value);
        rewrite(p.request.body.text);
        rewrite(p.request.body.graphqlVariables);
    }
    for (const auto& n : std::set<std::string>(dynamicNotes.begin(), dynamicNotes.end())) out.warnings.push_back({name, n});
    for (auto& p : requests) out.collection.root.requests.push_back(std::move(p.request));

    // Environments beside the file (JetBrains): public values, and private ones as secrets.
    if (!path.empty()) {
        const fs::path dir = fs::path(path).parent_path();
        std::map<std::string, Environment> envs;
        for (const char* file : {"http-client.env.json", "http-client.private.env.json"}) {
            const fs::path envPath = dir / file;
            std::error_code ec;
            if (!fs::is_regular_file(envPath, ec)) continue;
            std::ifstream in(envPath, std::ios::binary);
            const std::string envText((std::istreambuf_iterator<char>(in)), {});
            auto parsed = parseJsonText(envText, envPath.string());
            if (!parsed) {
                out.warnings.push_back({envPath.string(), parsed.error().title + " (" + parsed.error().where + "); environments left out"});
                continue;
            }
            if (!parsed->is_object()) continue;
            const bool secret = std::string(file).find("private") != std::string::npos;
            for (const auto& [envName, values] : parsed->items()) {
                if (!values.is_object()) continue;
                Environment& e = envs[envName];
                e.name = envName;
                for (const auto& [k, v] : values.items()) {
                    auto existing = std::find_if(e.variables.begin(), e.variables.end(), [&](const Variable& x) { return x.name == k; });
                    if (existing != e.variables.end()) existing->value = jsonText(v), existing->secret = existing->secret || secret;
                    else e.variables.push_back(Variable{k, jsonText(v), true, secret});
                }
            }
        }
        for (auto& [n, e] : envs) out.collection.environments.push_back(std::move(e));
    }
    return out;
}

bool looksLikeHttpFile(std::string_view text) {
    static const std::regex line(R"((^|\n)\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|GRAPHQL)\s+(https?://|\{\{|/)\S*)");
    const std::string head(text.substr(0, 8192));
    return head.rfind("###", 0) == 0 || std::regex_search(head, line);
}

}  // namespace sonde
