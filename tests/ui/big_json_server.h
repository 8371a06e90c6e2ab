#pragma once
// A loopback server for the big-response tests: GET /big?mb=N answers N MB of JSON (an array of
// user-like objects), built once per size.
#include <httplib.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>

#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace sonde::ui::testing {

inline std::string bigJson(int mb) {
    std::string s = "[";
    const std::size_t target = static_cast<std::size_t>(mb) * 1024 * 1024;
    for (int i = 0; s.size() < target; ++i) {
        if (i) s += ',';
        s += "{\"id\":" + std::to_string(i) + ",\"name\":\"user " + std::to_string(i) +
             "\",\"email\":\"user" + std::to_string(i) + "@example.org\",\"active\":" + (i % 3 ? "true" : "false") +
             ",\"tags\":[\"a\",\"b\"],\"score\":" + std::to_string(i % 997) + ".5}";
    }
    return s + "]";
}

class BigJsonServer {
public:
    bool start() {
        server_.Get("/big", [this](const httplib::Request& req, httplib::Response& res) {
            const int mb = req.has_param("mb") ? std::stoi(req.get_param_value("mb")) : 1;
            std::lock_guard lock(mutex_);
            auto& body = cache_[mb];
            if (body.empty()) body = bigJson(mb);
            res.set_content(body, "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) return false;
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return true;
    }
    ~BigJsonServer() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    std::string url(int mb) const { return "http://127.0.0.1:" + std::to_string(port_) + "/big?mb=" + std::to_string(mb); }

private:
    httplib::Server server_;
    std::thread thread_;
    std::mutex mutex_;
    std::map<int, std::string> cache_;
    int port_ = 0;
};

// Measures the longest gap between ticks of a 16 ms timer: how long the event loop was stalled.
class StallMeter : public QObject {
public:
    StallMeter() {
        timer_.setInterval(16);
        connect(&timer_, &QTimer::timeout, this, [this] {
            const qint64 now = clock_.elapsed();
            maxGap_ = std::max(maxGap_, now - last_);
            last_ = now;
        });
        clock_.start();
        timer_.start();
    }
    qint64 longestStallMs() const { return std::max<qint64>(0, maxGap_ - 16); }
    void reset() { maxGap_ = 0, last_ = clock_.elapsed(); }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0, maxGap_ = 0;
};

}  // namespace sonde::ui::testing
