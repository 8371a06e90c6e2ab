// What survives a restart: splitter/placement, open tabs and the last environment (QSettings), and
// unsaved tabs (drafts written off the UI thread, restored even after a crash).
#include <QAction>
#include <QComboBox>
#include <QtTest>

#include <QListWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>

#include "core/store/history_repository.h"
#include "ui/draft_store.h"
#include "ui/panels/collections_panel.h"
#include "ui/panels/environment_panel.h"
#include "ui/panels/history_panel.h"
#include "ui/store_backend.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "ui/widgets/url_line_edit.h"
#include "ui_test_support.h"

using namespace sonde;
using namespace sonde::ui;

class TestUiSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void draftStoreWritesLoadsRemoves() {
        QTemporaryDir dir;
        DraftStore store(dir.path(), nullptr, 50);
        RequestSpec r;
        r.url = "http://draft";
        QSignalSpy written(&store, &DraftStore::written);
        store.schedule({"k1", "c1", r});
        r.url = "http://draft/2";
        store.schedule({"k1", "c1", r});  // debounced: one write with the latest
        QVERIFY(written.wait(2000));
        store.flush();
        QCOMPARE(written.count(), 1);
        auto drafts = store.load();
        QCOMPARE(drafts.size(), size_t(1));
        QCOMPARE(drafts[0].request.url, std::string("http://draft/2"));
        QCOMPARE(drafts[0].collectionId, std::string("c1"));
        store.remove("k1");
        QVERIFY(store.load().empty());
    }

    void unsavedTabSurvivesACrash() {
        testing::WindowFixture f("http://127.0.0.1:9");
        RequestTab* tab = f.window->tabs()->newTab();
        QTest::keyClicks(tab->requestPanel()->urlEdit(), "http://unsaved.example/draft");
        QVERIFY(tab->isDirty());
        QVERIFY(f.window->tabs()->tabText(f.window->tabs()->indexOf(tab)).contains(QChar(0x25CF)));  // marked
        QTRY_VERIFY(!f.window->drafts()->load().empty());  // written without any save
        // "Crash": the window goes away without closeEvent; a new one restores the draft.
        f.window.release()->deleteLater();  // no close(): no settings saved, no flush
        f.open();
        bool found = false;
        for (int i = 0; i < f.window->tabs()->count(); ++i) {
            RequestTab* t = f.window->tabs()->tabAt(i);
            if (t->requestPanel()->urlEdit()->text() == "http://unsaved.example/draft") found = t->isDirty();
        }
        QVERIFY(found);
    }

    void savedRequestSurvivesARestartInTheStore() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("sonde.db").toStdString();
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        std::string id;
        {
            auto store = StoreBackend::open(db);
            QVERIFY(store);
            Workspace ws(std::move(store.value()));
            MainWindow w(&ws, &settings, dir.filePath("drafts"));
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.activateWindow();
            QTRY_VERIFY(w.isActiveWindow());
            RequestTab* tab = w.tabs()->newTab();
            tab->requestPanel()->urlEdit()->setText("http://127.0.0.1:9/persisted");
            QTest::keyClick(tab->requestPanel()->urlEdit(), Qt::Key_S, Qt::ControlModifier);
            QVERIFY(!tab->isDirty());
            id = tab->requestId();
            // A history entry with a secret in it: stored redacted.
            ui::HistoryEntry e;
            e.at = QDateTime::currentDateTimeUtc();
            e.request.method = "GET";
            e.request.url = "http://127.0.0.1:9/h";
            e.secrets = {"hunter2-secret"};
            auto ex = std::make_shared<Exchange>();
            ex->request.method = "GET";
            ex->request.url = "http://127.0.0.1:9/h?key=hunter2-secret";
            ex->response.status = 200;
            ex->response.body = "{\"echo\":\"hunter2-secret\"}";
            e.exchange = ex;
            ws.addHistory(e);
            w.close();
        }
        auto store = StoreBackend::open(db);
        QVERIFY(store);
        Workspace ws(std::move(store.value()));
        QVERIFY(ws.findRequest(id));
        QCOMPARE(ws.findRequest(id)->url, std::string("http://127.0.0.1:9/persisted"));
        QCOMPARE(ws.history().size(), size_t(1));
        QVERIFY(ws.history()[0].exchange);
        QCOMPARE(ws.history()[0].exchange->response.status, 200);
        QVERIFY(ws.history()[0].exchange->request.url.find("hunter2-secret") == std::string::npos);
        QVERIFY(ws.history()[0].exchange->response.body.find("hunter2-secret") == std::string::npos);
        MainWindow w(&ws, &settings, dir.filePath("drafts"));
        QVERIFY(w.collections()->select(id));  // in the tree
        bool reopened = false;  // and its tab is back
        for (int i = 0; i < w.tabs()->count(); ++i) reopened = reopened || w.tabs()->tabAt(i)->requestId() == id;
        QVERIFY(reopened);
    }

    // The request as written, kept beside the sent one in history: {{variables}} stay, secrets and
    // credentials typed literally do not reach the store.
    void writtenRequestIsRedactedForHistory() {
        const Redactor redactor(std::vector<std::string>{"hunter2-secret"});
        const std::string mask(Redactor::kMask);
        RequestSpec r;
        r.url = "{{baseUrl}}/x?k=hunter2-secret";
        r.headers = {{"Authorization", "Basic dXNlcjpwYXNz"}, {"Cookie", "{{session}}"}, {"X-Note", "keep me"}};
        r.auth.kind = AuthKind::Bearer;
        r.auth.token = "literal-token";
        r.auth.password = "{{pw}}";
        r.options.proxy = "http://bob:pw@proxy.invalid:3128";
        r.body.kind = BodyKind::Json;
        r.body.text = R"({"a": "hunter2-secret", "b": "{{b}}"})";
        const RequestSpec w = HistoryRepository::redactWritten(r, redactor);
        QCOMPARE(w.url, "{{baseUrl}}/x?k=" + mask);
        QCOMPARE(w.headers[0].value, mask);
        QCOMPARE(w.headers[1].value, std::string("{{session}}"));
        QCOMPARE(w.headers[2].value, std::string("keep me"));
        QCOMPARE(w.auth.token, mask);
        QCOMPARE(w.auth.password, std::string("{{pw}}"));
        QCOMPARE(w.options.proxy, "http://" + mask + "@proxy.invalid:3128");
        QCOMPARE(w.body.text, R"({"a": ")" + mask + R"(", "b": "{{b}}"})");
        QCOMPARE(w.body.kind, BodyKind::Json);
    }

    void secretsAreMaskedUntilShown() {
        testing::WindowFixture f("http://127.0.0.1:9");
        EnvironmentPanel* env = f.window->environments();
        env->selectEnvironment(f.devEnv);
        QTableWidget* table = env->table();
        int tokenRow = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text() == "token") tokenRow = r;
        QVERIFY(tokenRow >= 0);
        QCOMPARE(env->displayedValue(tokenRow), QString(8, QChar(0x2022)));
        QCOMPARE(table->item(tokenRow, 1)->text(), QString("s3cret"));  // the editor still gets the value
        QTest::mouseClick(env->revealButton(), Qt::LeftButton);
        QVERIFY(env->secretsShown());
        QCOMPARE(env->displayedValue(tokenRow), QString("s3cret"));
        // Edits are saved to the workspace.
        table->item(tokenRow, 1)->setText("changed");
        env->commit();
        bool saved = false;
        for (const auto& v : f.workspace->environment(f.devEnv)->variables) saved = saved || (v.name == "token" && v.value == "changed" && v.secret);
        QVERIFY(saved);
    }

    void historyEntryReopensInATab() {
        testing::WindowFixture f("http://127.0.0.1:9");
        ui::HistoryEntry e;
        e.at = QDateTime::currentDateTimeUtc();
        e.request.method = "POST";
        e.request.url = "http://127.0.0.1:9/from-history";
        auto ex = std::make_shared<Exchange>();
        ex->request.url = e.request.url;
        ex->response.status = 201;
        ex->response.body = "{}";
        e.exchange = ex;
        f.workspace->addHistory(e);
        QTreeWidget* list = f.window->history()->list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QString("201"));
        const int before = f.window->tabs()->count();
        emit list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(f.window->tabs()->count(), before + 1);
        QCOMPARE(f.window->tabs()->current()->requestPanel()->urlEdit()->text(), QString("http://127.0.0.1:9/from-history"));
    }

    void layoutTabsAndEnvironmentAreRestored() {
        testing::WindowFixture f("http://127.0.0.1:9");
        f.window->tabs()->openRequest(f.collectionId, "req-1");
        QComboBox* env = f.window->environmentSelector();
        env->setCurrentIndex(env->findText("prod"));
        f.window->findChild<QAction*>("responseBeside")->setChecked(true);
        QVERIFY(f.window->tabs()->responseBeside());
        f.close();
        f.open();
        QCOMPARE(f.window->environmentSelector()->currentText(), QString("prod"));
        QCOMPARE(f.workspace->activeEnvironmentId(), f.prodEnv);
        QVERIFY(f.window->tabs()->responseBeside());
        QCOMPARE(f.window->tabs()->current()->orientation(), Qt::Horizontal);
        bool open = false;
        for (int i = 0; i < f.window->tabs()->count(); ++i) open = open || f.window->tabs()->tabAt(i)->requestId() == "req-1";
        QVERIFY(open);
    }
};

QTEST_MAIN(TestUiSession)
#include "test_ui_session.moc"
