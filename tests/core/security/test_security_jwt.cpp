// The JWT toolkit: HMAC-SHA256 against RFC 4231, base64url, the jwt.io reference token, forging.
#include <QtTest>

#include "core/security/jwt.h"

using namespace sonde;

class TestSecurityJwt : public QObject {
    Q_OBJECT

    static QString hex(const std::string& s) { return QString::fromLatin1(QByteArray::fromStdString(s).toHex()); }

private slots:
    void hmacRfc4231_data() {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("mac");
        QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                                << "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
        QTest::newRow("case 2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                                << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    }
    void hmacRfc4231() {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QString, mac);
        auto m = hmacSha("HS256", key.toStdString(), data.toStdString());
        QVERIFY(m.has_value());
        QCOMPARE(hex(*m), mac);
        QVERIFY(!hmacSha("RS256", "k", "d").has_value());
    }

    void base64UrlRoundTrip_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one") << QByteArray("\xfb", 1);
        QTest::newRow("two") << QByteArray("\xfb\xff", 2);
        QTest::newRow("three") << QByteArray("\xfb\xff\xfe", 3);
        QTest::newRow("text") << QByteArray("{\"alg\":\"HS256\"}");
    }
    void base64UrlRoundTrip() {
        QFETCH(QByteArray, bytes);
        const std::string enc = base64Encode(bytes.toStdString(), Base64Alphabet::Url);
        QVERIFY(enc.find_first_of("+/=") == std::string::npos);
        QCOMPARE(QByteArray::fromStdString(*base64Decode(enc)), bytes);
        QCOMPARE(QString::fromStdString(enc), QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    }

    void referenceToken() {
        const std::string token =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        auto j = parseJwt(token);
        QVERIFY(j.has_value());
        QCOMPARE(QString::fromStdString(j->alg()), QString("HS256"));
        QCOMPARE(QString::fromStdString(j->payload["name"].get<std::string>()), QString("John Doe"));
        QVERIFY(verifyHmacJwt(token, "your-256-bit-secret"));
        QVERIFY(!verifyHmacJwt(token, "secret"));
        // The weak-secret list finds it offline.
        bool cracked = false;
        for (const auto& w : weakJwtSecrets()) cracked = cracked || verifyHmacJwt(token, w);
        QVERIFY(cracked);
        // A token forged with a key verifies with that key only.
        const std::string forged = encodeJwt(j->header, {{"sub", "x"}}, "k1");
        QVERIFY(verifyHmacJwt(forged, "k1"));
        QVERIFY(!verifyHmacJwt(forged, "k2"));
        QVERIFY(!looksLikeJwt("not.a.jwt"));
        QVERIFY(!looksLikeJwt("abc"));
    }
};

QTEST_APPLESS_MAIN(TestSecurityJwt)
#include "test_security_jwt.moc"
