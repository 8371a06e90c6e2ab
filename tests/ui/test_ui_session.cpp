// What survives a restart: splitter/placement, open tabs and the last environment (QSettings), and
// unsaved tabs (drafts written off the UI thread, restored even after a crash).
#include <QAction>
#include <QComboBox>
#include <QtTest>

#include "ui/draft_store.h"
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
