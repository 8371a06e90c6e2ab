// sonde-cli graphql: send a GraphQL operation, print a schema as SDL, or validate a document.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_options.h"
#include "commands.h"
#include "core/graphql/client.h"
#include "core/graphql/introspection.h"
#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"
#include "core/http/engine.h"
#include "output.h"
#include "request_args.h"

namespace sonde::cli {

namespace {

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot read the file", path, "Check the path", "file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int fail(const Error& e) {
    printError(e);
    return exitCodeFor(e);
}

// A schema from an SDL file (a path that exists) or by introspecting a URL.
Result<graphql::Schema> loadSchema(const ParsedArgs& a, const std::string& source) {
    if (source.rfind("http://", 0) != 0 && source.rfind("https://", 0) != 0) {
        auto text = readFile(source);
        if (!text) return text.error();
        auto built = graphql::buildSchemaFromSdl(*text);
        if (!built.schema) {
            const auto& d = built.errors.front();
            return makeError("The schema does not parse: " + d.message,
                             source + ":" + std::to_string(d.line) + ":" + std::to_string(d.column), "", "parse");
        }
        for (const auto& d : built.errors)  // definition problems: reported, the schema is still usable
            std::cerr << source << ":" << d.line << ":" << d.column << ": warning: " << d.message << " [" << d.rule << "]\n";
        return std::move(*built.schema);
    }
    auto endpoint = requestFromArgs(a, source);
    if (!endpoint) return endpoint.error();
    Engine engine;
    return graphql::introspect(engine, *endpoint);
}

int runSchema(const ParsedArgs& a) {
    if (a.positional().size() != 2) return fail(makeError("Give the endpoint URL or SDL file", "command line", "sonde-cli graphql schema URL", "usage"));
    auto schema = loadSchema(a, a.positional()[1]);
    if (!schema) return fail(schema.error());
    std::cout << graphql::printSchema(*schema);
    return ExitOk;
}

int runValidate(const ParsedArgs& a) {
    if (!a.has("--schema") || a.positional().size() != 2)
        return fail(makeError("Give --schema URL|FILE and one query file", "command line",
                              "sonde-cli graphql validate --schema schema.graphql query.graphql", "usage"));
    const std::string file = a.positional()[1];
    auto text = readFile(file);
    if (!text) return fail(text.error());
    auto schema = loadSchema(a, a.get("--schema"));
    if (!schema) return fail(schema.error());
    auto diags = graphql::validate(*schema, *text);
    for (const auto& d : diags)
        std::cout << file << ":" << d.line << ":" << d.column << ": error: " << d.message << " [" << d.rule << "]\n";
    if (diags.empty()) std::cout << file << ": valid\n";
    return diags.empty() ? ExitOk : ExitFailed;
}

int runOperation(const ParsedArgs& a) {
    if (a.positional().size() != 1)
        return fail(makeError(a.positional().empty() ? "No URL given" : "More than one URL given", "command line",
                              "sonde-cli graphql URL --query '{ hello }'", "usage"));
    graphql::GraphQLRequest gq;
    if (a.has("--query") == a.has("--query-file"))
        return fail(makeError("Give exactly one of --query and --query-file", "command line", "", "usage"));
    if (a.has("--query")) {
        gq.query = a.get("--query");
    } else {
        auto text = readFile(a.get("--query-file"));
        if (!text) return fail(text.error());
        gq.query = *text;
    }
    gq.variables = a.get("--variables");
    gq.operationName = a.get("--operation");
    gq.useGet = a.has("--get");
    auto endpoint = requestFromArgs(a, a.positional()[0]);
    if (!endpoint) return fail(endpoint.error());
    auto http = graphql::toHttpRequest(*endpoint, gq);
    if (!http) return fail(http.error());
    Engine engine;
    auto res = engine.send(*http);
    if (!res) return fail(res.error());
    const Response& r = res->response;
    std::string body = bodyOf(r);
    auto split = graphql::splitResponse(body);
    if (!split) {
        std::cerr << "sonde-cli: HTTP " << r.status << " " << r.reason << "\n" << body << "\n";
        return fail(makeError("The response is not a GraphQL response: " + split.error().title, http->url, "", "parse"));
    }
    std::string pretty;
    std::cout << (prettyJson(body, useColor(), pretty) ? pretty : body) << "\n";
    for (const auto& e : split->errors) {
        std::cerr << "graphql error: " << e.message;
        if (!e.pathString().empty()) std::cerr << " (path " << e.pathString() << ")";
        for (const auto& l : e.locations) std::cerr << " (line " << l.line << ", column " << l.column << ")";
        std::cerr << "\n";
    }
    return split->hasErrors() ? ExitFailed : ExitOk;
}

int runGraphql(const ParsedArgs& a) {
    const auto& p = a.positional();
    if (!p.empty() && p[0] == "schema") return runSchema(a);
    if (!p.empty() && p[0] == "validate") return runValidate(a);
    return runOperation(a);
}

}  // namespace

const CommandDef& graphqlCommand() {
    static const CommandDef def = [] {
        CommandDef d;
        d.name = "graphql";
        d.synopsis = "[options] URL --query Q|--query-file F | schema URL|FILE | validate --schema URL|FILE FILE";
        d.summary = "Send a GraphQL operation, print a schema as SDL, or validate a document against a schema.";
        d.options = {
            {"", "--query", "QUERY", "The GraphQL document to send"},
            {"", "--query-file", "FILE", "Read the document from FILE"},
            {"", "--variables", "JSON", "Variables as a JSON object"},
            {"", "--operation", "NAME", "Operation to run when the document has several"},
            {"", "--get", "", "Send as GET with query parameters instead of POST JSON"},
            {"", "--schema", "URL|FILE", "validate: the schema, by introspecting URL or from an SDL file"},
        };
        for (auto& o : requestOptionDefs()) d.options.push_back(o);
        d.details =
            "Forms:\n"
            "  sonde-cli graphql URL --query '{ hello }' [--variables '{\"id\":1}'] [--operation NAME]\n"
            "      prints the response; exit 1 when it has errors (each printed with its path and location)\n"
            "  sonde-cli graphql schema URL|FILE\n"
            "      prints the introspected (or parsed) schema as SDL\n"
            "  sonde-cli graphql validate --schema URL|FILE query.graphql\n"
            "      prints each validation error as FILE:LINE:COLUMN; exit 1 when there is any\n"
            "The request options (headers, auth, TLS, timeouts) are those of sonde-cli send.";
        d.run = &runGraphql;
        return d;
    }();
    return def;
}

}  // namespace sonde::cli
