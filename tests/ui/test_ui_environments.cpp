// Environments in the GUI: rename inline (F2), duplicate, delete (Delete key and button) and undo,
// driven with QTest against a real SQLite store; the store file and the toolbar selector follow.
#include <QComboBox>
#include <QFrame>
#include <QLineEdit>
#include <QListWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "ui/main_window.h"
#include "ui/panels/environment_panel.h"
#include "ui/store_backend.h"
#include "ui/workspace.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
// What a fresh connection to the store file reads: global environments, then each collection's.
std::vector<Environment> storedEnvironments(Workspace& ws, const std::string& db) {
    ws.flush();  // the workspace writes on its writer thread
    auto store = StoreBackend::open(db);
    if (!store) return {};
    std::vector<Environment> out = store.value()->loadGlobalEnvironments();
    for (const auto& c : store.value()->loadCollections()) out.insert(out.end(), c.environments.begin(), c.environments.end());
    return out;
}
const Environment* find(const std::vector<Environment>& envs, const std::string& id) {
    for (const auto& e : envs)
        if (e.id == id) return &e;
    return nullptr;
}
std::vector<std::string> names(const std::vector<Environment>& envs) {
    std::vector<std::string> out;
    for (const auto& e : envs) out.push_back(e.name);
    return out;
}
}  // namespace

class TestUiEnvironments : public QObject {
    Q_OBJECT
    static void clickItem(QListWidget* list, const QString& text) {
        QListWidgetItem* item = list->findItems(text, Qt::MatchExactly).value(0);
        QVERIFY2(item, qPrintable(text));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
        QCOMPARE(list->currentItem(), item);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void renameDuplicateDeleteAndUndoInTheStore() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("sonde.db").toStdString();
        {
            auto store = StoreBackend::open(db);
            QVERIFY(store);
            Collection c;
            c.id = "col-1";
            c.name = "API";
            c.environments = {{"env-dev", "dev", {{"baseUrl", "http://dev.invalid", true, false}, {"token", "s3cret", true, true}}},
                              {"env-prod", "prod", {{"baseUrl", "https://prod.invalid", true, false}}}};
            QVERIFY(store.value()->saveCollection(c));
            QVERIFY(store.value()->saveGlobalEnvironment({"env-global", "shared", {{"x", "1", true, false}}}));
        }
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        auto store = StoreBackend::open(db);
        QVERIFY(store);
        Workspace ws(std::move(store.value()));
        MainWindow w(&ws, &settings, dir.filePath("drafts"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QTRY_VERIFY(w.isActiveWindow());
        EnvironmentPanel* panel = w.environments();
        w.sidebar()->setCurrentWidget(panel);
        QListWidget* list = panel->list();
        QComboBox* combo = w.environmentSelector();
        combo->setCurrentIndex(combo->findText("dev"));
        QCOMPARE(ws.activeEnvironmentId(), std::string("env-dev"));
        QVERIFY(list->findItems("dev", Qt::MatchExactly).value(0)->font().bold());  // the active one
        QVERIFY(!list->findItems("prod", Qt::MatchExactly).value(0)->font().bold());

        // Rename "dev" inline: F2, type, Enter. The store and the toolbar selector follow; it stays active.
        clickItem(list, "dev");
        QCOMPARE(panel->currentEnvironmentId(), std::string("env-dev"));
        QTest::keyClick(list, Qt::Key_F2);
        auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, "development");
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(ws.environment("env-dev")->name, std::string("development"));
        QCOMPARE(find(storedEnvironments(ws, db), "env-dev")->name, std::string("development"));
        QCOMPARE(combo->currentText(), QString("development"));
        QCOMPARE(ws.activeEnvironmentId(), std::string("env-dev"));
        QVERIFY(!list->findItems("development", Qt::MatchExactly).isEmpty());

        // An empty name is refused: the old one comes back.
        panel->renameEnvironment("env-dev", "  ");
        QCOMPARE(ws.environment("env-dev")->name, std::string("development"));

        // Duplicate: a copy with the variables (secret flag kept), beside the original in its collection.
        clickItem(list, "development");
        QTest::mouseClick(panel->duplicateButton(), Qt::LeftButton);
        auto stored = storedEnvironments(ws, db);
        QCOMPARE(stored.size(), size_t(4));
        const Environment* copy = nullptr;
        for (const auto& e : stored) copy = e.name == "development copy" ? &e : copy;
        QVERIFY(copy);
        QVERIFY(copy->id != "env-dev");
        QCOMPARE(copy->variables, find(stored, "env-dev")->variables);
        QCOMPARE(ws.collection("col-1")->environments.size(), size_t(3));
        QVERIFY(combo->findText("development copy") > 0);
        QCOMPARE(QString::fromStdString(panel->currentEnvironmentId()), QString::fromStdString(copy->id));
        const std::string copyId = copy->id;

        // Delete "development" with the Delete key: gone from the store; the selector falls back.
        clickItem(list, "development");
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(!ws.environment("env-dev"));
        QVERIFY(!find(storedEnvironments(ws, db), "env-dev"));
        QCOMPARE(ws.activeEnvironmentId(), std::string());
        QCOMPARE(combo->currentIndex(), 0);
        QCOMPARE(combo->findText("development"), -1);
        QVERIFY(list->findItems("development", Qt::MatchExactly).isEmpty());
        QVERIFY(panel->deletedNotice()->isVisible());
        if (const int ms = qEnvironmentVariableIntValue("SONDE_SHOW_MS")) {  // screenshots under Xvfb
            w.resize(1400, 900);
            QTest::qWait(ms);
        }

        // Undo from the notice: back in place, with its secret variable, in the store too.
        QTest::mouseClick(panel->undoButton(), Qt::LeftButton);
        QVERIFY(!panel->deletedNotice()->isVisible());
        stored = storedEnvironments(ws, db);
        QVERIFY(find(stored, "env-dev"));
        QCOMPARE(find(stored, "env-dev")->name, std::string("development"));
        QCOMPARE(find(stored, "env-dev")->variables.size(), size_t(2));
        QVERIFY(find(stored, "env-dev")->variables[1].secret);
        QCOMPARE(ws.collection("col-1")->environments[0].id, std::string("env-dev"));
        QCOMPARE(ws.activeEnvironmentId(), std::string("env-dev"));  // active again, as before the delete
        QCOMPARE(combo->currentText(), QString("development"));
        if (const int ms = qEnvironmentVariableIntValue("SONDE_SHOW_MS")) QTest::qWait(ms);

        // Delete the global one with the button; Ctrl+Z brings it back.
        clickItem(list, "shared");
        QTest::mouseClick(panel->deleteButton(), Qt::LeftButton);
        QVERIFY(!find(storedEnvironments(ws, db), "env-global"));
        QCOMPARE(names(storedEnvironments(ws, db)), (std::vector<std::string>{"development", "development copy", "prod"}));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(find(storedEnvironments(ws, db), "env-global"));
        QCOMPARE(find(storedEnvironments(ws, db), "env-global")->variables.size(), size_t(1));

        // The next undo step is the duplicate: the copy leaves the store; redo brings the same copy back.
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!find(storedEnvironments(ws, db), copyId));
        QCOMPARE(storedEnvironments(ws, db).size(), size_t(3));
        panel->undoStack()->redo();
        QVERIFY(find(storedEnvironments(ws, db), copyId));
        QCOMPARE(ws.environment("env-dev")->name, std::string("development"));  // the rename still stands
    }
};

QTEST_MAIN(TestUiEnvironments)
#include "test_ui_environments.moc"
