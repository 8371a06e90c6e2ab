#pragma once
// Shared by the engine's test suites (test_engine.cpp: requests, bodies, auth, cookies;
// test_engine_transport.cpp: TLS, proxies, sockets, concurrency, HTTP/2): the real loopback TestServer
// (tests/fixtures/http-server) over plain HTTP, TLS with a self-signed certificate made by openssl, and
// a Unix socket; one Engine; small helpers.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <nlohmann/json.hpp>

#include "core/http/engine.h"
#include "test_server.h"

namespace sonde::test {

class EngineTestFixture {
protected:
    using json = nlohmann::json;

    TestServer server_;
    QTemporaryDir dir_;
    std::string cert_, key_, unixSocket_;
    Engine engine_;

    // Makes the certificate and starts the server (HTTP, HTTPS, Unix socket). Call from initTestCase.
    void startServer() {
        QVERIFY(dir_.isValid());
        cert_ = dir_.filePath("cert.pem").toStdString();
        key_ = dir_.filePath("key.pem").toStdString();
        // A self-signed certificate made by the test (openssl), valid for localhost.
        int rc = QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                               QString::fromStdString(key_), "-out", QString::fromStdString(cert_),
                                               "-days", "2", "-subj", "/CN=localhost", "-addext",
                                               "subjectAltName=DNS:localhost,IP:127.0.0.1"});
        QCOMPARE(rc, 0);
        unixSocket_ = dir_.filePath("raw.sock").toStdString();
        QVERIFY(server_.listenUnix(unixSocket_));
        QVERIFY(server_.start(cert_, key_));
    }

    static int freePort() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        socklen_t len = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        ::close(fd);
        return ntohs(a.sin_port);
    }
    RequestSpec get(const std::string& path) {
        RequestSpec r;
        r.url = server_.url(path);
        return r;
    }
    Exchange mustSend(RequestSpec r) {
        auto res = engine_.send(std::move(r));
        if (!res.ok()) qWarning("unexpected error: %s", res.error().message().c_str());
        return res.ok() ? res.value() : Exchange{};
    }
    static json bodyJson(const Exchange& e) { return json::parse(e.response.body, nullptr, false); }
    static std::string echoedHeader(const json& j, const std::string& name) {
        for (const auto& h : j["headers"])
            if (iequals(h[0].get<std::string>(), name)) return h[1];
        return "<missing>";
    }
};

}  // namespace sonde::test
