// Tests core/graphql/document_printer: output identical to graphql-js 16 print() on the corpus (the
// expected texts in printer/*.printed.graphql were produced by the fixture's graphql package with
// printer/print.mjs), comments dropped, long argument
// lists wrapped at 80 columns, block strings kept, and print(parse(print(parse(x)))) == print(parse(x)).
#include <QtTest>

#include <fstream>
#include <sstream>

#include "core/graphql/document_printer.h"
#include "core/graphql/parser.h"

using namespace sonde::graphql;

namespace {
std::string readCorpus(const std::string& name) {
    std::ifstream in(std::string(SONDE_SOURCE_DIR) + "/tests/core/graphql/corpus/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string readPrinter(const std::string& name) {
    std::ifstream in(std::string(SONDE_SOURCE_DIR) + "/tests/core/graphql/printer/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

class TestGraphqlPrinter : public QObject {
    Q_OBJECT
private slots:
    void matchesGraphqlJs_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("kitchen-sink") << QString::fromStdString(readCorpus("kitchen-sink.graphql"))
                                      << QString::fromStdString(readPrinter("kitchen-sink.printed.graphql"));
        QTest::newRow("spec-examples") << QString::fromStdString(readCorpus("spec-examples.graphql"))
                                       << QString::fromStdString(readPrinter("spec-examples.printed.graphql"));
        QTest::newRow("comments-wrap-blockstrings") << QString::fromStdString(readPrinter("mixed.graphql"))
                                                    << QString::fromStdString(readPrinter("mixed.printed.graphql"));
        QTest::newRow("shorthand") << "query{a}" << "{\n  a\n}";
        QTest::newRow("named-query-kept") << "query Named{a}" << "query Named {\n  a\n}";
        QTest::newRow("directive-on-anonymous") << "query @dir {a}" << "query @dir {\n  a\n}";
        QTest::newRow("inline-without-type") << "{... @include(if: true) {x}}"
                                             << "{\n  ... @include(if: true) {\n    x\n  }\n}";
        QTest::newRow("empty-object-and-list") << "{f(a: {}, b: [])}" << "{\n  f(a: {}, b: [])\n}";
    }
    void matchesGraphqlJs() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const std::string src = source.toStdString();
        ParseResult r = parse(src, ParseMode::Executable);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error->message.c_str());
        QCOMPARE(QString::fromStdString(printDocument(r.document)), expected);
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("kitchen-sink") << "kitchen-sink.graphql";
        QTest::newRow("spec-examples") << "spec-examples.graphql";
    }
    void roundTrip() {
        QFETCH(QString, file);
        ParseResult first = parse(readCorpus(file.toStdString()), ParseMode::Executable);
        QVERIFY(first.ok());
        const std::string printed = printDocument(first.document);
        ParseResult second = parse(printed, ParseMode::Executable);
        QVERIFY2(second.ok(), second.ok() ? "" : second.error->message.c_str());
        QCOMPARE(QString::fromStdString(printDocument(second.document)), QString::fromStdString(printed));
        QCOMPARE(second.document.operations.size(), first.document.operations.size());
        QCOMPARE(second.document.fragments.size(), first.document.fragments.size());
    }

    void commentsDropped() {
        ParseResult r = parse("# top\n{\n  a # after a\n  # alone\n  b\n}\n# end\n", ParseMode::Executable);
        QVERIFY(r.ok());
        const std::string out = printDocument(r.document);
        QCOMPARE(QString::fromStdString(out), QStringLiteral("{\n  a\n  b\n}"));
        QVERIFY(out.find('#') == std::string::npos);
    }

    void strings_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("block");
        QTest::addColumn<QString>("expected");
        QTest::newRow("quote-and-backslash") << "a\"b\\c" << false << "\"a\\\"b\\\\c\"";
        QTest::newRow("control") << QString(QChar(0x01)) << false << "\"\\u0001\"";
        QTest::newRow("c1-control") << QString(QChar(0x85)) << false << "\"\\u0085\"";
        QTest::newRow("block-single") << "ok" << true << "\"\"\"ok\"\"\"";
        QTest::newRow("block-triple-quote") << "a\"\"\"b" << true << "\"\"\"a\\\"\"\"b\"\"\"";
        QTest::newRow("block-trailing-quote") << "say \"hi\"" << true << "\"\"\"\nsay \"hi\"\n\"\"\"";
        QTest::newRow("block-leading-space") << "  x" << true << "\"\"\"  x\"\"\"";
    }
    void strings() {
        QFETCH(QString, value);
        QFETCH(bool, block);
        QFETCH(QString, expected);
        const std::string v = value.toStdString();
        QCOMPARE(QString::fromStdString(block ? printBlockString(v) : printGraphqlString(v)), expected);
    }
};

QTEST_APPLESS_MAIN(TestGraphqlPrinter)
#include "test_graphql_printer.moc"
