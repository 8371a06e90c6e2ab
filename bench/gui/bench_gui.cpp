// sonde-bench-gui: cold start to the first painted window, idle RSS, then a big JSON response
// (default 50 MB) from a loopback server: RSS after it and the longest event-loop stall while it
// arrives, is pretty-printed, shown in full and parsed into the tree. Prints one line per figure.
// Usage: sonde-bench-gui [MB] [--store]   (QT_QPA_PLATFORM=offscreen or under Xvfb)
// --store: the workspace is a real SQLite store (the send is recorded in its history, redacted) instead
// of memory.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>

#include <unistd.h>

#include <cstdio>
#include <ctime>

#include "../../tests/ui/big_json_server.h"
#include "ui/main_window.h"
#include "ui/panels/body_view.h"
#include "ui/widgets/code_editor.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/request_tab.h"
#include "ui/panels/request_tabs.h"
#include "ui/panels/response_panel.h"
#include "ui/store_backend.h"
#include "ui/widgets/url_line_edit.h"
#include "ui/workspace.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
double rssMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const auto parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toDouble() * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : 0;
}
// Milliseconds since the process started (includes dynamic loading before main).
double msSinceProcessStart() {
    QFile f(QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QByteArray stat = f.readAll();
    const auto fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();  // field 22 (starttime), 0-based after ')'
    timespec boot{};
    clock_gettime(CLOCK_BOOTTIME, &boot);
    const double nowMs = static_cast<double>(boot.tv_sec) * 1000.0 + static_cast<double>(boot.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

class FirstPaint : public QObject {
public:
    double at = -1;
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::Paint && at < 0) at = msSinceProcessStart();
        return false;
    }
};
}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const int mb = argc > 1 && argv[1][0] != '-' ? std::atoi(argv[1]) : 50;
    const bool useStore = QCoreApplication::arguments().contains(QStringLiteral("--store"));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    std::unique_ptr<WorkspaceBackend> backend = std::make_unique<MemoryBackend>();
    if (useStore) {
        auto store = StoreBackend::open(dir.filePath(QStringLiteral("sonde.db")).toStdString());
        if (!store) return 1;
        backend = std::move(store.value());
    }
    Workspace workspace(std::move(backend));
    MainWindow window(&workspace, &settings, dir.filePath(QStringLiteral("drafts")));
    FirstPaint paint;
    app.installEventFilter(&paint);  // any widget of the window painting counts
    window.show();
    while (paint.at < 0) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::printf("cold start to first paint: %.0f ms\n", paint.at);
    app.removeEventFilter(&paint);
    QElapsedTimer idle;
    idle.start();
    while (idle.elapsed() < 1000) QApplication::processEvents(QEventLoop::AllEvents, 50);
    std::printf("idle RSS: %.1f MB\n", rssMb());

    testing::BigJsonServer server;
    if (!server.start()) return 1;
    testing::bigJson(1);  // warm the allocator, not the cache
    RequestTab* tab = window.tabs()->newTab();
    // cpp-httplib would brotli-compress 50 MB on the fly (seconds of server time): ask for identity.
    RequestSpec big;
    big.url = server.url(mb);
    big.options.acceptEncoding = false;
    tab->load({}, big);
    BodyView* body = tab->responsePanel()->bodyView();
    // Prime the server's cache so the figure is about the client, not JSON generation.
    {
        QElapsedTimer prime;
        prime.start();
        Engine e;
        RequestSpec r;
        r.url = server.url(mb);
        r.options.acceptEncoding = false;
        const auto res = e.send(r);
        std::printf("engine alone (blocking send, server cache cold): %lld ms, %s\n", prime.elapsed(),
                    res.ok() ? "ok" : res.error().title.c_str());
        prime.restart();
        const auto again = e.send(r);
        std::printf("engine alone (warm): %lld ms, total %.0f ms, first byte %.0f ms\n", prime.elapsed(),
                    again.ok() ? again->response.timings.total : -1.0, again.ok() ? again->response.timings.firstByte : -1.0);
    }
    testing::StallMeter meter;
    QElapsedTimer clock;
    clock.start();
    bool done = false;
    QObject::connect(body, &BodyView::rendered, &app, [&] { done = true; });
    tab->send();
    while (!done) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::printf("%s%d MB JSON: response + preview on screen after %lld ms, longest stall %lld ms, RSS %.1f MB\n",
                useStore ? "(SQLite store) " : "", mb, clock.elapsed(), meter.longestStallMs(), rssMb());
    meter.reset();
    done = false;
    clock.restart();
    body->showAll();
    while (!done) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::printf("show all (pretty, highlighted editor): %lld ms, longest stall %lld ms, RSS %.1f MB\n", clock.elapsed(),
                meter.longestStallMs(), rssMb());
    // Find (Ctrl+F): the search bar's search() on a document this big runs on a worker. A search that
    // matches nothing scans the whole document, as every keystroke of an unmatched word does; the first
    // one also copies the text. Figures: the call's own time (the UI thread's share) and the answer.
    CodeEditor* editor = body->editor();
    for (const bool matchCase : {false, true}) {
        bool answered = false;
        const auto c = QObject::connect(editor, &CodeEditor::searchFinished, &app, [&] { answered = true; });
        meter.reset();
        clock.restart();
        editor->search(QStringLiteral("no such text in the body"), true, matchCase);
        const qint64 call = clock.elapsed();
        while (!answered) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        std::printf("find, no match in the whole document%s: call %lld ms, answer after %lld ms, longest stall %lld ms\n",
                    matchCase ? " (match case)" : "", call, clock.elapsed(), meter.longestStallMs());
        QObject::disconnect(c);
    }
    clock.restart();
    const bool syncFound = editor->find(QStringLiteral("no such text in the body"), true, false);
    std::printf("the same on the UI thread (Scintilla's own search, as before): %lld ms (found %d)\n", clock.elapsed(),
                int(syncFound));
    meter.reset();
    clock.restart();
    bool tree = false;
    QObject::connect(tab->responsePanel(), &ResponsePanel::jsonTreeReady, &app, [&] { tree = true; });
    tab->responsePanel()->tabs()->setCurrentIndex(1);
    tab->responsePanel()->parseJsonTree();  // beyond the auto limit the tree is built on request
    while (!tree) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::printf("JSON tree built: %lld ms, longest stall %lld ms, RSS %.1f MB\n", clock.elapsed(), meter.longestStallMs(),
                rssMb());
    return 0;
}
