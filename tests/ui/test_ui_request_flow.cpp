// End-to-end GUI flows driven with QTest key and mouse events against the loopback test server.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

#include "test_server.h"
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
