// The collections tree: badges, filter, rename, duplicate, delete with undo, drag and drop moves, and
// quick-open (Ctrl+P).
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include "ui/dialogs/quick_open_dialog.h"
#include "ui/models/collection_tree_model.h"
#include "ui/panels/collections_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "ui/widgets/method_badge.h"
#include "ui_test_support.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
Collection sample() {
    Collection c;
    c.id = "c1";
    c.name = "API";
    Folder users;
    users.id = "f-users";
    users.name = "Users";
    RequestSpec list;
    list.id = "r-list", list.name = "List users", list.method = "GET", list.url = "{{baseUrl}}/users";
    RequestSpec create;
    create.id = "r-create", create.name = "Create user", create.method = "POST", create.url = "{{baseUrl}}/users";
    users.requests = {list, create};
    Folder admin;
    admin.id = "f-admin", admin.name = "Admin";
    c.root.folders = {users, admin};
    RequestSpec health;
    health.id = "r-health", health.name = "Health", health.method = "GET", health.url = "{{baseUrl}}/health";
    c.root.requests = {health};
    return c;
}
const Folder* folderNamed(const Folder& f, const std::string& name) {
    for (const auto& s : f.folders)
        if (s.name == name) return &s;
    return nullptr;
}
}  // namespace

class TestUiCollections : public QObject {
    Q_OBJECT
    std::unique_ptr<MemoryBackend> backend() {
        auto b = std::make_unique<MemoryBackend>();
        b->collections = {sample()};
        return b;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void modelRoundTrips() {
        CollectionTreeModel m;
        m.setCollections({sample()});
        QCOMPARE(m.collectionAt(0, sample()), sample());
        const QModelIndex list = m.findById("r-list");
        QCOMPARE(list.data(MethodRole).toString(), QString("GET"));
        QCOMPARE(list.data().toString(), QString("List users"));
    }

    void renameDuplicateDeleteAndUndo() {
        testing::WindowFixture f("http://x", backend());
        CollectionsPanel* panel = f.window->collections();
        auto* model = panel->model();
        // Rename through the model (what the inline editor does).
        model->itemFromIndex(model->findById("r-health"))->setText("Health check");
        QTRY_COMPARE(f.workspace->findRequest("r-health")->name, std::string("Health check"));
        // Duplicate.
        QVERIFY(panel->select("r-list"));
        panel->duplicateSelected();
        QTRY_COMPARE(folderNamed(f.workspace->collection("c1")->root, "Users")->requests.size(), size_t(3));
        // Delete with the Delete key, then undo with Ctrl+Z.
        QVERIFY(panel->select("r-create"));
        panel->tree()->setFocus();
        QTest::keyClick(panel->tree(), Qt::Key_Delete);
        QTRY_VERIFY(f.workspace->findRequest("r-create") == nullptr);
        QVERIFY(!panel->select("r-create"));
        QTest::keyClick(panel->tree(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(f.workspace->findRequest("r-create") != nullptr);
        QVERIFY(panel->select("r-create"));
        // Deleting a whole collection can be undone too.
        QVERIFY(panel->select("c1"));
        panel->deleteSelected();
        QVERIFY(f.workspace->collections().empty());
        panel->undoStack()->undo();
        QCOMPARE(f.workspace->collections().size(), size_t(1));
        QVERIFY(f.workspace->findRequest("r-list"));
    }

    void dragAndDropMovesARequestIntoAnotherFolder() {
        testing::WindowFixture f("http://x", backend());
        auto* model = f.window->collections()->model();
        const QModelIndex health = model->findById("r-health");
        std::unique_ptr<QMimeData> mime(model->mimeData({health}));
        const QModelIndex admin = model->findById("f-admin");
        QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, 0, 0, admin));
        QVERIFY(!model->canDropMimeData(mime.get(), Qt::MoveAction, 0, 0, model->findById("r-list")));  // not into a request
        QVERIFY(model->dropMimeData(mime.get(), Qt::MoveAction, 0, 0, admin));
        model->removeRow(health.row(), health.parent());  // the view removes the source after a move
        QTRY_COMPARE(folderNamed(f.workspace->collection("c1")->root, "Admin")->requests.size(), size_t(1));
        QCOMPARE(folderNamed(f.workspace->collection("c1")->root, "Admin")->requests[0].id, std::string("r-health"));
        QVERIFY(f.workspace->collection("c1")->root.requests.empty());
        f.window->collections()->undoStack()->undo();
        QCOMPARE(f.workspace->collection("c1")->root.requests.size(), size_t(1));
    }

    void filterHidesOtherRequests() {
        testing::WindowFixture f("http://x", backend());
        CollectionsPanel* panel = f.window->collections();
        QTest::keyClicks(panel->filterEdit(), "create");
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(panel->tree()->model());
        QVERIFY(proxy);
        QCOMPARE(proxy->match(proxy->index(0, 0), Qt::DisplayRole, "Create user", -1, Qt::MatchRecursive).size(), 1);
        QCOMPARE(proxy->match(proxy->index(0, 0), Qt::DisplayRole, "Health", -1, Qt::MatchRecursive).size(), 0);
    }

    void quickOpenByName() {
        testing::WindowFixture f("http://x", backend());
        QTest::keyClick(f.window.get(), Qt::Key_P, Qt::ControlModifier);
        QuickOpenDialog* dlg = f.window->quickOpen();
        QTRY_VERIFY(dlg->isVisible());
        QTest::keyClicks(dlg->filterEdit(), "create us");
        QTest::keyClick(dlg->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(f.window->tabs()->current() && f.window->tabs()->current()->requestId() == "r-create");
        QVERIFY(!dlg->isVisible());
    }
};

QTEST_MAIN(TestUiCollections)
#include "test_ui_collections.moc"
