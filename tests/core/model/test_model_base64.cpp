// core/model/base64: both alphabets against Qt's encoder, strict and lenient decoding.
#include <QtTest>

#include "core/model/base64.h"

using namespace sonde;

class TestModelBase64 : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one") << QByteArray("\xfb", 1);
        QTest::newRow("two") << QByteArray("\xfb\xff", 2);
        QTest::newRow("three") << QByteArray("\xfb\xff\xfe", 3);
        QTest::newRow("nul") << QByteArray("a\0b\0", 4);
        QByteArray all;
        for (int i = 0; i < 256; ++i) all.append(static_cast<char>(i));
        QTest::newRow("all bytes") << all;
    }
    void roundTrip() {
        QFETCH(QByteArray, bytes);
        const std::string raw = bytes.toStdString();
        const std::string standard = base64Encode(raw);
        const std::string url = base64Encode(raw, Base64Alphabet::Url);
        QCOMPARE(QByteArray::fromStdString(standard), bytes.toBase64());
        QCOMPARE(QByteArray::fromStdString(url),
                 bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QCOMPARE(QByteArray::fromStdString(*base64Decode(standard)), bytes);
        QCOMPARE(QByteArray::fromStdString(*base64Decode(url)), bytes);
        QCOMPARE(QByteArray::fromStdString(base64DecodeLenient(standard)), bytes);
    }

    void strictRejectsForeignCharacters() {
        QVERIFY(!base64Decode("aGVs bG8=").has_value());
        QVERIFY(!base64Decode("aGVs*bG8").has_value());
        QCOMPARE(*base64Decode("aGVsbG8="), std::string("hello"));
        QCOMPARE(*base64Decode("aGVsbG8=trailing ignored after padding"), std::string("hello"));
    }

    void lenientSkipsWhitespaceAndPadding() {
        QCOMPARE(base64DecodeLenient("aGVs\nbG8=\r\n"), std::string("hello"));
        QCOMPARE(base64DecodeLenient(" aG Vs bG 8 "), std::string("hello"));
    }
};

QTEST_APPLESS_MAIN(TestModelBase64)
#include "test_model_base64.moc"
