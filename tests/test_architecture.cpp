// House rules from DESIGN.md that the compiler cannot see: core/ includes no Qt header (the CLI links
// only the core), and ui/ never includes app/.
#include <QDirIterator>
#include <QRegularExpression>
#include <QtTest>

static const char* const kQtInclude = "^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]|Qsci/)";
static const char* const kAppInclude = "^\\s*#\\s*include\\s*\"(\\.\\./)*app/";

class TestArchitecture : public QObject {
    Q_OBJECT
    static QStringList offenders(const QString& dir, const QRegularExpression& re) {
        QStringList out;
        QDirIterator it(QStringLiteral(SONDE_SOURCE_DIR "/") + dir, {"*.h", "*.cpp"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly)) continue;
            int line = 0;
            for (const QByteArray& l : f.readAll().split('\n')) {
                ++line;
                if (re.match(QString::fromUtf8(l)).hasMatch()) out << QString("%1:%2").arg(f.fileName()).arg(line);
            }
        }
        return out;
    }

private slots:
    void coreHasNoQt() {
        const QStringList bad = offenders("core", QRegularExpression(kQtInclude));
        QVERIFY2(bad.isEmpty(), qPrintable("Qt included in core/: " + bad.join(", ")));
    }
    void uiDoesNotIncludeApp() {
        const QStringList bad = offenders("ui", QRegularExpression(kAppInclude));
        QVERIFY2(bad.isEmpty(), qPrintable("app/ included in ui/: " + bad.join(", ")));
    }
    void theRuleCanFail() {  // the pattern does catch a Qt include
        QVERIFY(QRegularExpression(kQtInclude).match("#include <QString>").hasMatch());
    }
};

QTEST_APPLESS_MAIN(TestArchitecture)
#include "test_architecture.moc"
