// Benchmark: the GraphQL schema explorer (ui/graphql/schema_explorer_panel) opening GitHub's public
// schema (npm @octokit/graphql-schema, `npm ci --prefix bench/graphql`). The schema is built first (not
// timed here: bench_graphql measures that); then, per run, a fresh panel is shown and, from inside the
// event loop, setSchema() is called and timed up to the first paint of the explorer's list and to the
// end of that frame. A 1 ms heartbeat timer measures the longest event-loop stall from setSchema to
// one second after it. Also timed: a search in the filter box and opening the Repository type.
// Before that, the schema cache: GitHub's introspection JSON (compact) is stored in a temporary SQLite
// store and read back into a schema model the way the GraphQL editor does when it opens (on a pool
// thread there; timed here directly). Prints min and median of N runs. Not a test: it measures, it
// does not assert.
//
//   QT_QPA_PLATFORM=offscreen bench_graphql_explorer [RUNS] [DIR]
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QListView>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/graphql/schema_builder.h"
#include "ui/graphql/graphql_schema_cache.h"
#include "ui/graphql/schema_explorer_panel.h"

using namespace sonde;
using namespace sonde::ui;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double msSince(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e6; }

// Records the first Paint event of a widget, and when the frame that holds it is done (the event
// loop's next turn after it).
class PaintProbe : public QObject {
public:
    explicit PaintProbe(const QElapsedTimer& clock) : clock_(clock) {}
    double paintAt = -1, frameDoneAt = -1;
    bool armed = false;  // set just before setSchema(): earlier paints do not count
    bool eventFilter(QObject* o, QEvent* e) override {
        if (armed && e->type() == QEvent::Paint && paintAt < 0) {
            paintAt = msSince(clock_);
            QTimer::singleShot(0, this, [this] { frameDoneAt = msSince(clock_); });
        }
        return QObject::eventFilter(o, e);
    }

private:
    const QElapsedTimer& clock_;
};

// The longest gap between ticks of a 1 ms timer, minus the interval.
class StallMeter : public QObject {
public:
    explicit StallMeter(const QElapsedTimer& clock) : clock_(clock) {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(1);
        connect(&timer_, &QTimer::timeout, this, [this] {
            const double now = msSince(clock_);
            maxGap_ = std::max(maxGap_, now - last_);
            last_ = now;
        });
    }
    void start() {
        last_ = msSince(clock_);
        maxGap_ = 0;
        timer_.start();
    }
    double stop() {
        timer_.stop();
        return std::max(0.0, maxGap_ - 1.0);
    }

private:
    const QElapsedTimer& clock_;
    QTimer timer_;
    double last_ = 0, maxGap_ = 0;
};

void waitMs(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 5);
}

struct Stats {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    void print(const char* name) {
        std::sort(v.begin(), v.end());
        std::printf("%-46s min %8.2f ms   median %8.2f ms   max %8.2f ms   (%zu runs)\n", name, v.front(), v[v.size() / 2],
                    v.back(), v.size());
    }
};
}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    const std::string dir = argc > 2 ? argv[2] : std::string(SONDE_SOURCE_DIR "/bench/graphql/node_modules/@octokit/graphql-schema");
    const std::string sdl = readFile(dir + "/schema.graphql");
    if (sdl.empty()) {
        std::fprintf(stderr, "schema.graphql not found in %s: run `npm ci --prefix bench/graphql`\n", dir.c_str());
        return 2;
    }
    graphql::SchemaBuild build = graphql::buildSchemaFromSdl(sdl);
    if (!build.schema) {
        std::fprintf(stderr, "the SDL does not parse\n");
        return 2;
    }
    auto schema = std::make_shared<const graphql::Schema>(std::move(*build.schema));
    std::printf("GitHub schema: %zu types, %zu bytes of SDL, platform %s\n", schema->types().size(), sdl.size(),
                qPrintable(QApplication::platformName()));

    {
        const std::string json = readFile(dir + "/schema.json");
        std::string compact = nlohmann::json::parse(json).dump();
        QTemporaryDir tmp;
        GraphqlSchemaCache cache(tmp.filePath("store.db").toStdString());
        const std::string url = "https://api.github.com/graphql";
        if (auto st = cache.save(url, compact, false); !st) {
            std::fprintf(stderr, "cache: %s\n", st.error().message().c_str());
            return 2;
        }
        Stats load;
        std::size_t types = 0;
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            CachedSchemaLoad l = cache.load(url);
            load.add(msSince(t));
            types = l.schema ? l.schema->types().size() : 0;
        }
        std::printf("cache: %zu bytes of introspection JSON -> %zu types\n", compact.size(), types);
        load.print("cached schema: open store + read + build model");
    }

    Stats toPaint, toFrame, stall, filter, filterStall, open;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer clock;
        clock.start();
        SchemaExplorerPanel panel;
        panel.resize(420, 900);
        panel.show();
        waitMs(150);  // the empty panel is on screen and idle
        PaintProbe probe(clock);
        panel.list()->viewport()->installEventFilter(&probe);
        StallMeter meter(clock);
        meter.start();
        double setAt = -1, setDone = -1;
        QTimer::singleShot(20, &panel, [&] {
            probe.armed = true;
            setAt = msSince(clock);
            panel.setSchema(schema);
            setDone = msSince(clock);
        });
        while (probe.frameDoneAt < 0 || msSince(clock) < setAt + 1000 || setAt < 0)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        stall.add(meter.stop());
        toPaint.add(probe.paintAt - setAt);
        toFrame.add(probe.frameDoneAt - setAt);
        if (r == 0) std::printf("run 1: setSchema() itself %.2f ms, %d rows listed\n", setDone - setAt, panel.model()->rowCount());

        // Typing a search ("pullrequest": types and Type.field matches), applied at once.
        meter.start();
        const double f0 = msSince(clock);
        panel.setFilter(QStringLiteral("pullrequest"));
        QApplication::processEvents();
        filter.add(msSince(clock) - f0);
        waitMs(50);
        filterStall.add(meter.stop());
        if (r == 0) std::printf("run 1: filter \"pullrequest\" lists %d rows\n", panel.model()->rowCount());
        panel.setFilter(QString());
        const double o0 = msSince(clock);
        panel.openType(QStringLiteral("Repository"));
        QApplication::processEvents();
        open.add(msSince(clock) - o0);
    }
    toPaint.print("setSchema -> first paint of the list");
    toFrame.print("setSchema -> first frame done");
    stall.print("longest event-loop stall (setSchema + 1 s)");
    filter.print("filter \"pullrequest\" applied + processed");
    filterStall.print("longest stall while filtering");
    open.print("open type Repository + processed");
    return 0;
}
