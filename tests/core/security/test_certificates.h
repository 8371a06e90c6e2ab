#pragma once
// Test certificates made with the openssl command line: a CA ("Sonde Test CA") and a leaf for IP
// 127.0.0.1 signed by it, both valid 400 days, so a TLS server on loopback has no problem to report.
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace sonde::testing {

inline int openssl(const QStringList& args) { return QProcess::execute("openssl", args); }

// Writes ca.pem/ca.key and <leaf>.pem/<leaf>.key into dir; false when openssl failed.
inline bool makeCaAndLeaf(const QTemporaryDir& dir, const QString& leaf) {
    auto path = [&](const QString& f) { return dir.filePath(f); };
    if (openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days",
                 "400", "-subj", "/CN=Sonde Test CA"}) != 0)
        return false;
    if (openssl({"req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", path(leaf + ".key"), "-out", path(leaf + ".csr"),
                 "-subj", "/CN=127.0.0.1"}) != 0)
        return false;
    QFile ext(path("san.ext"));
    if (!ext.open(QIODevice::WriteOnly)) return false;
    ext.write("subjectAltName=IP:127.0.0.1\n");
    ext.close();
    return openssl({"x509", "-req", "-in", path(leaf + ".csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                    "-CAcreateserial", "-out", path(leaf + ".pem"), "-days", "400", "-extfile", path("san.ext")}) == 0;
}

}  // namespace sonde::testing
