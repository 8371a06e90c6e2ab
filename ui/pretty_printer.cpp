#include "ui/pretty_printer.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace sonde::ui {

namespace {
bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
}  // namespace

QByteArray reindentJson(const QByteArray& in, int indent) {
    QByteArray out;
    out.reserve(in.size() + in.size() / 2);
    int depth = 0;
    bool inString = false;
    const char* p = in.constData();
    const qsizetype n = in.size();
    auto newline = [&] {
        out.append('\n');
        out.append(QByteArray(depth * indent, ' '));
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < n) out.append(p[++i]);
            else if (c == '"') inString = false;
            continue;
        }
        if (isSpace(c)) continue;
        switch (c) {
        case '"': inString = true; out.append(c); break;
        case '{': case '[': {
            if (c == '{' && i + 1 < n && p[i + 1] == '{') {  // a {{variable}} placeholder passes whole
                const qsizetype close = in.indexOf("}}", i + 2);
                const qsizetype end = close < 0 ? n : close + 2;
                out.append(p + i, end - i);
                i = end - 1;
                break;
            }
            qsizetype j = i + 1;
            while (j < n && isSpace(p[j])) ++j;
            if (j < n && (p[j] == '}' || p[j] == ']')) {  // empty object/array stays on one line
                out.append(c).append(p[j]);
                i = j;
                break;
            }
            out.append(c);
            ++depth;
            newline();
            break;
        }
        case '}': case ']':
            depth = depth > 0 ? depth - 1 : 0;
            newline();
            out.append(c);
            break;
        case ',': out.append(c); newline(); break;
        case ':': out.append(": "); break;
        default: out.append(c);
        }
    }
    return out;
}

QByteArray reindentXml(const QByteArray& xml) {
    QXmlStreamReader reader(xml);
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.setAutoFormattingIndent(2);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isWhitespace()) continue;
        if (reader.isStartDocument() && reader.documentVersion().isEmpty()) continue;  // no declaration added
        writer.writeCurrentToken(reader);
    }
    if (reader.hasError()) return xml;
    if (out.startsWith('\n')) out.remove(0, 1);
    return out;
}

QByteArray prettyPrint(const QByteArray& body, const QString& contentType) {
    const QString ct = contentType.toLower();
    if (ct.contains(QLatin1String("json"))) return reindentJson(body);
    if (ct.contains(QLatin1String("xml"))) return reindentXml(body);
    if (ct.isEmpty()) {
        const QByteArray head = body.left(64).trimmed();
        if (head.startsWith('{') || head.startsWith('[')) return reindentJson(body);
        if (head.startsWith('<')) return reindentXml(body);
    }
    return body;
}

bool looksLikeText(const QByteArray& body) { return !body.left(8192).contains('\0'); }

}  // namespace sonde::ui
