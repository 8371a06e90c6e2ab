// sonde-demo-api [--port N] [--host 127.0.0.1]: a small local API for the sample collection.
// Prints "LISTENING <port>" on stdout first, then serves until SIGTERM or SIGINT (exit 0).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include <pthread.h>

#include "app/demo-api/demo_api.h"

namespace {

void usage(FILE* out) {
    std::fprintf(out,
                 "Usage: sonde-demo-api [--port N] [--host ADDR]\n"
                 "  --port N     port to listen on (default 8088; 0 picks a free port)\n"
                 "  --host ADDR  loopback address to bind (default 127.0.0.1; loopback only)\n"
                 "Prints 'LISTENING <port>' on stdout once ready. Login: %s / %s\n",
                 sonde::DemoApi::kUsername, sonde::DemoApi::kPassword);
}

bool isLoopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    int port = 8088;
    std::string host = "127.0.0.1";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--port" || a == "-p") && i + 1 < argc) {
            char* end = nullptr;
            const long p = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || p < 0 || p > 65535) {
                std::fprintf(stderr, "sonde-demo-api: --port takes a number from 0 to 65535\n");
                return 2;
            }
            port = static_cast<int>(p);
        } else if (a == "--host" && i + 1 < argc) {
            host = argv[++i];
        } else if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        } else {
            std::fprintf(stderr, "sonde-demo-api: unknown argument '%s'\n", a.c_str());
            usage(stderr);
            return 2;
        }
    }
    if (!isLoopback(host)) {
        std::fprintf(stderr, "sonde-demo-api: refusing to bind %s: the demo API listens on loopback only\n",
                     host.c_str());
        return 2;
    }

    // Block SIGINT/SIGTERM in every thread (the server's workers inherit the mask); one thread waits
    // for them with sigwait and stops the server, so no work happens inside a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    httplib::Server server;
    server.set_keep_alive_max_count(100000);  // many requests per connection (runner, benchmarks)
    server.set_keep_alive_timeout(2);  // idle connections close soon, so SIGTERM stops within ~2 s
    server.set_tcp_nodelay(true);  // headers and body go in separate writes: no 40 ms Nagle/delayed-ACK stall
    sonde::DemoApi api;
    api.install(server);

    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        std::fprintf(stderr, "sonde-demo-api: cannot listen on %s:%d (in use? try --port 0)\n", host.c_str(), port);
        return 3;
    }
    std::printf("LISTENING %d\n", bound);
    std::fflush(stdout);
    std::fprintf(stderr, "sonde-demo-api on http://%s:%d (login %s / %s); Ctrl+C stops it\n", host.c_str(), bound,
                 sonde::DemoApi::kUsername, sonde::DemoApi::kPassword);

    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        api.shutdown();
        server.stop();
    });
    const bool ok = server.listen_after_bind();
    // listen_after_bind returned: either a signal stopped it, or it failed; make the waiter return.
    if (waiter.joinable()) {
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
    }
    return ok ? 0 : 3;
}
