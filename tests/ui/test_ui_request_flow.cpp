// End-to-end GUI flows driven with QTest key and mouse events against the loopback test server.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

#include <QTreeWidget>

#include "core/model/json.h"
#include "core/store/database.h"
#include "core/store/history_repository.h"
#include "test_server.h"
#include "ui/panels/history_panel.h"
#include "ui/store_backend.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/body_view.h"
#include "ui/panels/collections_panel.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "ui/panels/response_panel.h"
#include "ui/widgets/code_editor.h"
#include "ui/widgets/key_value_table.h"
#include "ui/widgets/url_line_edit.h"
#include "ui_test_support.h"

using namespace sonde;
using namespace sonde::ui;

class TestUiRequestFlow : public QObject {
    Q_OBJECT
    sonde::test::TestServer server_;
    QString base() const { return QString::fromStdString(server_.url("")); }

    static bool waitForResponse(RequestTab* tab, int ms = 10000) {
        QSignalSpy spy(tab, &RequestTab::exchangeFinished);
        return spy.wait(ms);
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(server_.start());
    }

    void typeUrlAddHeaderSendSeeStatusAndBody() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        UrlLineEdit* url = tab->requestPanel()->urlEdit();
        url->setFocus();
        QTest::keyClicks(url, base() + "/echo?color=blue");
        // The query shows up as a row in Params.
        QTRY_COMPARE(tab->requestPanel()->paramsTable()->rows().size(), size_t(1));
        QCOMPARE(tab->requestPanel()->paramsTable()->rows()[0].value, std::string("blue"));
        // Add a header by typing into the Headers table.
        KeyValueTable* headers = tab->requestPanel()->headersTable();
        tab->requestPanel()->tabs()->setCurrentWidget(headers);
        headers->setFocus();
        headers->setCurrentCell(0, 0);
        headers->editItem(headers->item(0, 0));
        QTest::keyClicks(QApplication::focusWidget(), "X-Sonde-Test");
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), "hello-header");
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(headers->rows().size(), size_t(1));
        QCOMPARE(headers->rows()[0].key, std::string("X-Sonde-Test"));
        QVERIFY(tab->isDirty());

        QSignalSpy rendered(tab->responsePanel()->bodyView(), &BodyView::rendered);
        url->setFocus();
        QTest::keyClick(url, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(tab->isSending());
        QCOMPARE(tab->requestPanel()->sendButton()->text(), QString("Cancel"));
        QVERIFY(waitForResponse(tab));
        QCOMPARE(tab->requestPanel()->sendButton()->text(), QString("Send"));
        QVERIFY(tab->responsePanel()->statusBadge()->text().startsWith("200"));
        QVERIFY(rendered.count() > 0 || rendered.wait(5000));
        const QString body = tab->responsePanel()->bodyView()->editor()->text();
        QVERIFY2(body.contains("hello-header"), qPrintable(body.left(400)));
        QVERIFY(body.contains("\"color\": \"blue\""));  // pretty-printed
        QVERIFY(tab->responsePanel()->curl().contains("X-Sonde-Test: hello-header"));
        QCOMPARE(f.workspace->history().size(), size_t(1));
    }

    void ctrlEnterSendsFromTheBodyEditor() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        tab->requestPanel()->urlEdit()->setText(base() + "/echo");
        tab->requestPanel()->methodCombo()->setCurrentText("POST");
        BodyEditor* body = tab->requestPanel()->bodyEditor();
        tab->requestPanel()->tabs()->setCurrentWidget(body);
        body->modeCombo()->setCurrentIndex(1);  // JSON
        CodeEditor* editor = body->textEditor();
        editor->setFocus();
        QTest::keyClicks(editor, "{\"from\":\"body\"}");
        QCOMPARE(editor->text(), QString("{\"from\":\"body\"}"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(waitForResponse(tab));
        QTRY_VERIFY(tab->responsePanel()->bodyView()->editor()->text().contains("\\\"from\\\""));
    }

    void saveCloseReopenFromTree() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        QTest::keyClicks(tab->requestPanel()->urlEdit(), "{{baseUrl}}/echo/saved-one");
        QTest::keyClick(tab->requestPanel()->urlEdit(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!tab->isDirty());
        const std::string id = tab->requestId();
        QVERIFY(!id.empty());
        const int before = f.window->tabs()->count();
        QTest::keyClick(tab->requestPanel()->urlEdit(), Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE(f.window->tabs()->count(), before - 1);
        // Find it in the tree with the filter box, then open it with Enter.
        CollectionsPanel* panel = f.window->collections();
        QTest::keyClicks(panel->filterEdit(), "saved-one");
        QVERIFY(panel->select(id));
        QTreeView* tree = panel->tree();
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Return);
        QTRY_COMPARE(f.window->tabs()->count(), before);
        QCOMPARE(f.window->tabs()->current()->requestId(), id);
        QCOMPARE(f.window->tabs()->current()->requestPanel()->urlEdit()->text(), QString("{{baseUrl}}/echo/saved-one"));
    }

    void switchEnvironmentChangesResolvedUrl() {
        testing::WindowFixture f(base().toStdString());
        auto* tab = f.window->tabs()->openRequest(f.collectionId, "req-1");
        QVERIFY(tab);
        UrlLineEdit* url = tab->requestPanel()->urlEdit();
        QComboBox* env = f.window->environmentSelector();
        env->setCurrentIndex(env->findText("dev"));
        QTRY_VERIFY(url->toolTipAt(3).contains(base()));
        QCOMPARE(url->unresolvedCount(), 0);
        env->setCurrentIndex(env->findText("prod"));
        QTRY_VERIFY(url->toolTipAt(3).contains("https://prod.invalid"));
        env->setCurrentIndex(env->findText("No environment"));
        QTRY_COMPARE(url->unresolvedCount(), 1);
        QVERIFY(url->toolTipAt(3).contains("not defined"));
        // Sending with an unresolved variable shows why, in the response area.
        QTest::keyClick(url, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(tab->responsePanel()->errorLabel()->text().contains("baseUrl"));
    }

    void cancelSlowRequest() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        tab->requestPanel()->urlEdit()->setText(base() + "/delay?ms=4000");
        QTest::mouseClick(tab->requestPanel()->sendButton(), Qt::LeftButton);
        QVERIFY(tab->isSending());
        QTest::qWait(200);
        QElapsedTimer t;
        t.start();
        QTest::mouseClick(tab->requestPanel()->sendButton(), Qt::LeftButton);  // now "Cancel"
        QVERIFY(waitForResponse(tab, 3000));
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(tab->responsePanel()->statusBadge()->text(), QString("Cancelled"));
        QVERIFY(!tab->isSending());
    }

    void assertionsAndCapturesAfterSend() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        RequestSpec r;
        r.url = "{{baseUrl}}/echo";
        r.assertions = {{CheckSource::Status, "", CheckOp::Equals, "200", true},
                        {CheckSource::JsonPath, "$.method", CheckOp::Equals, "\"GET\"", true},
                        {CheckSource::Status, "", CheckOp::Equals, "404", true}};
        r.captures = {{"echoedPath", CheckSource::JsonPath, "$.path", 1, true}};
        tab->load(f.collectionId, r);
        f.window->environmentSelector()->setCurrentIndex(f.window->environmentSelector()->findText("dev"));
        QSignalSpy checks(tab, &RequestTab::checksFinished);
        tab->send();
        QVERIFY(checks.wait(10000));
        QCOMPARE(tab->responsePanel()->tabs()->tabText(5), QString("Tests (2/3)"));
        QVERIFY(f.workspace->lookupFor(f.collectionId)("echoedPath").has_value());
        QCOMPARE(f.workspace->lookupFor(f.collectionId)("echoedPath")->value, QString("/echo"));
    }

    // History restores the request as written ({{variables}}), never a resolved secret, after a restart
    // from the SQLite store; rows stored before the written copy existed restore the request as sent.
    void historyRestoresTheRequestAsWritten() {
        const std::string secret = "s3cret-token-value";
        QTemporaryDir dir;
        const std::string db = dir.filePath("sonde.db").toStdString();
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        auto openWindow = [&](Workspace& ws) {
            auto w = std::make_unique<MainWindow>(&ws, &settings, dir.filePath("drafts"));
            w->show();
            return w;
        };
        {
            auto store = StoreBackend::open(db);
            QVERIFY(store);
            Collection c;
            c.id = "col-1";
            c.name = "API";
            c.environments = {{"env-dev", "dev", {{"baseUrl", base().toStdString(), true, false}, {"token", secret, true, true}}}};
            QVERIFY(store.value()->saveCollection(c));
            Workspace ws(std::move(store.value()));
            auto w = openWindow(ws);
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            w->environmentSelector()->setCurrentIndex(w->environmentSelector()->findText("dev"));
            RequestTab* tab = w->tabs()->newTab();
            RequestSpec r;
            r.method = "POST";
            r.headers = {{"Authorization", "Bearer {{token}}"}, {"X-Api-Key", "{{token}}"}, {"X-Typed", secret}};
            r.body.kind = BodyKind::Json;
            r.body.text = R"({"key": "{{token}}"})";
            tab->load("col-1", r);
            QTest::keyClicks(tab->requestPanel()->urlEdit(), "{{baseUrl}}/echo");
            tab->send();
            QVERIFY(waitForResponse(tab));
            QVERIFY(tab->responsePanel()->statusBadge()->text().startsWith("200"));
            QCOMPARE(ws.history().size(), size_t(1));
            QVERIFY(ws.history()[0].exchange->response.body.find(secret) != std::string::npos);  // it was resolved
            w->close();
        }
        {
            auto raw = Database::open(db);
            QVERIFY(raw);
            // No resolved secret in the stored history (the environment itself keeps its value).
            auto st = raw->prepare("SELECT h.url || h.error || d.request_json || d.response_headers_json || CAST(d.body AS TEXT)"
                                   " FROM history h JOIN history_details d ON d.history_id = h.id");
            QVERIFY(st);
            int rows = 0;
            for (auto more = st->step(); more && *more; more = st->step(), ++rows) {
                const std::string stored = st->text(0);
                QVERIFY2(stored.find(secret) == std::string::npos, stored.c_str());
                QVERIFY(stored.find("\"written\"") != std::string::npos);
                QVERIFY(stored.find("{{baseUrl}}/echo") != std::string::npos);
            }
            QCOMPARE(rows, 1);
            // A row as older versions stored it: no written copy.
            sonde::HistoryEntry old;
            old.sentAt = QDateTime::currentMSecsSinceEpoch();
            old.request.method = "GET";
            old.request.url = "http://127.0.0.1:9/old-row";
            old.status = 204;
            QVERIFY(HistoryRepository(raw.value()).add(old));
        }
        auto store = StoreBackend::open(db);
        QVERIFY(store);
        Workspace ws(std::move(store.value()));
        QCOMPARE(ws.history().size(), size_t(2));
        auto w = openWindow(ws);
        QTreeWidget* list = w->history()->list();
        QCOMPARE(list->topLevelItemCount(), 2);
        QTreeWidgetItem* sent = list->topLevelItem(1);  // newest first: the old-style row is on top
        QVERIFY(sent->text(0).startsWith(base() + "/echo"));  // the list shows where it went
        emit list->itemActivated(sent, 0);
        RequestTab* restored = w->tabs()->current();
        QCOMPARE(restored->requestPanel()->urlEdit()->text(), QString("{{baseUrl}}/echo"));
        const RequestSpec back = restored->request();
        QCOMPARE(back.method, std::string("POST"));
        QCOMPARE(back.headers.size(), size_t(3));
        QCOMPARE(back.headers[0].value, std::string("Bearer {{token}}"));
        QCOMPARE(back.headers[1].value, std::string("{{token}}"));
        QCOMPARE(back.headers[2].value, std::string(Redactor::kMask));  // typed literally: masked
        QCOMPARE(back.body.text, std::string(R"({"key": "{{token}}"})"));
        QVERIFY(nlohmann::json(back).dump().find(secret) == std::string::npos);
        QVERIFY(restored->isDirty());
        // The old row restores the request as sent.
        emit list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(w->tabs()->current()->requestPanel()->urlEdit()->text(), QString("http://127.0.0.1:9/old-row"));
        w->close();
    }

    void refusedConnectionShowsReasonInResponseArea() {
        testing::WindowFixture f(base().toStdString());
        RequestTab* tab = f.window->tabs()->newTab();
        tab->requestPanel()->urlEdit()->setText("http://127.0.0.1:1/nothing-listens");
        tab->send();
        QVERIFY(waitForResponse(tab));
        QCOMPARE(tab->responsePanel()->statusBadge()->text(), QString("Error"));
        QVERIFY(!tab->responsePanel()->errorLabel()->text().isEmpty());
        QVERIFY(QApplication::activeModalWidget() == nullptr);  // no dialog
    }
};

QTEST_MAIN(TestUiRequestFlow)
#include "test_ui_request_flow.moc"
