// Widgets and pure helpers of sonde_ui: CodeEditor, UrlLineEdit, KeyValueTable, the pretty printer,
// the lazy JSON tree and Params <-> URL sync.
#include <QAbstractItemView>
#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QScrollArea>
#include <QStackedWidget>
#include <Qsci/qscilexer.h>
#include <QCompleter>
#include <QSignalSpy>
#include <QtTest>

#include "ui/models/json_tree_model.h"
#include "ui/panels/body_view.h"
#include "ui/panels/request_panel.h"
#include "ui/pretty_printer.h"
#include "ui/widgets/code_editor.h"
#include "ui/widgets/key_value_table.h"
#include "ui/widgets/search_bar.h"
#include "ui/widgets/url_line_edit.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
VariableLookup lookupOf(std::map<QString, QString> vars) {
    auto shared = std::make_shared<std::map<QString, QString>>(std::move(vars));
    VariableLookup l;
    l.find = [shared](const QString& n) -> std::optional<VariableInfo> {
        auto it = shared->find(n);
        if (it == shared->end()) return std::nullopt;
        return VariableInfo{it->second, n == "token", "environment"};
    };
    l.names = [shared] {
        QStringList names;
        for (const auto& [k, v] : *shared) names << k;
        return names;
    };
    return l;
}
}  // namespace

class TestUiWidgets : public QObject {
    Q_OBJECT
private slots:
    void languageForContentType_data() {
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<int>("language");
        QTest::newRow("json") << "application/json; charset=utf-8" << int(CodeEditor::Language::Json);
        QTest::newRow("problem+json") << "application/problem+json" << int(CodeEditor::Language::Json);
        QTest::newRow("xml") << "text/xml" << int(CodeEditor::Language::Xml);
        QTest::newRow("soap") << "application/soap+xml" << int(CodeEditor::Language::Xml);
        QTest::newRow("html") << "text/html" << int(CodeEditor::Language::Html);
        QTest::newRow("js") << "application/javascript" << int(CodeEditor::Language::JavaScript);
        QTest::newRow("yaml") << "application/yaml" << int(CodeEditor::Language::Yaml);
        QTest::newRow("plain") << "text/plain" << int(CodeEditor::Language::Plain);
    }
    void languageForContentType() {
        QFETCH(QString, contentType);
        QFETCH(int, language);
        QCOMPARE(int(CodeEditor::languageForContentType(contentType)), language);
        CodeEditor e;
        e.setContentType(contentType);
        QCOMPARE(int(e.language()), language);
        QCOMPARE(e.lexer() != nullptr, language != int(CodeEditor::Language::Plain));
    }

    void chunkedLoadingKeepsTheText() {
        CodeEditor e;
        e.setReadOnly(true);
        QString text;
        for (int i = 0; i < 20000; ++i) text += QStringLiteral("line %1 — ünïcode ✓\n").arg(i);
        QSignalSpy done(&e, &CodeEditor::loadFinished);
        e.setTextChunked(text, 8192);
        QVERIFY(e.isLoading());
        QVERIFY(done.wait(10000));
        QCOMPARE(e.text(), text);
        QVERIFY(e.isReadOnly());
    }

    void searchBarFindsAndWraps() {
        CodeEditor e;
        e.resize(400, 300);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        e.setText("alpha\nbeta\nalpha again\n");
        QTest::keyClick(&e, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(e.searchBar()->isVisible());
        QTest::keyClicks(e.searchBar()->lineEdit(), "alpha");
        QVERIFY(e.searchBar()->lastFound());
        int l1, i1, l2, i2;
        e.getSelection(&l1, &i1, &l2, &i2);
        const int first = l1;
        QCOMPARE(first, 0);  // typing kept extending the first match instead of skipping past it
        QTest::keyClick(e.searchBar()->lineEdit(), Qt::Key_Return);
        e.getSelection(&l1, &i1, &l2, &i2);
        QVERIFY(l1 != first);  // moved to the other match (wrapping as needed)
        QCOMPARE(e.text(), QString("alpha\nbeta\nalpha again\n"));  // Enter never reaches the editor
        QTest::keyClicks(e.searchBar()->lineEdit(), "zzz");
        QVERIFY(!e.searchBar()->lastFound());
        QTest::keyClick(e.searchBar()->lineEdit(), Qt::Key_Escape);
        QVERIFY(!e.searchBar()->isVisible());
        e.setWrapEnabled(true);
        QVERIFY(e.wrapEnabled());
    }

    // Over kBackgroundSearchBytes the search runs on a worker: the call returns at once and the match
    // is selected when it answers; a newer text cancels it.
    void bigDocumentSearchRunsInTheBackground() {
        CodeEditor e;
        e.resize(400, 300);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        const QString line = QStringLiteral("{\"id\": 12345, \"name\": \"filler text of the body\"},\n");
        QString text;
        const qsizetype lines = CodeEditor::kBackgroundSearchBytes / line.size() + 2000;
        text.reserve(lines * line.size() + 64);
        for (qsizetype i = 0; i < lines; ++i) {
            if (i == lines / 5) text += QStringLiteral("Marker \u03a9 one\n");
            if (i == lines - 10) text += QStringLiteral("MARKER two\n");
            text += line;
        }
        e.setText(text);
        QVERIFY(e.length() > CodeEditor::kBackgroundSearchBytes);
        QSignalSpy done(&e, &CodeEditor::searchFinished);
        auto searchAndWait = [&](const QString& what, bool forward, bool matchCase) {
            done.clear();
            e.search(what, forward, matchCase);
            if (!e.isSearching()) return false;  // it must not have answered on the calling thread
            if (!done.wait(20000) || done.size() != 1) return false;
            return done.first().first().toBool();
        };
        QVERIFY(searchAndWait("marker", true, false));
        QCOMPARE(e.selectedText(), QString("Marker"));
        int l1, i1, l2, i2;
        e.getSelection(&l1, &i1, &l2, &i2);
        QCOMPARE(l1, int(lines / 5));
        QVERIFY(searchAndWait("marker", true, false));  // the next one, from the selection's end
        QCOMPARE(e.selectedText(), QString("MARKER"));
        QVERIFY(searchAndWait("marker", true, false));  // wraps to the first again
        QCOMPARE(e.selectedText(), QString("Marker"));
        QVERIFY(searchAndWait("marker", false, false));  // backwards from "Marker": wraps to the end
        QCOMPARE(e.selectedText(), QString("MARKER"));
        QVERIFY(searchAndWait(QStringLiteral("\u03a9 one"), true, true));  // UTF-8 text, positions in bytes
        QCOMPARE(e.selectedText(), QStringLiteral("\u03a9 one"));
        QVERIFY(!searchAndWait("marker two", true, true));  // match case: nothing
        QCOMPARE(e.selectedText(), QStringLiteral("\u03a9 one"));  // the selection stays
        // A new text cancels a search in progress: one answer (not found), then silence.
        done.clear();
        e.search("MARKER two", true, true);
        QVERIFY(e.isSearching());
        e.setText("small text");
        QVERIFY(!e.isSearching());
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().first().toBool(), false);
        QTest::qWait(300);
        QCOMPARE(done.size(), 1);
        QCOMPARE(e.selectedText(), QString());
        // The search bar says it is searching, then what was found.
        e.setText(text);
        e.showSearch();
        done.clear();
        QTest::keyClicks(e.searchBar()->lineEdit(), "MARK");  // each letter extends the match in place
        QTRY_VERIFY_WITH_TIMEOUT(!e.isSearching(), 20000);
        QVERIFY(e.searchBar()->lastFound());
        QCOMPARE(e.selectedText(), QString("Mark"));
        e.getSelection(&l1, &i1, &l2, &i2);
        QCOMPARE(l1, int(lines / 5));
        QTest::keyClick(e.searchBar()->lineEdit(), Qt::Key_Return);  // Enter: the next one
        QTRY_VERIFY_WITH_TIMEOUT(!e.isSearching(), 20000);
        QCOMPARE(e.selectedText(), QString("MARK"));
    }

    void urlHighlightsAndDescribesVariables() {
        UrlLineEdit url;
        url.setLookup(lookupOf({{"baseUrl", "http://127.0.0.1:8088"}, {"token", "abc"}}));
        url.setText("{{baseUrl}}/users/{{id}}?t={{token}}");
        QCOMPARE(url.unresolvedCount(), 1);
        QVERIFY(url.toolTipAt(2).contains("http://127.0.0.1:8088"));
        QVERIFY(url.toolTipAt(20).contains("not defined"));
        QVERIFY(!url.toolTipAt(29).contains("abc"));  // secret: masked
        QCOMPARE(url.toolTipAt(12), QString());
    }

    void urlCompletesVariableNames() {
        UrlLineEdit url;
        url.setLookup(lookupOf({{"baseUrl", "x"}, {"basePath", "y"}, {"other", "z"}}));
        url.show();
        QVERIFY(QTest::qWaitForWindowExposed(&url));
        url.setFocus();
        QTest::keyClicks(&url, "{{bas");
        QTRY_VERIFY(url.completer()->popup()->isVisible());
        QCOMPARE(url.completer()->completionCount(), 2);
        url.completer()->setCurrentRow(0);
        emit url.completer()->activated(url.completer()->currentCompletion());
        QCOMPARE(url.text(), QString("{{basePath}}"));
    }

    void keyValueTableGrowsAndDeletes() {
        KeyValueTable t;
        QSignalSpy edited(&t, &KeyValueTable::edited);
        QCOMPARE(t.rowCount(), 1);  // the empty trailing row
        t.item(0, 0)->setText("Accept");
        QCOMPARE(t.rowCount(), 2);
        t.item(0, 1)->setText("application/json");
        QVERIFY(edited.count() >= 2);
        QCOMPARE(t.rows().size(), size_t(1));
        t.item(0, 0)->setCheckState(Qt::Unchecked);
        QVERIFY(!t.rows()[0].enabled);
        t.selectRow(0);
        QTest::keyClick(&t, Qt::Key_Delete);
        QCOMPARE(t.rows().size(), size_t(0));
        QCOMPARE(t.rowCount(), 1);
    }

    void reindentJson_data() {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("object") << QByteArray("{\"a\":1,\"b\":[true,null]}")
                                << QByteArray("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    null\n  ]\n}");
        QTest::newRow("empty containers") << QByteArray("{\"a\":{},\"b\":[ ]}") << QByteArray("{\n  \"a\": {},\n  \"b\": []\n}");
        QTest::newRow("strings keep braces") << QByteArray("[\"{,}:\\\"x\"]") << QByteArray("[\n  \"{,}:\\\"x\"\n]");
        QTest::newRow("variables pass") << QByteArray("{\"id\":{{id}}}") << QByteArray("{\n  \"id\": {{id}}\n}");
        QTest::newRow("numbers exact") << QByteArray("[1.10,1e400]") << QByteArray("[\n  1.10,\n  1e400\n]");
    }
    void reindentJson() {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(sonde::ui::reindentJson(in), out);
    }

    void reindentXmlLeavesBrokenXmlAlone() {
        QCOMPARE(reindentXml("<a><b>x</b></a>"), QByteArray("<a>\n  <b>x</b>\n</a>\n"));
        QCOMPARE(reindentXml("<a><b></a>"), QByteArray("<a><b></a>"));
    }

    void jsonTreeIsLazy() {
        JsonTreeModel m;
        auto doc = std::make_shared<JsonTreeModel::Json>(JsonTreeModel::Json::array());
        for (int i = 0; i < 100000; ++i) doc->push_back({{"id", i}, {"name", "n" + std::to_string(i)}});
        m.setDocument(doc);
        QCOMPARE(m.rowCount(), 1);
        const QModelIndex top = m.index(0, 0);
        QVERIFY(m.hasChildren(top));
        QCOMPARE(m.rowCount(top), 0);  // nothing created before expansion
        QVERIFY(m.canFetchMore(top));
        m.fetchMore(top);
        QCOMPARE(m.rowCount(top), JsonTreeModel::kBatch);
        QVERIFY(m.createdNodes() < 1000);
        const QModelIndex third = m.index(2, 0, top);
        m.fetchMore(third);
        QCOMPARE(m.rowCount(third), 2);
        QCOMPARE(m.index(1, 1, third).data().toString(), QString("n2"));
        QCOMPARE(m.pathOf(m.index(1, 0, third)), QString("$[2].name"));
        QCOMPARE(m.index(2, 1, top).data().toString(), QString("{2}"));
    }

    void imagesAreShownAsImages() {
        BodyView view;
        QImage img(32, 16, QImage::Format_RGB32);
        img.fill(Qt::red);
        QByteArray png;
        QBuffer buf(&png);
        buf.open(QIODevice::WriteOnly);
        QVERIFY(img.save(&buf, "PNG"));
        auto r = std::make_shared<Response>();
        r->status = 200;
        r->headers = {{"Content-Type", "image/png"}};
        r->body = png.toStdString();
        r->bodyBytes = r->body.size();
        QSignalSpy rendered(&view, &BodyView::rendered);
        view.setResponse(r);
        QVERIFY(rendered.wait(5000));
        QCOMPARE(view.findChild<QStackedWidget*>()->currentWidget(), static_cast<QWidget*>(view.findChild<QScrollArea*>()));
    }

    void editorFollowsADarkPalette() {
        CodeEditor e;
        e.setLanguage(CodeEditor::Language::Json);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        dark.setColor(QPalette::Window, QColor(40, 40, 40));
        const QPalette old = QApplication::palette();
        QApplication::setPalette(dark);
        QTRY_COMPARE(e.lexer()->paper(0), QColor(30, 30, 30));
        for (int style = 0; style < 32; ++style)
            if (!e.lexer()->description(style).isEmpty()) QVERIFY(e.lexer()->color(style).lightness() >= 40);
        QApplication::setPalette(old);
    }

    void paramsFollowTheUrlAndBack() {
        RequestPanel p;
        RequestSpec r;
        r.url = "http://h/p?a=1";
        r.params = {{"b", "2", true, ""}, {"off", "x", false, ""}};
        p.setRequest(r);
        QCOMPARE(p.urlEdit()->text(), QString("http://h/p?a=1&b=2"));
        QCOMPARE(p.paramsTable()->rows().size(), size_t(3));
        p.urlEdit()->setText("http://h/p?z={{v}}");
        const auto rows = p.paramsTable()->rows();
        QCOMPARE(rows.size(), size_t(2));  // z, and the disabled row kept
        QCOMPARE(rows[0].value, std::string("{{v}}"));
        p.paramsTable()->item(0, 1)->setText("9");
        QCOMPARE(p.urlEdit()->text(), QString("http://h/p?z=9"));
        const RequestSpec out = p.request();
        QCOMPARE(out.url, std::string("http://h/p?z=9"));
        QCOMPARE(out.params.size(), size_t(1));
        QVERIFY(!out.params[0].enabled);
    }

    void requestRoundTripsThroughThePanel() {
        RequestPanel p;
        RequestSpec r;
        r.name = "n";
        r.method = "PROPFIND";
        r.url = "{{baseUrl}}/x";
        r.headers = {{"Accept", "application/json", true, ""}, {"X-Off", "1", false, ""}};
        r.body.kind = BodyKind::Json;
        r.body.text = "{\"a\": 1}";
        r.auth.kind = AuthKind::AwsSigV4;
        r.auth.accessKey = "AK";
        r.auth.region = "eu-west-1";
        r.options.timeoutMs = 1234;
        r.options.httpVersion = HttpVersion::Http2;
        r.assertions = {{CheckSource::JsonPath, "$.a", CheckOp::Equals, "1", true}};
        r.captures = {{"tok", CheckSource::Header, "X-Token", 1, true}};
        p.setRequest(r);
        QCOMPARE(p.request(), r);
    }
};

QTEST_MAIN(TestUiWidgets)
#include "test_ui_widgets.moc"
