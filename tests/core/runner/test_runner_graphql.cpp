// GraphQL requests run in collections like any other: the runner sends a BodyKind::GraphQL request to
// the real graphql-js fixture and its assertions ($.data..., graphql-errors) are judged.
#include <QtTest>

#include "core/http/engine.h"
#include "core/runner/runner.h"
#include "tests/core/graphql/graphql_fixture.h"

using namespace sonde;

class TestRunnerGraphql : public QObject {
    Q_OBJECT
    test::GraphqlFixture server_;

    RequestSpec operation(const std::string& name, const std::string& query, const std::string& variables,
                          std::vector<Assertion> assertions, bool useGet = false) {
        RequestSpec r;
        r.id = name;
        r.name = name;
        r.method = useGet ? "GET" : "POST";
        r.url = "{{endpoint}}";
        r.body.kind = BodyKind::GraphQL;
        r.body.text = query;
        r.body.graphqlVariables = variables;
        r.body.graphqlUseGet = useGet;
        r.assertions = std::move(assertions);
        return r;
    }

private slots:
    void initTestCase() {
        const QString problem = server_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void graphqlRequestsRunInACollection() {
        Collection c;
        c.name = "GraphQL";
        c.variables = {{"endpoint", server_.url()}, {"who", "Ada"}};
        c.root.requests = {
            operation("hello", "query($n: String) { hello(name: $n) }", R"({"n": "{{who}}"})",
                      {{CheckSource::Status, "", CheckOp::Equals, "200"},
                       {CheckSource::JsonPath, "$.data.hello", CheckOp::Equals, "\"Hello, Ada!\""},
                       {CheckSource::GraphQLErrors, "", CheckOp::Equals, "0"}}),
            operation("hello over GET", "{ hello }", "",
                      {{CheckSource::JsonPath, "$.data.hello", CheckOp::Equals, "\"Hello, world!\""}}, true),
            operation("errors are judged", "{ items { id name } }", "",
                      {{CheckSource::GraphQLErrors, "", CheckOp::Equals, "0"}}),
        };
        Engine engine;
        RunOptions options;
        Runner runner(engine, c, options);
        auto result = runner.run();
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message().c_str());
        const auto& requests = result->iterations.at(0).requests;
        QCOMPARE(int(requests.size()), 3);
        QCOMPARE(requests[0].status, RequestStatus::Passed);
        QCOMPARE(requests[1].status, RequestStatus::Passed);
        QCOMPARE(requests[1].method, std::string("GET"));
        // The third response has an error with a path: its "no errors" assertion fails with the count.
        QCOMPARE(requests[2].status, RequestStatus::Failed);
        QCOMPARE(requests[2].failedAssertions(), 1);
        QVERIFY(!result->passed());
    }
};

QTEST_GUILESS_MAIN(TestRunnerGraphql)
#include "test_runner_graphql.moc"
