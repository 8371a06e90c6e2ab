// Variable scopes, precedence, {{name}} resolution over a whole RequestSpec, dynamic values and the
// warnings for unresolved names (core/vars/variable_resolver.*, variable_scopes.*, dynamic_values.*).
#include <QRegularExpression>
#include <QtTest>

#include "core/vars/variable_resolver.h"

using namespace sonde;

Q_DECLARE_METATYPE(std::string)

namespace {
DynamicValues fixedDynamic() {
    using namespace std::chrono;
    // 2026-11-24T16:00:00.123Z
    auto t = system_clock::time_point(milliseconds(1795536000123LL));
    return DynamicValues([t] { return t; }, 42, [](const std::string& n) -> std::optional<std::string> {
        if (n == "CI_TOKEN") return std::string("from-ci");
        return std::nullopt;
    });
}
}  // namespace

class TestVarsResolver : public QObject {
    Q_OBJECT
private slots:
    void precedence_data();
    void precedence();
    void disabledIgnored();
    void dynamicValues_data();
    void dynamicValues();
    void uuidsDiffer();
    void unresolved_data();
    void unresolved();
    void nestedAndCycle();
    void wholeRequest();
    void assertions();
    void referencedNames();
};

void TestVarsResolver::precedence_data() {
    QTest::addColumn<QStringList>("definedIn");  // scopes defining "v" with value = scope name
    QTest::addColumn<QString>("expected");
    QTest::newRow("global only") << QStringList{"global"} << "global";
    QTest::newRow("collection over global") << QStringList{"global", "collection"} << "collection";
    QTest::newRow("environment over collection") << QStringList{"collection", "environment"} << "environment";
    QTest::newRow("data over environment") << QStringList{"global", "environment", "data"} << "data";
    QTest::newRow("runtime over all") << QStringList{"global", "collection", "environment", "data", "runtime"}
                                      << "runtime";
    QTest::newRow("runtime over data only") << QStringList{"data", "runtime"} << "runtime";
    QTest::newRow("collection alone") << QStringList{"collection"} << "collection";
}

void TestVarsResolver::precedence() {
    QFETCH(QStringList, definedIn);
    QFETCH(QString, expected);
    VariableScopes scopes;
    // Set in reverse order, so precedence cannot come from insertion order.
    for (auto it = definedIn.crbegin(); it != definedIn.crend(); ++it)
        for (int s = 0; s < kScopeCount; ++s)
            if (*it == toString(static_cast<Scope>(s)))
                scopes.set(static_cast<Scope>(s), "v", it->toStdString());
    VariableResolver r(scopes);
    auto out = r.resolveText("[{{v}}] [{{ v }}]");
    QVERIFY(out.complete());
    QCOMPARE(QString::fromStdString(out.value), "[" + expected + "] [" + expected + "]");
    QCOMPARE(QString(toString(*scopes.scopeOf("v"))), expected);
}

void TestVarsResolver::disabledIgnored() {
    Collection c;
    c.variables = {Variable{"host", "coll.example", true, false}};
    Environment env{"e1", "dev", {Variable{"host", "env.example", false, false}}};
    auto scopes = VariableScopes::from(c, &env, {Variable{"g", "1", true, false}});
    VariableResolver r(scopes);
    QCOMPARE(r.resolveText("{{host}}/{{g}}").value, std::string("coll.example/1"));
}

void TestVarsResolver::dynamicValues_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("uuid") << "{{$uuid}}" << "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
    QTest::newRow("timestamp") << "{{$timestamp}}" << "^1795536000$";
    QTest::newRow("isoTimestamp") << "{{$isoTimestamp}}" << "^2026-11-24T16:00:00\\.123Z$";
    QTest::newRow("randomInt") << "{{$randomInt}}" << "^([0-9]{1,3}|1000)$";
    QTest::newRow("env") << "Bearer {{$env.CI_TOKEN}}" << "^Bearer from-ci$";
    QTest::newRow("spaces") << "{{ $timestamp }}" << "^1795536000$";
}

void TestVarsResolver::dynamicValues() {
    QFETCH(QString, text);
    QFETCH(QString, pattern);
    VariableScopes scopes;
    auto dyn = fixedDynamic();
    VariableResolver r(scopes, dyn);
    auto out = r.resolveText(text.toStdString());
    QVERIFY(out.complete());
    QVERIFY2(QRegularExpression(pattern).match(QString::fromStdString(out.value)).hasMatch(), out.value.c_str());
}

void TestVarsResolver::uuidsDiffer() {
    VariableScopes scopes;
    VariableResolver r(scopes);
    auto out = r.resolveText("{{$uuid}} {{$uuid}}");
    auto parts = QString::fromStdString(out.value).split(' ');
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts[0] != parts[1]);
    // The real environment is read by default.
    qputenv("SONDE_TEST_VARS_ENV", "xyz");
    QCOMPARE(r.resolveText("{{$env.SONDE_TEST_VARS_ENV}}").value, std::string("xyz"));
}

void TestVarsResolver::unresolved_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("missing") << "a{{nope}}b" << "a{{nope}}b" << QStringList{"nope"};
    QTest::newRow("one of two") << "{{x}}/{{nope}}" << "1/{{nope}}" << QStringList{"nope"};
    QTest::newRow("reported once") << "{{nope}}{{nope}}" << "{{nope}}{{nope}}" << QStringList{"nope"};
    QTest::newRow("unknown dynamic") << "{{$bogus}}" << "{{$bogus}}" << QStringList{"$bogus"};
    QTest::newRow("unset env") << "{{$env.SONDE_SURELY_UNSET_42}}" << "{{$env.SONDE_SURELY_UNSET_42}}"
                               << QStringList{"$env.SONDE_SURELY_UNSET_42"};
    QTest::newRow("no close") << "{{x" << "{{x" << QStringList{};
    QTest::newRow("empty braces") << "{{}}" << "{{}}" << QStringList{};
    QTest::newRow("inner opening") << "{{{{x}}" << "{{1" << QStringList{};
}

void TestVarsResolver::unresolved() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QStringList, names);
    VariableScopes scopes;
    scopes.set(Scope::Collection, "x", "1");
    VariableResolver r(scopes);
    auto out = r.resolveText(text.toStdString(), "header Authorization");
    QCOMPARE(QString::fromStdString(out.value), expected);
    QCOMPARE(int(out.unresolved.size()), names.size());
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(QString::fromStdString(out.unresolved[i].name), names[i]);
        QCOMPARE(out.unresolved[i].where, std::string("header Authorization"));
        QVERIFY(out.unresolved[i].message().find("header Authorization") != std::string::npos);
    }
    if (!names.isEmpty()) {
        Error e = unresolvedError(out.unresolved);
        QCOMPARE(e.code, std::string("unresolved-variable"));
        QVERIFY(e.title.find(names[0].toStdString()) != std::string::npos);
    }
}

void TestVarsResolver::nestedAndCycle() {
    VariableScopes scopes;
    scopes.set(Scope::Environment, "host", "api.example");
    scopes.set(Scope::Collection, "base", "https://{{host}}/v1");
    scopes.set(Scope::Runtime, "a", "{{b}}");
    scopes.set(Scope::Runtime, "b", "{{a}}");
    VariableResolver r(scopes);
    auto ok = r.resolveText("{{base}}/users", "url");
    QVERIFY(ok.complete());
    QCOMPARE(ok.value, std::string("https://api.example/v1/users"));
    auto cyc = r.resolveText("{{a}}", "url");
    QCOMPARE(int(cyc.unresolved.size()), 1);
    QVERIFY(cyc.unresolved[0].where.find("circular") != std::string::npos);
}

void TestVarsResolver::wholeRequest() {
    VariableScopes scopes;
    scopes.set(Scope::Environment, "v", "V");
    VariableResolver r(scopes);
    RequestSpec s;
    s.method = "{{v}}";
    s.url = "https://{{v}}/x";
    s.params = {{"p{{v}}", "{{v}}", true, ""}, {"off", "{{missingDisabled}}", false, ""}};
    s.headers = {{"X-{{v}}", "{{v}}", true, ""}, {"Authorization", "Bearer {{token}}", true, ""}};
    s.body.kind = BodyKind::Multipart;
    s.body.contentType = "multipart/{{v}}";
    s.body.parts = {MultipartPart{"n{{v}}", "{{v}}", false, "", "", true},
                    MultipartPart{"f", "/tmp/{{v}}.bin", true, "{{v}}.bin", "application/{{v}}", true}};
    s.auth.kind = AuthKind::AwsSigV4;
    s.auth.accessKey = "{{v}}";
    s.auth.secretKey = "{{v}}";
    s.auth.sessionToken = "{{v}}";
    s.auth.region = "{{v}}";
    s.auth.service = "{{v}}";
    s.options.caFile = "/ca/{{v}}";
    s.options.clientCert = "{{v}}";
    s.options.clientKey = "{{v}}";
    s.options.proxy = "{{v}}";
    s.options.resolve = {"{{v}}:443:127.0.0.1"};
    s.assertions = {Assertion{CheckSource::Header, "X", CheckOp::Equals, "{{v}}", true}};
    auto out = r.resolveRequest(s);
    const RequestSpec& o = out.value;
    QCOMPARE(o.method, std::string("V"));
    QCOMPARE(o.url, std::string("https://V/x"));
    QCOMPARE(o.params[0].key, std::string("pV"));
    QCOMPARE(o.params[0].value, std::string("V"));
    QCOMPARE(o.params[1].value, std::string("{{missingDisabled}}"));  // disabled: untouched, no warning
    QCOMPARE(o.headers[0].key, std::string("X-V"));
    QCOMPARE(o.body.contentType, std::string("multipart/V"));
    QCOMPARE(o.body.parts[0].name, std::string("nV"));
    QCOMPARE(o.body.parts[1].value, std::string("/tmp/V.bin"));
    QCOMPARE(o.body.parts[1].fileName, std::string("V.bin"));
    QCOMPARE(o.body.parts[1].contentType, std::string("application/V"));
    QCOMPARE(o.auth.accessKey + o.auth.secretKey + o.auth.sessionToken + o.auth.region + o.auth.service,
             std::string("VVVVV"));
    QCOMPARE(o.options.caFile, std::string("/ca/V"));
    QCOMPARE(o.options.clientCert + o.options.clientKey + o.options.proxy, std::string("VVV"));
    QCOMPARE(o.options.resolve[0], std::string("V:443:127.0.0.1"));
    QCOMPARE(o.assertions[0].value, std::string("{{v}}"));  // assertions resolve separately
    QCOMPARE(int(out.unresolved.size()), 1);
    QCOMPARE(out.unresolved[0], (UnresolvedVariable{"token", "header Authorization"}));

    // Every other body kind.
    struct Case { BodyKind kind; const char* where; };
    for (Case c : {Case{BodyKind::Json, "body"}, Case{BodyKind::Xml, "body"}, Case{BodyKind::Text, "body"},
                   Case{BodyKind::BinaryFile, "body file"}, Case{BodyKind::GraphQL, "graphql query"}}) {
        RequestSpec b;
        b.body.kind = c.kind;
        b.body.text = "{\"a\":\"{{v}}\",\"b\":\"{{u}}\"}";
        auto rb = r.resolveRequest(b);
        QCOMPARE(rb.value.body.text, std::string("{\"a\":\"V\",\"b\":\"{{u}}\"}"));
        QCOMPARE(rb.unresolved.size(), size_t(1));
        QCOMPARE(rb.unresolved[0].where, std::string(c.where));
    }
    RequestSpec g;
    g.body.kind = BodyKind::GraphQL;
    g.body.graphqlVariables = "{\"id\": \"{{v}}\"}";
    g.body.graphqlOperation = "Op{{v}}";
    auto rg = r.resolveRequest(g);
    QCOMPARE(rg.value.body.graphqlVariables, std::string("{\"id\": \"V\"}"));
    QCOMPARE(rg.value.body.graphqlOperation, std::string("OpV"));
    RequestSpec f;
    f.body.kind = BodyKind::FormUrlEncoded;
    f.body.form = {{"user", "{{v}}", true, ""}, {"pw", "{{pw}}", true, ""}};
    f.auth.kind = AuthKind::Basic;
    f.auth.username = "{{v}}";
    f.auth.password = "{{pw}}";
    auto rf = r.resolveRequest(f);
    QCOMPARE(rf.value.body.form[0].value, std::string("V"));
    QCOMPARE(rf.value.auth.username, std::string("V"));
    QCOMPARE(rf.unresolved.size(), size_t(2));
    QCOMPARE(rf.unresolved[0].where, std::string("form field pw"));
    QCOMPARE(rf.unresolved[1].where, std::string("auth password"));
}

void TestVarsResolver::assertions() {
    VariableScopes scopes;
    scopes.set(Scope::Runtime, "id", "42");
    VariableResolver r(scopes);
    std::vector<Assertion> as = {Assertion{CheckSource::JsonPath, "$.id", CheckOp::Equals, "{{id}}", true},
                                 Assertion{CheckSource::Header, "X-{{id}}", CheckOp::Equals, "{{nope}}", true}};
    auto out = r.resolveAssertions(as);
    QCOMPARE(out.value[0].value, std::string("42"));
    QCOMPARE(out.value[1].selector, std::string("X-42"));
    QCOMPARE(out.unresolved.size(), size_t(1));
    QCOMPARE(out.unresolved[0].where, std::string("assertion 2 (header X-{{id}}) value"));
}

void TestVarsResolver::referencedNames() {
    auto names = VariableResolver::referencedNames("{{a}}/{{ b }}/{{a}}/{{$uuid}}/{{x");
    QCOMPARE(names, (std::vector<std::string>{"a", "b", "$uuid"}));
}

QTEST_APPLESS_MAIN(TestVarsResolver)
#include "test_vars_resolver.moc"
