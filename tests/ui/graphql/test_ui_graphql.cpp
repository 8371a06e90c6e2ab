// Tests ui/graphql against the real graphql-js fixture: introspection through the body widget, typing
// with QTest key events, completion popups (fields at the root and in a nested selection), accepting
// an item, validation squiggles at the right place, operation picker, Prettify, the lexer's styles,
// "introspection disabled" with the SDL fallback, and sending the query through SendWorker.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/graphql/client.h"
#include "tests/core/graphql/graphql_fixture.h"
#include "ui/graphql/graphql_body_widget.h"
#include "ui/graphql/graphql_editor.h"
#include "ui/graphql/graphql_lexer.h"
#include "ui/graphql/schema_explorer_panel.h"
#include "core/graphql/schema_builder.h"
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QTemporaryDir>
#include <cstdio>
#include "core/store/database.h"
#include "core/store/graphql_schema_repository.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/send_worker.h"
#include "ui/store_backend.h"
#include "ui/widgets/url_line_edit.h"
#include "ui/workspace.h"
#include <QTabWidget>

using namespace sonde;
using namespace sonde::ui;

namespace {
const QString kSdl = QStringLiteral(SONDE_TEST_FIXTURES_DIR "/graphql-server/schema.graphql");

QStringList labels(const std::vector<graphql::CompletionItem>& items) {
    QStringList out;
    for (const auto& i : items) out << QString::fromStdString(i.label);
    return out;
}

// QTest::keyClicks() does not take '\n': Return is sent for it.
void typeText(QWidget* w, const QString& text) {
    const QStringList lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0) QTest::keyClick(w, Qt::Key_Return);
        if (!lines[i].isEmpty()) QTest::keyClicks(w, lines[i]);
    }
}

// With SONDE_SHOW_MS set (screenshots under Xvfb), keeps the windows up that long.
void pauseForScreenshot(const char* what) {
    if (const int ms = qEnvironmentVariableIntValue("SONDE_SHOW_MS")) {
        fprintf(stderr, "SCREENSHOT %s\n", what);
        QTest::qWait(ms);
    }
}

// Waits for the next background analysis of `editor` (after the text changed).
bool waitAnalysed(GraphqlEditor* editor) {
    QSignalSpy spy(editor, &GraphqlEditor::analysed);
    return spy.wait(5000);
}
}  // namespace

class TestUiGraphql : public QObject {
    Q_OBJECT
private slots:
    void introspectCompleteAndSend() {
        test::GraphqlFixture fixture;
        const QString err = fixture.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        SendWorker worker;
        QSplitter window;
        auto* wp = new GraphqlBodyWidget(&window);
        GraphqlBodyWidget& w = *wp;
        auto* explorer = new SchemaExplorerPanel(&window);
        connect(wp, &GraphqlBodyWidget::schemaChanged, explorer, &SchemaExplorerPanel::setSchema);
        window.resize(1300, 800);
        window.setSizes({850, 450});
        window.show();
        w.setEngine(&worker.engine());
        RequestSpec endpoint;
        endpoint.method = "POST";
        endpoint.url = fixture.url();
        w.setEndpoint(endpoint);

        QSignalSpy schemaSpy(&w, &GraphqlBodyWidget::schemaChanged);
        QTest::mouseClick(w.introspectButton(), Qt::LeftButton);
        QVERIFY(schemaSpy.wait(15000));
        QVERIFY(w.schema());
        QVERIFY(w.schema()->type("User"));
        QVERIFY2(w.schemaLabel()->text().startsWith("Schema:"), qPrintable(w.schemaLabel()->text()));

        GraphqlEditor* ed = w.queryEditor();
        ed->setText(QStringLiteral("{\n  \n}\n"));
        ed->setFocus();
        ed->setCursorPosition(1, 2);
        QTest::keyClicks(ed, QStringLiteral("hel"));  // completion pops up while typing a name
        QVERIFY(ed->isListActive());
        const QStringList offered = labels(ed->lastCompletions());
        QVERIFY2(offered.contains("hello"), qPrintable(offered.join(',')));
        QVERIFY(!offered.contains("user"));
        QTest::keyClick(ed, Qt::Key_Return);  // accept
        QVERIFY(!ed->isListActive());
        QCOMPARE(ed->text(), QStringLiteral("{\n  hello\n}\n"));

        // A nested selection offers the fields of the type in scope (Ctrl+Space).
        ed->setAutoCompletion(false);
        ed->setCursorPosition(1, 7);
        typeText(ed, QStringLiteral("\nuser(id: \"u1\") {\n  "));
        QTest::keyClick(ed, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(ed->isListActive());
        const QStringList nested = labels(ed->lastCompletions());
        for (const char* f : {"id", "name", "email", "friends", "posts"}) QVERIFY2(nested.contains(f), f);
        QVERIFY(!nested.contains("title"));  // a Post field
        QVERIFY(!nested.contains("hello"));  // a Query field
        explorer->openType(QStringLiteral("User"));
        explorer->list()->setCurrentIndex(explorer->model()->index(8));
        pauseForScreenshot("graphql");
        QTest::keyClicks(ed, QStringLiteral("na"));  // narrows the open list
        QTest::keyClick(ed, Qt::Key_Return);
        QVERIFY2(ed->text().contains("    name"), qPrintable(ed->text()));
        typeText(ed, QStringLiteral("\n}"));

        QVERIFY(waitAnalysed(ed));
        QString problems;
        for (const auto& d : ed->diagnostics()) problems += QString::fromStdString(d.message) + "\n";
        QVERIFY2(ed->diagnostics().empty(), qPrintable(ed->text() + "\n" + problems));

        // Send it as the request would.
        RequestSpec spec = endpoint;
        spec.body = w.body();
        QCOMPARE(int(spec.body.kind), int(BodyKind::GraphQL));
        Result<RequestSpec> http = graphql::toHttpRequest(spec);
        QVERIFY(http.ok());
        QSignalSpy done(&worker, &SendWorker::finished);
        worker.send(http.value());
        QVERIFY(done.wait(10000));
        const auto result = done.takeFirst().at(1).value<ExchangeResultPtr>();
        QVERIFY2(result->ok(), result->ok() ? "" : result->error().message().c_str());
        Result<graphql::GraphQLResponse> gql = graphql::splitResponse((*result)->response.body);
        QVERIFY(gql.ok());
        QVERIFY2(!gql->hasErrors(), (*result)->response.body.c_str());
        QCOMPARE(QString::fromStdString(gql->data["hello"].get<std::string>()), QStringLiteral("Hello, world!"));
        QCOMPARE(QString::fromStdString(gql->data["user"]["name"].get<std::string>()), QStringLiteral("Ada"));
    }

    void validationErrorUnderlined_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("marked");  // the text that must carry the squiggle
        QTest::addColumn<QString>("clean");   // text that must not
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field") << "{\n  user(id: \"1\") {\n    nmae\n  }\n}\n" << "nmae" << "user"
                                       << "Cannot query field \"nmae\"";
        QTest::newRow("missing argument") << "{\n  hello\n  user {\n    id\n  }\n}\n" << "user" << "hello"
                                          << "argument \"id\"";
        QTest::newRow("undefined variable") << "query Q {\n  user(id: $who) {\n    id\n  }\n}\n" << "$who" << "user"
                                            << "$who";
        QTest::newRow("syntax") << "{\n  user(id: \"1\") {\n    id\n  \n" << "\n" << "id" << "Expected";
    }
    void validationErrorUnderlined() {
        QFETCH(QString, query);
        QFETCH(QString, marked);
        QFETCH(QString, clean);
        QFETCH(QString, message);
        GraphqlBodyWidget w;
        QVERIFY(w.loadSdlFile(kSdl));
        GraphqlEditor* ed = w.queryEditor();
        ed->setText(query);
        QVERIFY(waitAnalysed(ed));
        QVERIFY(!ed->diagnostics().empty());
        const QByteArray text = ed->utf8Text();
        const int markedAt = marked == "\n" ? text.size() - 1 : text.indexOf(marked.toUtf8());
        const int cleanAt = text.indexOf(clean.toUtf8());
        QVERIFY2(ed->hasIndicatorAt(markedAt), qPrintable(QString::number(markedAt)));
        QVERIFY(!ed->hasIndicatorAt(cleanAt));
        const graphql::Diagnostic* d = ed->diagnosticAt(markedAt);
        QVERIFY(d);
        QVERIFY2(QString::fromStdString(d->message).contains(message), d->message.c_str());
        // Fixing the text clears the squiggles.
        ed->setText(QStringLiteral("{\n  hello\n}\n"));
        QVERIFY(waitAnalysed(ed));
        QVERIFY(ed->diagnostics().empty());
        QVERIFY(!ed->hasIndicatorAt(markedAt < ed->length() ? markedAt : 0));
    }

    void introspectionDisabled() {
        test::GraphqlFixture fixture;
        const QString err = fixture.start(false);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        SendWorker worker;
        GraphqlBodyWidget w;
        w.show();
        w.setEngine(&worker.engine());
        w.setEndpointProvider([&] {
            RequestSpec r;
            r.url = fixture.url();
            return r;
        });
        QSignalSpy failed(&w, &GraphqlBodyWidget::introspectionFailed);
        QTest::mouseClick(w.introspectButton(), Qt::LeftButton);
        QVERIFY(failed.wait(15000));
        QCOMPARE(failed.first().at(1).toBool(), true);
        QVERIFY(w.messageLabel()->isVisible());
        QVERIFY2(w.messageLabel()->text().contains("does not allow introspection"), qPrintable(w.messageLabel()->text()));
        QVERIFY(w.messageLabel()->text().contains("SDL"));
        QVERIFY(!w.schema());
        QVERIFY(w.loadSdlFile(kSdl));  // the offered way out
        QVERIFY(w.schema());
        QVERIFY(!w.messageLabel()->isVisible());
        QVERIFY(w.schemaLabel()->text().contains("schema.graphql"));
    }

    void operationPicker() {
        GraphqlBodyWidget w;
        w.show();
        Body b;
        b.kind = BodyKind::GraphQL;
        b.text = "query A { hello }\nquery B { oldHello }\n";
        b.graphqlOperation = "B";
        b.graphqlVariables = "{\"x\": 1}";
        w.setBody(b);
        QVERIFY(waitAnalysed(w.queryEditor()));
        QVERIFY(w.operationPicker()->isVisible());
        QCOMPARE(w.operationPicker()->count(), 2);
        QCOMPARE(w.operationPicker()->currentText(), QStringLiteral("B"));
        w.operationPicker()->setCurrentIndex(0);
        QCOMPARE(w.body().graphqlOperation, std::string("A"));
        QCOMPARE(w.body().graphqlVariables, std::string("{\"x\": 1}"));
        w.queryEditor()->setText(QStringLiteral("query A { hello }\n"));
        QVERIFY(waitAnalysed(w.queryEditor()));
        QVERIFY(!w.operationPicker()->isVisible());
    }

    void prettify() {
        GraphqlEditor ed;
        ed.setText(QStringLiteral("# note\nquery Q($id: ID!){user(id:$id){name,friends(first:2){name}}}"));
        QVERIFY(ed.prettify());
        QCOMPARE(ed.text(), QStringLiteral("query Q($id: ID!) {\n  user(id: $id) {\n    name\n    friends(first: 2) {\n"
                                           "      name\n    }\n  }\n}\n"));
        ed.undo();
        QVERIFY(ed.text().startsWith("# note"));
        QSignalSpy failed(&ed, &GraphqlEditor::prettifyFailed);
        ed.setText(QStringLiteral("{ user("));
        QVERIFY(!ed.prettify());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(ed.text(), QStringLiteral("{ user("));
    }

    void schemaExplorer();
    void largeSchemaExplorer();
    void cachedSchema();
    void requestTabUsesCache();
    void completionRows_data();
    void completionRows();

    void lexerStyles_data() {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<int>("style");
        QTest::newRow("keyword") << "query" << int(GraphqlLexer::Keyword);
        QTest::newRow("operation name") << "Q(" << int(GraphqlLexer::Type);
        QTest::newRow("variable") << "$id" << int(GraphqlLexer::Variable);
        QTest::newRow("variable type") << "ID!" << int(GraphqlLexer::Type);
        QTest::newRow("field") << "user" << int(GraphqlLexer::Field);
        QTest::newRow("argument") << "n: 42" << int(GraphqlLexer::Argument);
        QTest::newRow("string") << "\"x\"" << int(GraphqlLexer::String);
        QTest::newRow("block string 2nd line") << "inside" << int(GraphqlLexer::BlockString);
        QTest::newRow("after block string") << "after" << int(GraphqlLexer::Field);
        QTest::newRow("comment") << "# c" << int(GraphqlLexer::Comment);
        QTest::newRow("directive") << "@include" << int(GraphqlLexer::Directive);
        QTest::newRow("number") << "42" << int(GraphqlLexer::Number);
        QTest::newRow("enum") << "ADMIN" << int(GraphqlLexer::Number);
        QTest::newRow("fragment type") << "User " << int(GraphqlLexer::Type);
        QTest::newRow("on") << "on User" << int(GraphqlLexer::Keyword);
        QTest::newRow("brace") << "{" << int(GraphqlLexer::Punctuation);
    }
    void lexerStyles() {
        QFETCH(QString, needle);
        QFETCH(int, style);
        GraphqlEditor ed;
        ed.setText(QStringLiteral("query Q($id: ID!) {\n  user(id: $id, s: \"x\", n: 42, r: ADMIN) @include(if: true) {\n"
                                  "    d(t: \"\"\"first\n    inside\n    \"\"\")\n    after # c\n"
                                  "    ... on User { id }\n  }\n}\n"));
        ed.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
        const int at = ed.utf8Text().indexOf(needle.toUtf8());
        QVERIFY(at >= 0);
        QCOMPARE(int(ed.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, at)), style);
    }
};

void TestUiGraphql::schemaExplorer() {
    GraphqlBodyWidget body;
    QVERIFY(body.loadSdlFile(kSdl));
    SchemaExplorerPanel panel;
    panel.resize(400, 600);
    panel.show();
    connect(&body, &GraphqlBodyWidget::schemaChanged, &panel, &SchemaExplorerPanel::setSchema);
    panel.setSchema(body.schema());
    auto rowText = [&](int r) { return panel.model()->index(r).data().toString(); };
    QVERIFY(rowText(0).startsWith("Query "));
    QVERIFY(rowText(1).startsWith("Mutation "));

    // Search: type names, and from two characters field names as Type.field.
    QTest::keyClicks(panel.filterEdit(), QStringLiteral("email"));
    QTRY_VERIFY(panel.model()->rowCount() > 0 && rowText(0).startsWith("User.email"));

    // Follow types by click: User, then its posts field to Post, then Back twice.
    QVERIFY(panel.openType("User"));
    QCOMPARE(panel.currentType(), QStringLiteral("User"));
    QStringList rows;
    for (int r = 0; r < panel.model()->rowCount(); ++r) rows << rowText(r);
    QVERIFY2(rows.contains("legacyName: String  (deprecated)"), qPrintable(rows.join('|')));
    QVERIFY(rows.contains("friends(first: Int = 10): [User!]!"));
    const int legacy = int(rows.indexOf("legacyName: String  (deprecated)"));
    panel.list()->setCurrentIndex(panel.model()->index(legacy));
    QVERIFY2(panel.detailText().contains("Deprecated: Use `name`."), qPrintable(panel.detailText()));
    const int posts = int(rows.indexOf("posts: [Post!]!"));
    QVERIFY(posts >= 0);
    const QRect rect = panel.list()->visualRect(panel.model()->index(posts));
    QTest::mouseClick(panel.list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(panel.list()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(panel.currentType(), QStringLiteral("Post"));
    QVERIFY(panel.backButton()->isEnabled());
    QTest::mouseClick(panel.backButton(), Qt::LeftButton);
    QCOMPARE(panel.currentType(), QStringLiteral("User"));

    // Insert field into the query editor.
    GraphqlEditor* ed = body.queryEditor();
    ed->setText(QStringLiteral("{\n  user(id: \"u1\") {\n    id\n  }\n}\n"));
    ed->setCursorPosition(2, 6);
    connect(&panel, &SchemaExplorerPanel::insertField, ed, &GraphqlEditor::insertField);
    const int name = int(rows.indexOf("name: String!"));
    panel.list()->setCurrentIndex(panel.model()->index(name));
    QVERIFY(panel.insertButton()->isEnabled());
    QTest::mouseClick(panel.insertButton(), Qt::LeftButton);
    QCOMPARE(ed->text(), QStringLiteral("{\n  user(id: \"u1\") {\n    id\n    name\n  }\n}\n"));
    QTest::mouseClick(panel.backButton(), Qt::LeftButton);
    QCOMPARE(panel.currentType(), QString());
}

// A GitHub-sized schema (1,600 object types, 20 fields each) opens and filters; rows are formatted lazily.
void TestUiGraphql::largeSchemaExplorer() {
    std::string sdl = "type Query {\n";
    for (int i = 0; i < 1600; ++i) sdl += "  t" + std::to_string(i) + ": T" + std::to_string(i) + "\n";
    sdl += "}\n";
    for (int i = 0; i < 1600; ++i) {
        sdl += "\"Type number " + std::to_string(i) + "\"\ntype T" + std::to_string(i) + " {\n";
        for (int f = 0; f < 20; ++f) sdl += "  field" + std::to_string(f) + "(first: Int): [T" + std::to_string((i + f) % 1600) + "!]\n";
        sdl += "}\n";
    }
    graphql::SchemaBuild b = graphql::buildSchemaFromSdl(sdl);
    QVERIFY(b.ok());
    SchemaExplorerPanel panel;
    panel.show();
    panel.setSchema(std::make_shared<const graphql::Schema>(std::move(*b.schema)));
    QVERIFY(panel.model()->rowCount() >= 1601);
    panel.setFilter(QStringLiteral("T159"));
    QCOMPARE(panel.model()->rowCount(), 22);  // types T159, T1590..T1599 and fields Query.t159, Query.t1590..t1599
    panel.setFilter(QStringLiteral("field19"));
    QCOMPARE(panel.model()->rowCount(), 1600);
    QVERIFY(panel.openType("T42"));
    QCOMPARE(panel.model()->rowCount(), 20);
}

namespace {
std::optional<CachedGraphqlSchema> cachedIn(const QString& db, const std::string& url) {
    auto store = Database::open(db.toStdString());
    if (!store) return std::nullopt;
    auto got = GraphqlSchemaRepository(*store).get(url);
    return got ? *got : std::nullopt;
}
}  // namespace

// The schema of an endpoint is cached in the store: Refresh schema introspects and fills the cache; a
// new editor for the same URL then gets it from the cache at once, without any engine (so without any
// network call), the explorer follows; a failed refresh keeps it; an SDL file replaces it.
void TestUiGraphql::cachedSchema() {
    QTemporaryDir dir;
    const QString db = dir.filePath("store.db");
    test::GraphqlFixture fixture;
    const QString err = fixture.start();
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const std::string url = fixture.url();
    RequestSpec endpoint;
    endpoint.method = "POST";
    endpoint.url = url;
    SendWorker worker;
    {
        GraphqlBodyWidget w;
        w.setSchemaStore(db);
        w.setEngine(&worker.engine());
        w.setEndpoint(endpoint);
        QSignalSpy looked(&w, &GraphqlBodyWidget::cachedSchemaLookedUp);
        w.show();
        QVERIFY(looked.wait(5000));
        QCOMPARE(looked.first().at(0).toBool(), false);  // nothing cached yet
        QVERIFY(!w.schema());
        QCOMPARE(w.introspectButton()->text(), QStringLiteral("Refresh schema"));
        QSignalSpy schemaSpy(&w, &GraphqlBodyWidget::schemaChanged);
        QTest::mouseClick(w.introspectButton(), Qt::LeftButton);
        QVERIFY(schemaSpy.wait(15000));
        QVERIFY(w.schema() && w.schema()->type("User"));
    }
    auto cached = cachedIn(db, url);
    QVERIFY(cached.has_value());
    QCOMPARE(cached->format, CachedGraphqlSchema::Format::Introspection);
    QVERIFY(cached->body.find("__schema") != std::string::npos);
    const std::int64_t firstFetch = cached->fetchedAt;
    fixture.stop();

    GraphqlBodyWidget w;  // no engine: it cannot send anything
    SchemaExplorerPanel explorer;
    connect(&w, &GraphqlBodyWidget::schemaChanged, &explorer, &SchemaExplorerPanel::setSchema);
    w.setSchemaStore(db);
    w.setEndpoint(endpoint);
    QSignalSpy looked(&w, &GraphqlBodyWidget::cachedSchemaLookedUp);
    w.show();
    explorer.show();
    QVERIFY(looked.wait(5000));
    QCOMPARE(looked.first().at(0).toBool(), true);
    QVERIFY(w.schema() && w.schema()->type("User") && w.schema()->type("SearchResult"));
    QVERIFY2(w.schemaLabel()->text().contains("cached"), qPrintable(w.schemaLabel()->text()));
    QCOMPARE(explorer.schema(), w.schema());
    QVERIFY(explorer.openType(QStringLiteral("User")));
    // Completion works from the cached schema.
    w.queryEditor()->setText(QStringLiteral("{\n  us\n}\n"));
    w.queryEditor()->setCursorPosition(1, 4);
    QVERIFY(labels(w.queryEditor()->showCompletions()).contains("user"));
    // Showing it again does not read the cache again for the same URL.
    w.hide();
    w.show();
    QCOMPARE(looked.count(), 1);

    // Refresh with the server gone: an error, and the cached schema stays (in the editor and the store).
    w.setEngine(&worker.engine());
    QSignalSpy failed(&w, &GraphqlBodyWidget::introspectionFailed);
    QTest::mouseClick(w.introspectButton(), Qt::LeftButton);
    QVERIFY(failed.wait(15000));
    QVERIFY(w.schema());
    QVERIFY(w.messageLabel()->text().contains("Introspection failed"));
    QCOMPARE(cachedIn(db, url)->fetchedAt, firstFetch);

    // An SDL file becomes the endpoint's cached schema.
    QVERIFY(w.loadSdlFile(kSdl));
    QTRY_VERIFY_WITH_TIMEOUT(cachedIn(db, url)->format == CachedGraphqlSchema::Format::Sdl, 5000);
    GraphqlBodyWidget again;
    again.setSchemaStore(db);
    again.setEndpoint(endpoint);
    QSignalSpy lookedAgain(&again, &GraphqlBodyWidget::cachedSchemaLookedUp);
    again.show();
    QVERIFY(lookedAgain.wait(5000));
    QVERIFY(again.schema() && again.schema()->type("EchoInput"));
    QVERIFY2(again.schemaLabel()->text().contains("cached SDL"), qPrintable(again.schemaLabel()->text()));
}

// In the app: a request tab on a real store opens its GraphQL body and gets the schema cached for the
// request's URL with its {{variables}} resolved; nothing listens there, so it came from the cache.
void TestUiGraphql::requestTabUsesCache() {
    QTemporaryDir dir;
    const QString db = dir.filePath("store.db");
    const std::string url = "http://127.0.0.1:9/graphql";
    {
        auto store = Database::open(db.toStdString());
        QVERIFY(store.ok());
        QFile f(kSdl);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(GraphqlSchemaRepository(*store).put({url, CachedGraphqlSchema::Format::Sdl, f.readAll().toStdString(), 0, 0}).ok());
    }
    auto backend = StoreBackend::open(db.toStdString());
    QVERIFY(backend.ok());
    Workspace ws(std::move(backend.value()));
    ws.saveEnvironment(Environment{"env1", "Local", {Variable{"host", "127.0.0.1:9", true, false}}});
    ws.setActiveEnvironment("env1");
    SendWorker worker;
    RequestTab tab(&ws, &worker);
    RequestSpec r;
    r.method = "POST";
    r.url = "http://{{host}}/graphql";
    r.body.kind = BodyKind::GraphQL;
    r.body.text = "{ hello }";
    tab.load("", r);
    tab.resize(1000, 700);
    tab.show();
    GraphqlBodyWidget* g = tab.requestPanel()->bodyEditor()->graphqlEditor();
    QSignalSpy looked(g, &GraphqlBodyWidget::cachedSchemaLookedUp);
    tab.requestPanel()->tabs()->setCurrentWidget(tab.requestPanel()->bodyEditor());
    QVERIFY(looked.wait(5000));
    QCOMPARE(looked.first().at(0).toBool(), true);
    QVERIFY(g->schema() && g->schema()->type("User"));
    QVERIFY2(g->schemaLabel()->text().contains("cached SDL"), qPrintable(g->schemaLabel()->text()));

    // Editing the URL to another endpoint with a cached schema switches to that one.
    {
        auto store = Database::open(db.toStdString());
        QVERIFY(store.ok());
        QVERIFY(GraphqlSchemaRepository(*store)
                    .put({"http://127.0.0.1:9/other", CachedGraphqlSchema::Format::Sdl, "type Query { other: Int }", 0, 0})
                    .ok());
    }
    QSignalSpy changed(g, &GraphqlBodyWidget::schemaChanged);
    tab.requestPanel()->urlEdit()->setText(QStringLiteral("http://{{host}}/other"));
    QVERIFY(changed.wait(5000));
    QVERIFY(g->schema() && g->schema()->type("Query") && !g->schema()->type("User"));
    QVERIFY(g->schema()->fieldOn("Query", "other"));
}

// The completion popup shows each item with its type or kind; accepting a row inserts only the name.
void TestUiGraphql::completionRows_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QString>("accepted");  // the text after accepting the first row
    QTest::newRow("fields with types and arguments")
        << QStringLiteral("{\n  user(id: \"u1\") {\n    \n  }\n}\n") << 2 << 4
        << QStringList{"id: ID!", "name: String!", "email: String", "role: Role!", "friends(first: Int = 10): [User!]!",
                       "legacyName: String  (deprecated)", "__typename: String!"}
        << QStringLiteral("{\n  user(id: \"u1\") {\n    id\n  }\n}\n");
    QTest::newRow("root fields") << QStringLiteral("{\n  \n}\n") << 1 << 2
                                 << QStringList{"hello(name: String = \"world\"): String!", "user(id: ID!): User",
                                                "users(role: Role, first: Int = 10): [User!]!", "oldHello: String  (deprecated)"}
                                 << QStringLiteral("{\n  hello\n}\n");
    QTest::newRow("arguments") << QStringLiteral("{ users() }") << 0 << 8 << QStringList{"role: Role", "first: Int = 10"}
                               << QStringLiteral("{ users(role) }");
    QTest::newRow("enum values") << QStringLiteral("{ users(role: ) }") << 0 << 14
                                 << QStringList{"ADMIN  (enum Role)", "VIEWER  (enum Role)", "GUEST  (enum Role)  (deprecated)"}
                                 << QStringLiteral("{ users(role: ADMIN) }");
    QTest::newRow("variables") << QStringLiteral("query($who: ID!) { user(id: $) { id } }") << 0 << 29
                               << QStringList{"who: ID!"} << QStringLiteral("query($who: ID!) { user(id: $who) { id } }");
}

void TestUiGraphql::completionRows() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QStringList, rows);
    QFETCH(QString, accepted);
    GraphqlBodyWidget w;
    QVERIFY(w.loadSdlFile(kSdl));
    w.show();
    GraphqlEditor* ed = w.queryEditor();
    ed->setText(text);
    ed->setCursorPosition(line, column);
    const auto items = ed->showCompletions();
    QVERIFY(ed->isListActive());
    const QStringList shown = ed->lastCompletionRows();
    QCOMPARE(shown.size(), int(items.size()));
    for (const QString& r : rows) QVERIFY2(shown.contains(r), qPrintable(r + " not in: " + shown.join(" | ")));
    QCOMPARE(shown.front(), rows.front());
    // Choosing a row inserts its name, not the detail.
    QTest::keyClick(ed, Qt::Key_Return);
    QCOMPARE(ed->text(), accepted);
}

QTEST_MAIN(TestUiGraphql)
#include "test_ui_graphql.moc"
