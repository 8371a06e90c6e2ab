// Tests the Security panel against tests/fixtures/vuln-api: a scan of one vulnerable route started with
// QTest clicks fills the findings table, a finding shows its evidence request and response and the
// remediation, filters and grouping work, reports export; a running scan can be cancelled. The
// findings model's grouping and colours are checked on their own.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <cstdio>

#include "tests/core/security/vuln_api_process.h"
#include "ui/panels/security_panel.h"
#include "ui/security/findings_model.h"
#include "ui/widgets/code_editor.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
ScanOptions fastOptions() {
    ScanOptions o;
    o.timeDelaySeconds = 0.3;
    o.checkTimeoutMs = 30000;
    o.requestTimeoutMs = 10000;
    return o;
}

RequestSpec get(const std::string& url, const std::string& name) {
    RequestSpec r;
    r.method = "GET";
    r.url = url;
    r.name = name;
    return r;
}

Finding finding(const char* check, Severity s, const char* method, const char* url) {
    Finding f;
    f.checkId = check;
    f.title = check;
    f.severity = s;
    f.method = method;
    f.url = url;
    return f;
}
}  // namespace

class TestUiSecurity : public QObject {
    Q_OBJECT
    VulnApiProcess api_;

private slots:
    void initTestCase() { QVERIFY2(api_.start(), "sonde-vuln-api did not start (build target sonde-vuln-api)"); }

    void scanFindsAndShowsEvidence() {
        SecurityPanel p;
        p.resize(1300, 800);
        p.show();
        p.setBaseOptions(fastOptions());
        Collection c;
        c.name = "Vulnerable API";
        Folder xss;
        xss.name = "XSS";
        xss.requests.push_back(get(api_.base() + "/vuln/xss?q=shoes", "Search"));
        c.root.folders.push_back(xss);
        c.root.requests.push_back(get(api_.base() + "/safe/xss?q=shoes", "Hardened search"));
        p.setCollections({c});
        // Pick the folder (one vulnerable route) in the target tree.
        QTreeWidgetItem* folder = p.targetTree()->topLevelItem(0)->child(0);
        QCOMPARE(folder->text(0), QStringLiteral("XSS"));
        p.targetTree()->setCurrentItem(folder);
        QCOMPARE(int(p.selectedRequests().size()), 1);
        QVERIFY(p.selectFamiliesOnly({"xss"}));

        QSignalSpy done(&p, &SecurityPanel::scanFinished);
        QTest::mouseClick(p.runButton(), Qt::LeftButton);
        QVERIFY(p.isRunning());
        QVERIFY(!p.runButton()->isEnabled());
        QVERIFY(done.wait(60000));
        QVERIFY(!p.isRunning());
        QVERIFY(p.runButton()->isEnabled());
        const auto result = done.first().at(0).value<ScanResultPtr>();
        QVERIFY(!result->cancelled);
        QVERIFY(p.statusLabel()->text().startsWith("Done"));

        QTRY_VERIFY(p.findingsView()->model()->rowCount() > 0);
        QAbstractItemModel* view = p.findingsView()->model();
        int xssRow = -1;
        for (int r = 0; r < view->rowCount(); ++r)
            if (view->index(r, FindingsModel::CheckCol).data(Qt::ToolTipRole).toString().startsWith("xss-reflected")) xssRow = r;
        QVERIFY2(xssRow >= 0, "no xss-reflected finding");
        for (const auto& f : p.findingsModel()->findings()) QCOMPARE(QString::fromStdString(f.family), QStringLiteral("xss"));
        const QModelIndex sev = view->index(xssRow, FindingsModel::SeverityCol);
        QVERIFY(sev.data(Qt::BackgroundRole).value<QColor>().isValid());

        // Open the finding: evidence request and response side by side, the remediation above.
        const QRect rect = p.findingsView()->visualRect(view->index(xssRow, FindingsModel::EndpointCol));
        QTest::mouseClick(p.findingsView()->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY(!p.evidenceRequest()->text().isEmpty());
        QVERIFY2(p.evidenceRequest()->text().startsWith("GET " + QString::fromStdString(api_.base()) + "/vuln/xss"),
                 qPrintable(p.evidenceRequest()->text().left(200)));
        QVERIFY(p.evidenceRequest()->isReadOnly());
        QVERIFY2(p.evidenceResponse()->text().startsWith("HTTP/1.1 200"), qPrintable(p.evidenceResponse()->text().left(200)));
        QVERIFY(p.evidenceResponse()->text().contains("text/html", Qt::CaseInsensitive));
        QVERIFY(p.detailView()->toPlainText().contains("Remediation"));
        if (const int ms = qEnvironmentVariableIntValue("SONDE_SHOW_MS")) {  // screenshots under Xvfb
            fprintf(stderr, "SCREENSHOT security\n");
            QTest::qWait(ms);
        }
        const Finding* shown = p.findingsModel()->findingAt(
            static_cast<QSortFilterProxyModel*>(view)->mapToSource(view->index(xssRow, 0)));
        QVERIFY(shown && !shown->payload.empty());
        QVERIFY(p.evidenceRequest()->text().contains(QUrl::toPercentEncoding(QString::fromStdString(shown->payload)).left(4)) ||
                p.evidenceResponse()->text().contains(QString::fromStdString(shown->payload)));

        // Filters and grouping.
        const int all = view->rowCount();
        p.severityFilter()->setCurrentIndex(p.severityFilter()->count() - 1);  // Critical only
        QCOMPARE(view->rowCount(), 0);
        p.severityFilter()->setCurrentIndex(0);
        QCOMPARE(view->rowCount(), all);
        QTest::keyClicks(p.textFilter(), QStringLiteral("no-such-finding"));
        QCOMPARE(view->rowCount(), 0);
        p.textFilter()->clear();
        QTest::mouseClick(p.groupByEndpoint(), Qt::LeftButton);
        QVERIFY(p.groupByEndpoint()->isChecked());
        QCOMPARE(view->rowCount(), 1);  // one endpoint
        QVERIFY(view->index(0, FindingsModel::EndpointCol).data().toString().startsWith("GET /vuln/xss"));
        QCOMPARE(view->rowCount(view->index(0, 0)), all);

        // Export every report format.
        QTemporaryDir dir;
        const std::pair<const char*, const char*> formats[] = {
            {"sarif", "\"2.1.0\""}, {"json", "xss-reflected"}, {"junit", "<testsuite"}, {"html", "<html"}};
        for (const auto& [format, marker] : formats) {
            const QString path = dir.filePath(QStringLiteral("report.") + format);
            const QString err = p.exportReport(QString::fromLatin1(format), path);
            QVERIFY2(err.isEmpty(), qPrintable(err));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.readAll().contains(marker), format);
        }
    }

    void cancelRunningScan() {
        SecurityPanel p;
        p.show();
        p.setBaseOptions(fastOptions());
        p.setRequests({get(api_.base() + "/vuln/sqli-blind?id=2", "Blind"), get(api_.base() + "/vuln/cmd-blind?host=example", "Cmd")});
        QSignalSpy done(&p, &SecurityPanel::scanFinished);
        QTest::mouseClick(p.runButton(), Qt::LeftButton);
        QVERIFY(p.cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(p.progressBar()->maximum() > 1, 20000);  // checks are running
        QTest::mouseClick(p.cancelButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        const auto result = done.first().at(0).value<ScanResultPtr>();
        QVERIFY(result->cancelled);
        QVERIFY(p.statusLabel()->text().startsWith("Cancelled"));
        QVERIFY(p.runButton()->isEnabled());
        QVERIFY(!p.cancelButton()->isEnabled());
    }

    void destroyWhileRunning() {
        auto p = std::make_unique<SecurityPanel>();
        p->setBaseOptions(fastOptions());
        p->setRequests({get(api_.base() + "/vuln/sqli-blind?id=2", "Blind")});
        p->run();
        QVERIFY(p->isRunning());
        QTest::qWait(200);
        p.reset();  // cancels and joins; no event reaches a dead panel
        QTest::qWait(100);
    }

    void findingsModelGrouping() {
        FindingsModel m;
        m.setFindings({finding("a", Severity::Low, "GET", "http://h/x"), finding("b", Severity::High, "GET", "http://h/x"),
                       finding("c", Severity::Info, "POST", "http://h/y")});
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.index(1, FindingsModel::SeverityCol).data(Qt::BackgroundRole).value<QColor>(),
                 FindingsModel::severityColor(Severity::High));
        m.setGrouped(true);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.rowCount(m.index(0, 0)), 2);
        QCOMPARE(m.index(0, FindingsModel::SeverityCol).data().toString(), QStringLiteral("high"));  // worst of the group
        m.addFinding(finding("d", Severity::Critical, "POST", "http://h/y"));
        QCOMPARE(m.rowCount(m.index(1, 0)), 2);
        m.addFinding(finding("e", Severity::Medium, "PUT", "http://h/z"));
        QCOMPARE(m.rowCount(), 3);
        FindingsFilter f;
        f.setSourceModel(&m);
        f.setMinimumSeverity(Severity::High);
        QCOMPARE(f.rowCount(), 2);  // GET /x (b) and POST /y (d)
        f.setText(QStringLiteral("d"));
        QCOMPARE(f.rowCount(), 1);
    }
};

QTEST_MAIN(TestUiSecurity)
#include "test_ui_security.moc"
