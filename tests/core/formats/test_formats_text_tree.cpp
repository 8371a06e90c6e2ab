// The text-tree collection format (core/formats/text_tree_*): lossless round trip of every
// RequestSpec field, one changed header = one changed line, errors with file:line, request sources.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/formats/text_tree_exporter.h"
#include "core/formats/text_tree_importer.h"
#include "core/model/json.h"

using namespace sonde;

namespace {
RequestSpec everyField() {
    RequestSpec r;
    r.id = "req-1";
    r.name = "Create: \"user\" #1";
    r.description = "Creates a user.\nSecond line with trailing spaces   \n";
    r.method = "POST";
    r.url = "{{base}}/users?x=1#frag";
    r.params = {{"page", "1", true, ""}, {"debug", "true", false, "only when debugging"}};
    r.headers = {{"Content-Type", "application/json", true, ""}, {"X-Dup", "a", true, ""}, {"X-Dup", "b", true, ""},
                 {"X-Empty", "", true, ""}, {"X-Null", "null", true, ""}, {"X-Colon", "a: b # c", true, ""}};
    r.body.kind = BodyKind::Json;
    r.body.contentType = "application/vnd.api+json";
    r.body.text = "{\n  \"name\": \"{{name}}\",\n  \"tags\": [\"a\", \"b\"],\n  \"nested\": {\"x\": 1}\n}\n";
    r.auth.kind = AuthKind::AwsSigV4;
    r.auth.username = "u";
    r.auth.password = "p@ss: word";
    r.auth.token = "{{token}}";
    r.auth.keyName = "X-Api-Key";
    r.auth.keyValue = "{{key}}";
    r.auth.keyInQuery = true;
    r.auth.accessKey = "AKIA";
    r.auth.secretKey = "{{aws_secret}}";
    r.auth.sessionToken = "sess";
    r.auth.region = "eu-west-1";
    r.auth.service = "execute-api";
    HttpOptions& o = r.options;
    o.followRedirects = false;
    o.maxRedirects = 3;
    o.connectTimeoutMs = 1500;
    o.timeoutMs = 9000;
    o.verifyTls = false;
    o.caFile = "/etc/ca.pem";
    o.clientCert = "cert.pem";
    o.clientKey = "key.pem";
    o.proxy = "http://proxy:3128";
    o.httpVersion = HttpVersion::Http2;
    o.acceptEncoding = false;
    o.maxBodyInMemory = 1024;
    o.spillDir = "/tmp/spill";
    o.maxBodyBytes = 0;
    o.resolve = {"api.test:443:127.0.0.1"};
    o.connectTo = {"a:80:b:8080", "c:1:d:2"};
    o.unixSocket = "/run/api.sock";
    o.tlsMinVersion = "1.0";
    o.tlsMaxVersion = "1.1";
    o.cipherList = "DEFAULT@SECLEVEL=0";
    r.assertions = {Assertion{CheckSource::Status, "", CheckOp::Equals, "201", true},
                    Assertion{CheckSource::JsonPath, "$.id", CheckOp::Exists, "", true},
                    Assertion{CheckSource::Header, "X-Rate", CheckOp::Between, "1..10", false},
                    Assertion{CheckSource::Duration, "", CheckOp::Less, "500", true},
                    Assertion{CheckSource::Body, "", CheckOp::Matches, "^\\{.*\\}$", true}};
    r.captures = {Capture{"id", CheckSource::JsonPath, "$.id", 1, true},
                  Capture{"tok", CheckSource::Regex, "token=(\\w+)", 2, false}};
    r.tags = {"smoke", "users", "true"};
    return r;
}

Collection everything() {
    Collection c;
    c.id = "col-1";
    c.name = "Every feature";
    c.description = "All of RequestSpec.\n";
    c.variables = {Variable{"base", "https://api.test", true, false}, Variable{"off", "x", false, false}};
    c.root.requests.push_back(everyField());
    // Every body kind and every auth kind, one request each.
    const BodyKind kinds[] = {BodyKind::None, BodyKind::Json, BodyKind::Xml, BodyKind::Text, BodyKind::FormUrlEncoded,
                              BodyKind::Multipart, BodyKind::BinaryFile, BodyKind::GraphQL};
    const AuthKind auths[] = {AuthKind::None, AuthKind::Basic, AuthKind::Bearer, AuthKind::ApiKey,
                              AuthKind::Digest, AuthKind::Ntlm, AuthKind::AwsSigV4};
    Folder bodies{"f-bodies", "Bodies", "One per kind", {}, {}};
    for (BodyKind k : kinds) {
        RequestSpec r;
        r.id = std::string("b-") + toString(k);
        r.name = std::string("body ") + toString(k);
        r.method = "PUT";
        r.url = "https://api.test/bodies";
        r.body.kind = k;
        switch (k) {
            case BodyKind::Xml: r.body.text = "<a>\n  <b attr=\"1\">x</b>\n</a>"; break;
            case BodyKind::Text: r.body.text = "  leading spaces\n\n\nand trailing blank lines\n\n"; break;
            case BodyKind::FormUrlEncoded:
                r.body.form = {{"a", "1", true, ""}, {"b", "x y&z", false, "off"}};
                break;
            case BodyKind::Multipart:
                r.body.parts = {MultipartPart{"field", "value", false, "", "", true},
                                MultipartPart{"file", "/tmp/up.bin", true, "up.bin", "application/octet-stream", false}};
                break;
            case BodyKind::BinaryFile: r.body.text = "/tmp/payload.bin"; break;
            case BodyKind::GraphQL:
                r.body.text = "query User($id: ID!) {\n  user(id: $id) { name }\n}";
                r.body.graphqlVariables = "{\n  \"id\": \"{{id}}\"\n}";
                r.body.graphqlOperation = "User";
                r.body.graphqlUseGet = true;
                break;
            case BodyKind::Json: r.body.text = "[1, 2, 3]"; break;
            default: break;
        }
        bodies.requests.push_back(r);
    }
    Folder authFolder{"f-auth", "Auth", "", {}, {}};
    for (AuthKind k : auths) {
        RequestSpec r;
        r.id = std::string("a-") + toString(k);
        r.name = std::string("auth ") + toString(k);
        r.url = "https://api.test/auth";
        r.auth.kind = k;
        r.auth.username = "user";
        r.auth.password = "{{password}}";
        r.auth.token = "tok\twith tab";
        authFolder.requests.push_back(r);
    }
    Folder deep{"f-deep", "Deep / nested", "", {}, {}};
    deep.requests.push_back(RequestSpec{});
    deep.requests.back().name = "";  // nameless: gets the file's name back
    deep.requests.back().id = "nameless";
    authFolder.folders.push_back(deep);
    c.root.folders = {bodies, authFolder, Folder{"f-empty", "Empty", "", {}, {}}};
    // Names that collide after slugging, and reserved names.
    RequestSpec collide1, collide2, reserved;
    collide1.name = "Get user";
    collide1.id = "c1";
    collide2.name = "get-user";
    collide2.id = "c2";
    reserved.name = "Collection";
    reserved.id = "c3";
    c.root.requests.insert(c.root.requests.begin(), {collide1, collide2, reserved});
    c.environments = {Environment{"e-dev", "dev", {Variable{"host", "dev.test", true, false},
                                                   Variable{"token", "dev-secret-token", true, true}}},
                      Environment{"e-prod", "Prod (EU)", {Variable{"host", "prod.test", false, false}}}};
    return c;
}

// What an import gives back: secret values are empty, a nameless request is named after its file.
Collection asImported(Collection c) {
    for (auto& f : c.root.folders)
        if (f.name == "Auth")
            for (auto& r : f.folders[0].requests)
                if (r.name.empty()) r.name = "request";
    for (auto& e : c.environments)
        for (auto& v : e.variables)
            if (v.secret) v.value.clear();
    for (auto& v : c.variables)
        if (v.secret) v.value.clear();
    return c;
}

QStringList filesUnder(const QString& dir) {
    QStringList out;
    QDir d(dir);
    for (const auto& e : d.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (e.isDir())
            for (const auto& f : filesUnder(e.filePath())) out << e.fileName() + "/" + f;
        else
            out << e.fileName();
    }
    return out;
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

std::string dump(const Collection& c) { return nlohmann::json(c).dump(1); }
}  // namespace

class TestFormatsTextTree : public QObject {
    Q_OBJECT
private slots:
    void roundTrip();
    void stableOutput();
    void secretsNeverWritten();
    void oneHeaderOneLine();
    void strings_data();
    void strings();
    void prettyJsonBody();
    void sourcesAndLines();
    void orderTolerant();
    void reexportRemovesStale();
    void errors_data();
    void errors();
    void refusesForeignDirectory();
};

void TestFormatsTextTree::roundTrip() {
    QTemporaryDir dir;
    Collection c = everything();
    auto s = TextTreeExporter::exportTo(c, dir.path().toStdString());
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().message().c_str());
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().message().c_str());
    Collection expected = asImported(c);
    QCOMPARE(expected.root.folders[1].folders[0].requests[0].name, std::string("request"));
    QCOMPARE(dump(imported->collection), dump(expected));
    QVERIFY(imported->collection == expected);
    QVERIFY(imported->warnings.empty());
}

void TestFormatsTextTree::stableOutput() {
    QTemporaryDir a, b;
    QVERIFY(TextTreeExporter::exportTo(asImported(everything()), a.path().toStdString()).ok());
    // Import, export again: byte-identical files (nothing reorders or reformats on a round trip).
    auto imported = TextTreeImporter::importDirectory(a.path().toStdString());
    QVERIFY(imported.ok());
    QVERIFY(TextTreeExporter::exportTo(imported->collection, b.path().toStdString()).ok());
    QStringList files = filesUnder(a.path());
    QCOMPARE(filesUnder(b.path()), files);
    QVERIFY(files.contains("collection.yaml"));
    QVERIFY(files.contains("get-user.yaml"));
    QVERIFY(files.contains("get-user-2.yaml"));
    QVERIFY(files.contains("collection-2.yaml"));  // reserved name
    QVERIFY(files.contains("bodies/folder.yaml"));
    QVERIFY(files.contains("auth/deep-nested/request.yaml"));
    QVERIFY(files.contains("empty/folder.yaml"));
    QVERIFY(files.contains("environments/dev.yaml"));
    QVERIFY(files.contains("environments/prod-eu.yaml"));
    for (const auto& f : files) QCOMPARE(read(b.path() + "/" + f), read(a.path() + "/" + f));
}

void TestFormatsTextTree::secretsNeverWritten() {
    QTemporaryDir dir;
    Collection c = everything();
    c.variables.push_back(Variable{"apiKey", "col-secret-value", true, true});
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    for (const auto& f : filesUnder(dir.path())) {
        QByteArray text = read(dir.path() + "/" + f);
        QVERIFY2(!text.contains("dev-secret-token"), qPrintable(f));
        QVERIFY2(!text.contains("col-secret-value"), qPrintable(f));
    }
    QByteArray dev = read(dir.path() + "/environments/dev.yaml");
    QVERIFY(dev.contains("  - name: token\n    value: \"\"\n    secret: true\n"));
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY(imported.ok());
    QCOMPARE(imported->collection.environments[0].variables[1].secret, true);
    QCOMPARE(imported->collection.environments[0].variables[1].value, std::string());
}

void TestFormatsTextTree::oneHeaderOneLine() {
    QTemporaryDir a, b;
    Collection c = everything();
    QVERIFY(TextTreeExporter::exportTo(c, a.path().toStdString()).ok());
    c.root.requests[3].headers[1].value = "changed";  // everyField's X-Dup: a
    QVERIFY(TextTreeExporter::exportTo(c, b.path().toStdString()).ok());
    QStringList files = filesUnder(a.path());
    QCOMPARE(filesUnder(b.path()), files);
    int differing = 0;
    QString where;
    for (const auto& f : files) {
        QList<QByteArray> la = read(a.path() + "/" + f).split('\n'), lb = read(b.path() + "/" + f).split('\n');
        QCOMPARE(la.size(), lb.size());
        for (int i = 0; i < la.size(); ++i)
            if (la[i] != lb[i]) {
                ++differing;
                where = f + ": " + QString::fromUtf8(la[i]) + " -> " + QString::fromUtf8(lb[i]);
            }
    }
    QCOMPARE(differing, 1);
    QCOMPARE(where, QString("create-user-1.yaml:     value: a ->     value: changed"));
}

void TestFormatsTextTree::strings_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("plain") << QByteArray("hello world");
    QTest::newRow("variable") << QByteArray("{{x}}");
    QTest::newRow("colon space") << QByteArray("a: b");
    QTest::newRow("hash") << QByteArray("a #b");
    QTest::newRow("leading dash") << QByteArray("- item");
    QTest::newRow("true") << QByteArray("true");
    QTest::newRow("Null") << QByteArray("Null");
    QTest::newRow("tilde") << QByteArray("~");
    QTest::newRow("number") << QByteArray("0012");
    QTest::newRow("float") << QByteArray("1.50");
    QTest::newRow("quotes") << QByteArray("say \"hi\" 'there'");
    QTest::newRow("backslash") << QByteArray("C:\\path\\n");
    QTest::newRow("unicode") << QByteArray("café ✓ 日本");
    QTest::newRow("tab") << QByteArray("a\tb");
    QTest::newRow("crlf") << QByteArray("line1\r\nline2\r\n");
    QTest::newRow("control") << QByteArray("a\x01" "b");
    QTest::newRow("one newline") << QByteArray("a\nb\n");
    QTest::newRow("no final newline") << QByteArray("a\nb");
    QTest::newRow("many final newlines") << QByteArray("a\nb\n\n\n");
    QTest::newRow("leading spaces block") << QByteArray("   indented\nnot\n");
    QTest::newRow("leading newline") << QByteArray("\n  x\ny");
    QTest::newRow("only newlines") << QByteArray("\n\n");
    QTest::newRow("only spaces") << QByteArray("   ");
    QTest::newRow("trailing space") << QByteArray("x ");
    QTest::newRow("hash line in block") << QByteArray("# not a comment\n---\nkey: value\n");
    QTest::newRow("tab lines") << QByteArray("\tTabbed\n\t\tmore\n");
    QTest::newRow("spaces-only line") << QByteArray("a\n    \nb");
    QTest::newRow("doc markers") << QByteArray("---");
}

void TestFormatsTextTree::strings() {
    QFETCH(QByteArray, value);
    RequestSpec r;
    r.name = value.toStdString();
    r.url = value.toStdString();
    r.description = value.toStdString();
    r.headers = {{value.toStdString(), value.toStdString(), true, value.toStdString()}};
    r.body.kind = BodyKind::Text;
    r.body.text = value.toStdString();
    r.tags = {value.toStdString()};
    std::string yaml = TextTreeExporter::requestYaml(r);
    auto back = TextTreeImporter::parseRequest(yaml, "x.yaml");
    QVERIFY2(back.ok(), (back.ok() ? yaml : back.error().message() + "\n" + yaml).c_str());
    QCOMPARE(nlohmann::json(*back).dump(), nlohmann::json(r).dump());
}

void TestFormatsTextTree::prettyJsonBody() {
    RequestSpec r;
    r.name = "j";
    r.body.kind = BodyKind::Json;
    r.body.text = "{\n  \"a\": 1,\n  \"b\": [\n    true\n  ]\n}";
    std::string yaml = TextTreeExporter::requestYaml(r);
    QVERIFY2(yaml.find("  text: |-\n    {\n      \"a\": 1,\n      \"b\": [\n        true\n      ]\n    }\n") !=
                 std::string::npos,
             yaml.c_str());
}

void TestFormatsTextTree::sourcesAndLines() {
    QTemporaryDir dir;
    Collection c = everything();
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY(imported.ok());
    size_t count = 0;
    forEachRequest(imported->collection.root, [&](const RequestSpec& r, const std::string& path) {
        QVERIFY(count < imported->sources.size());
        const RequestSource& s = imported->sources[count++];
        QCOMPARE(s.name, r.name);
        QCOMPARE(s.requestId, r.id);
        QCOMPARE(s.folderPath, path);
        // The line really holds "method:" in that file.
        QList<QByteArray> lines = read(QString::fromStdString(s.file)).split('\n');
        QVERIFY(s.line >= 1 && s.line <= lines.size());
        QVERIFY2(lines[s.line - 1].startsWith("method:"), qPrintable(QString::fromStdString(s.file)));
    });
    QCOMPARE(count, imported->sources.size());
    const RequestSource* src = imported->sourceOf("Bodies", "body json");
    QVERIFY(src);
    QVERIFY(QString::fromStdString(src->file).endsWith("bodies/body-json.yaml"));
    QCOMPARE(src->line, 3);  // id, name, method
    QCOMPARE(imported->sourceOf("Auth/Deep / nested", "request")->folderPath, std::string("Auth/Deep / nested"));
}

void TestFormatsTextTree::orderTolerant() {
    QTemporaryDir dir;
    Collection c;
    c.name = "Small";
    RequestSpec a, b;
    a.name = "b-first";
    b.name = "a-second";
    c.root.requests = {a, b};
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    // A teammate adds a file without touching order, and deletes one that order still lists.
    write(dir.filePath("added.yaml"), "name: Added\nmethod: DELETE\nurl: https://x.test/\n");
    QFile::remove(dir.filePath("a-second.yaml"));
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().message().c_str());
    const auto& reqs = imported->collection.root.requests;
    QCOMPARE(reqs.size(), size_t(2));
    QCOMPARE(reqs[0].name, std::string("b-first"));
    QCOMPARE(reqs[1].name, std::string("Added"));
    QCOMPARE(reqs[1].method, std::string("DELETE"));
    QCOMPARE(imported->warnings.size(), size_t(1));
    QVERIFY(imported->warnings[0].find("a-second.yaml") != std::string::npos);
    QVERIFY(imported->warnings[0].find("collection.yaml:") != std::string::npos);
}

void TestFormatsTextTree::reexportRemovesStale() {
    QTemporaryDir dir;
    Collection c = everything();
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    write(dir.filePath("README.md"), "keep me");
    c.root.requests.erase(c.root.requests.begin());  // "Get user"
    c.root.folders.erase(c.root.folders.begin());    // Bodies
    c.environments.pop_back();
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    QStringList files = filesUnder(dir.path());
    QVERIFY(!files.contains("bodies/folder.yaml"));
    QVERIFY(!files.contains("environments/prod-eu.yaml"));
    QVERIFY(files.contains("README.md"));
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY(imported.ok());
    QCOMPARE(dump(imported->collection), dump(asImported(c)));
    QCOMPARE(imported->collection.root.requests[0].name, std::string("get-user"));
}

void TestFormatsTextTree::errors_data() {
    QTest::addColumn<QString>("file");      // relative path to overwrite
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("where");     // expected suffix of Error::where (file:line:col)
    QTest::addColumn<QString>("title");     // expected part of the title
    QTest::newRow("syntax") << "ping.yaml" << QByteArray("name: Ping\nmethod: GET\nurl: [unclosed\n") << "ping.yaml:4:1"
                            << "Invalid YAML";
    QTest::newRow("unknown key") << "ping.yaml" << QByteArray("name: Ping\nmethod: GET\nheadrs:\n  - key: a\n")
                                 << "ping.yaml:3:1" << "Unknown key \"headrs\"";
    QTest::newRow("bad integer") << "ping.yaml" << QByteArray("name: Ping\noptions:\n  timeoutMs: soon\n")
                                 << "ping.yaml:3:14" << "whole number";
    QTest::newRow("bad bool") << "ping.yaml" << QByteArray("name: Ping\nheaders:\n  - key: a\n    enabled: maybe\n")
                              << "ping.yaml:4:14" << "true or false";
    QTest::newRow("bad body kind") << "ping.yaml" << QByteArray("name: Ping\nbody:\n  kind: jsonx\n")
                                   << "ping.yaml:3:9" << "Unknown kind";
    QTest::newRow("bad assertion op") << "ping.yaml"
                                      << QByteArray("assertions:\n  - source: status\n    op: eq\n    value: 1\n")
                                      << "ping.yaml:3:9" << "Unknown op";
    QTest::newRow("headers not a list") << "ping.yaml" << QByteArray("headers: nope\n") << "ping.yaml:1:10" << "list";
    QTest::newRow("folder file") << "users/folder.yaml" << QByteArray("name: Users\ncolour: red\n")
                                 << "users/folder.yaml:2:1" << "Unknown key";
    QTest::newRow("environment") << "environments/dev.yaml" << QByteArray("name: dev\nvariables:\n  - value: 1\n")
                                 << "environments/dev.yaml:3:5" << "needs a name";
    QTest::newRow("collection") << "collection.yaml" << QByteArray("format: sonde-collection/9\nname: x\n")
                                << "collection.yaml:1:9" << "Unknown format";
}

void TestFormatsTextTree::errors() {
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, where);
    QFETCH(QString, title);
    QTemporaryDir dir;
    Collection c;
    c.name = "E";
    RequestSpec ping;
    ping.name = "Ping";
    c.root.requests = {ping};
    c.root.folders = {Folder{"", "Users", "", {}, {}}};
    c.environments = {Environment{"", "dev", {}}};
    QVERIFY(TextTreeExporter::exportTo(c, dir.path().toStdString()).ok());
    write(dir.filePath(file), content);
    auto imported = TextTreeImporter::importDirectory(dir.path().toStdString());
    QVERIFY(!imported.ok());
    QVERIFY2(QString::fromStdString(imported.error().where).endsWith(where), imported.error().where.c_str());
    QVERIFY2(QString::fromStdString(imported.error().title).contains(title), imported.error().title.c_str());
    QCOMPARE(imported.error().code, std::string("parse"));
}

void TestFormatsTextTree::refusesForeignDirectory() {
    QTemporaryDir dir;
    write(dir.filePath("notes.txt"), "mine");
    auto s = TextTreeExporter::exportTo(everything(), dir.path().toStdString());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, std::string("usage"));
    QCOMPARE(read(dir.filePath("notes.txt")), QByteArray("mine"));
    auto missing = TextTreeImporter::importDirectory(dir.filePath("nothing-here").toStdString());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, std::string("not-found"));
}

QTEST_APPLESS_MAIN(TestFormatsTextTree)
#include "test_formats_text_tree.moc"
