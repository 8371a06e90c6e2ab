// Data files for iterations: CSV and JSON rows become variables; errors name the file and line.
#include <QtTest>

#include <fstream>

#include "core/runner/data_file.h"

using namespace sonde;

class TestRunnerDataFile : public QObject {
    Q_OBJECT
private slots:
    void csv_data();
    void csv();
    void csvErrors_data();
    void csvErrors();
    void json_data();
    void json();
    void jsonErrors_data();
    void jsonErrors();
    void loadPicksParser();
};

// Rows rendered as "a=1;b=2|a=3;b=4" to compare in one string.
static QString render(const std::vector<DataRow>& rows) {
    QStringList out;
    for (const auto& row : rows) {
        QStringList cells;
        for (const auto& v : row) cells << QString::fromStdString(v.name + "=" + v.value);
        out << cells.join(';');
    }
    return out.join('|');
}

void TestRunnerDataFile::csv_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("simple") << "user,id\nada,1\nalan,2\n" << "user=ada;id=1|user=alan;id=2";
    QTest::newRow("crlf, no final newline") << "a,b\r\n1,2\r\n3,4" << "a=1;b=2|a=3;b=4";
    QTest::newRow("quoted comma and quote") << "name,note\n\"Lovelace, Ada\",\"said \"\"hi\"\"\"\n"
                                           << "name=Lovelace, Ada;note=said \"hi\"";
    QTest::newRow("newline inside quotes") << "a,b\n\"x\ny\",2\n" << "a=x\ny;b=2";
    QTest::newRow("empty fields") << "a,b,c\n,,\n" << "a=;b=;c=";
    QTest::newRow("blank lines skipped") << "a\n1\n\n2\n" << "a=1|a=2";
    QTest::newRow("byte order mark") << "\xEF\xBB\xBF" "a\n1\n" << "a=1";
    QTest::newRow("header only") << "a,b\n" << "";
}

void TestRunnerDataFile::csv() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    auto rows = parseCsvData(text.toStdString(), "d.csv");
    QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().message().c_str());
    QCOMPARE(render(*rows), expected);
}

void TestRunnerDataFile::csvErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("ragged row") << "a,b\n1,2\n3\n" << "d.csv:3";
    QTest::newRow("unclosed quote") << "a,b\n1,2\n\"x,2\n4,5\n" << "d.csv:3";
    QTest::newRow("text after quote") << "a\n\"x\"y\n" << "d.csv:2";
    QTest::newRow("empty file") << "" << "d.csv:1";
    QTest::newRow("unnamed column") << "a,,c\n1,2,3\n" << "d.csv:1";
    QTest::newRow("ragged after multi-line field") << "a,b\n\"x\ny\",1\n2\n" << "d.csv:4";
}

void TestRunnerDataFile::csvErrors() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    auto rows = parseCsvData(text.toStdString(), "d.csv");
    QVERIFY(!rows.ok());
    QCOMPARE(QString::fromStdString(rows.error().where), where);
    QCOMPARE(QString::fromStdString(rows.error().code), QString("parse"));
}

void TestRunnerDataFile::json_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("strings") << R"([{"user":"ada"},{"user":"alan"}])" << "user=ada|user=alan";
    QTest::newRow("scalars") << R"([{"n":3,"ok":true,"x":null,"f":1.5}])" << "f=1.5;n=3;ok=true;x=";
    QTest::newRow("nested as JSON") << R"([{"o":{"a":[1,2]}}])" << R"(o={"a":[1,2]})";
    QTest::newRow("empty array") << "[]" << "";
}

void TestRunnerDataFile::json() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    auto rows = parseJsonData(text.toStdString(), "d.json");
    QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().message().c_str());
    QCOMPARE(render(*rows), expected);
}

void TestRunnerDataFile::jsonErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("syntax error line 3") << "[\n {\"a\":1},\n {\"a\":,}\n]" << "d.json:3";
    QTest::newRow("not an array") << "{\"a\":1}" << "d.json:1";
    QTest::newRow("element not an object") << "[\n {\"a\":1},\n\n 42\n]" << "d.json:4";
    QTest::newRow("string element with comma") << "[{\"a\":\"x,y\"},\n\"s\"]" << "d.json:2";
}

void TestRunnerDataFile::jsonErrors() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    auto rows = parseJsonData(text.toStdString(), "d.json");
    QVERIFY(!rows.ok());
    QCOMPARE(QString::fromStdString(rows.error().where), where);
}

void TestRunnerDataFile::loadPicksParser() {
    QTemporaryDir dir;
    const std::string csv = dir.filePath("rows.csv").toStdString();
    const std::string json = dir.filePath("rows.json").toStdString();
    const std::string other = dir.filePath("rows.data").toStdString();
    std::ofstream(csv) << "a\n1\n";
    std::ofstream(json) << "[{\"a\":\"2\"}]";
    std::ofstream(other) << "  [{\"a\":\"3\"}]";
    QCOMPARE(render(*loadDataFile(csv)), QString("a=1"));
    QCOMPARE(render(*loadDataFile(json)), QString("a=2"));
    QCOMPARE(render(*loadDataFile(other)), QString("a=3"));
    auto missing = loadDataFile(dir.filePath("nope.csv").toStdString());
    QVERIFY(!missing.ok());
    QCOMPARE(QString::fromStdString(missing.error().code), QString("io"));
}

QTEST_APPLESS_MAIN(TestRunnerDataFile)
#include "test_runner_data_file.moc"
