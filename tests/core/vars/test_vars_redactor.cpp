// Secret tracking and redaction (core/vars/redactor.*): every secret value of any scope is masked in
// any string, short values are not, credential headers are masked on demand.
#include <QtTest>

#include "core/vars/redactor.h"
#include "core/vars/variable_resolver.h"

using namespace sonde;

class TestVarsRedactor : public QObject {
    Q_OBJECT
private slots:
    void redactText_data();
    void redactText();
    void secretsFromEveryScope_data();
    void secretsFromEveryScope();
    void shadowedSecretStaysSecret();
    void sentRequest();
    void exchange();
};

void TestVarsRedactor::redactText_data() {
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringList{} << "token=abc" << "token=abc";
    QTest::newRow("one") << QStringList{"s3cret"} << "pw=s3cret&x=1" << "pw=••••&x=1";
    QTest::newRow("twice") << QStringList{"s3cret"} << "s3cret s3cret" << "•••• ••••";
    QTest::newRow("too short ignored") << QStringList{"ab"} << "abcab" << "abcab";
    QTest::newRow("exactly three") << QStringList{"abc"} << "xabcx" << "x••••x";
    QTest::newRow("longest wins") << QStringList{"key", "key-long"} << "a key-long b key" << "a •••• b ••••";
    QTest::newRow("percent encoded") << QStringList{"p@ss word"} << "q=p%40ss%20word" << "q=••••";
    QTest::newRow("adjacent") << QStringList{"aaa", "bbb"} << "aaabbb" << "••••••••";
    QTest::newRow("whole") << QStringList{"whole"} << "whole" << "••••";
}

void TestVarsRedactor::redactText() {
    QFETCH(QStringList, secrets);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    std::vector<std::string> s;
    for (const auto& x : secrets) s.push_back(x.toStdString());
    Redactor r(s);
    QCOMPARE(QString::fromStdString(r.redact(text.toStdString())), expected);
}

void TestVarsRedactor::secretsFromEveryScope_data() {
    QTest::addColumn<int>("scope");
    for (int s = 0; s < kScopeCount; ++s) QTest::newRow(toString(static_cast<Scope>(s))) << s;
}

void TestVarsRedactor::secretsFromEveryScope() {
    QFETCH(int, scope);
    VariableScopes scopes;
    scopes.set(static_cast<Scope>(scope), "token", "tok-123456", true);
    scopes.set(static_cast<Scope>(scope), "user", "alice", false);
    VariableResolver resolver(scopes);
    auto sent = resolver.resolveText("user={{user}} token={{token}}").value;
    QCOMPARE(sent, std::string("user=alice token=tok-123456"));  // resolution sends the real value
    Redactor r(scopes);
    QCOMPARE(r.redact(sent), std::string("user=alice token=••••"));
}

void TestVarsRedactor::shadowedSecretStaysSecret() {
    VariableScopes scopes;
    scopes.set(Scope::Environment, "token", "env-secret", true);
    scopes.set(Scope::Runtime, "token", "captured-value", false);  // e.g. a capture of the same name
    QVERIFY(scopes.isSecret("token"));
    Redactor r(scopes);
    QCOMPARE(r.redact("a env-secret b captured-value"), std::string("a •••• b ••••"));
    // Disabled secrets are not used and so not listed.
    VariableScopes s2;
    s2.setScope(Scope::Global, {Variable{"x", "disabled-secret", false, true}});
    QVERIFY(Redactor(s2).empty());
}

void TestVarsRedactor::sentRequest() {
    Redactor r(std::vector<std::string>{"topsecret"});
    SentRequest s;
    s.method = "POST";
    s.url = "https://h/x?key=topsecret";
    s.headers = {{"Authorization", "Bearer abc.def"}, {"Cookie", "sid=1; other=2"}, {"X-Key", "topsecret"},
                 {"Accept", "*/*"}};
    s.body = "{\"pw\":\"topsecret\"}";
    SentRequest plain = s;
    r.redact(plain, false);
    QCOMPARE(plain.url, std::string("https://h/x?key=••••"));
    QCOMPARE(plain.headers[0].value, std::string("Bearer abc.def"));
    QCOMPARE(plain.headers[2].value, std::string("••••"));
    QCOMPARE(plain.body, std::string("{\"pw\":\"••••\"}"));
    r.redact(s, true);
    QCOMPARE(s.headers[0].value, std::string("Bearer ••••"));
    QCOMPARE(s.headers[1].value, std::string("••••"));
    QCOMPARE(s.headers[3].value, std::string("*/*"));
}

void TestVarsRedactor::exchange() {
    Redactor r(std::vector<std::string>{"topsecret"});
    Exchange e;
    e.request.url = "https://h/?t=topsecret";
    e.response.headers = {{"Set-Cookie", "sid=zzz"}, {"X-Echo", "topsecret"}};
    e.response.body = "echo topsecret";
    e.response.effectiveUrl = "https://h/?t=topsecret";
    e.response.redirects = {RedirectHop{302, "https://h/?t=topsecret", "/next?t=topsecret"}};
    r.redact(e);
    QCOMPARE(e.request.url, std::string("https://h/?t=••••"));
    QCOMPARE(e.response.headers[0].value, std::string("••••"));
    QCOMPARE(e.response.headers[1].value, std::string("••••"));
    QCOMPARE(e.response.body, std::string("echo ••••"));
    QCOMPARE(e.response.effectiveUrl, std::string("https://h/?t=••••"));
    QCOMPARE(e.response.redirects[0].location, std::string("/next?t=••••"));
}

QTEST_APPLESS_MAIN(TestVarsRedactor)
#include "test_vars_redactor.moc"
