// Benchmark: core/graphql on GitHub's public schema (npm @octokit/graphql-schema, installed by
// `npm ci --prefix bench/graphql`). Measures SDL parse + schema build, introspection JSON -> schema
// model, SDL printing, validation of a query and completion at cursor positions. Prints min and
// median of N runs in milliseconds. Not a test: it measures, it does not assert.
//
//   bench_graphql [DIR]   (DIR defaults to bench/graphql/node_modules/@octokit/graphql-schema)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/graphql/completion.h"
#include "core/graphql/introspection.h"
#include "core/graphql/schema_builder.h"
#include "core/graphql/validator.h"

using namespace sonde::graphql;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void measure(const char* name, int runs, const std::function<void()>& fn) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        fn();
        auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-34s min %8.3f ms   median %8.3f ms   (%d runs)\n", name, ms.front(), ms[ms.size() / 2], runs);
}
}  // namespace

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : std::string(SONDE_SOURCE_DIR "/bench/graphql/node_modules/@octokit/graphql-schema");
    std::string sdl = readFile(dir + "/schema.graphql");
    std::string json = readFile(dir + "/schema.json");
    if (sdl.empty() || json.empty()) {
        std::fprintf(stderr, "schema files not found in %s: run `npm ci --prefix bench/graphql`\n", dir.c_str());
        return 2;
    }
    // The package ships pretty-printed JSON; a server sends it compact, so measure that.
    std::string compact;
    {
        auto s = schemaFromIntrospection(json);
        if (!s.ok()) {
            std::fprintf(stderr, "introspection JSON: %s\n", s.error().message().c_str());
            return 2;
        }
        bool inString = false;
        compact.reserve(json.size());
        for (std::size_t i = 0; i < json.size(); ++i) {
            char c = json[i];
            if (inString) {
                compact += c;
                if (c == '\\') compact += json[++i];
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
                compact += c;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                compact += c;
            }
        }
    }
    auto built = buildSchemaFromSdl(sdl);
    if (!built.schema) {
        std::fprintf(stderr, "SDL does not parse: %s\n", built.errors.front().message.c_str());
        return 2;
    }
    const Schema& schema = *built.schema;
    std::printf("GitHub schema: SDL %.2f MB, introspection JSON %.2f MB (compact), %zu types\n", sdl.size() / 1e6,
                compact.size() / 1e6, schema.types().size());
    std::printf("SDL definition problems reported: %zu\n", built.errors.size());
    for (const auto& e : built.errors)
        std::printf("  %d:%d %s [%s]\n", e.line, e.column, e.message.c_str(), e.rule.c_str());

    measure("parse SDL (syntax tree)", 30, [&] { (void)parse(sdl, ParseMode::TypeSystem); });
    measure("SDL -> schema model", 30, [&] { (void)buildSchemaFromSdl(sdl); });
    measure("introspection JSON -> model", 30, [&] { (void)schemaFromIntrospection(compact); });
    measure("print schema as SDL", 30, [&] { (void)printSchema(schema); });

    const std::string query = R"(query Repo($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    name description stargazerCount
    issues(first: 20, states: [OPEN], orderBy: {field: CREATED_AT, direction: DESC}) {
      totalCount
      nodes { number title author { login ... on User { name company } } labels(first: 5) { nodes { name color } } }
      pageInfo { hasNextPage endCursor }
    }
    pullRequests(first: 10) { nodes { ...PR } }
  }
}
fragment PR on PullRequest { number title mergeable additions deletions commits(last: 1) { nodes { commit { oid } } } }
)";
    std::size_t problems = validate(schema, query).size();
    std::printf("validation problems in the sample query: %zu\n", problems);
    measure("validate a 20-line query", 100, [&] { (void)validate(schema, query); });
    struct At {
        const char* name;
        std::size_t offset;
    };
    std::vector<At> cursors = {
        {"complete: root field", query.find("repository(") + 2},
        {"complete: Repository field", query.find("stargazerCount")},
        {"complete: argument", query.find("states:")},
        {"complete: enum value", query.find("OPEN]") + 1},
        {"complete: fragment fields", query.find("mergeable")},
        {"complete: type after '... on '", query.find("User { name company")},
        {"complete: fragment type condition", query.find("PullRequest {")},
    };
    for (const auto& c : cursors) {
        std::size_t n = complete(schema, query, c.offset).items.size();
        char label[80];
        std::snprintf(label, sizeof label, "%s (%zu items)", c.name, n);
        measure(label, 100, [&] { (void)complete(schema, query, c.offset); });
    }
    return 0;
}
