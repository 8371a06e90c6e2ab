#include "ui/graphql/graphql_lexer.h"

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QPalette>

#include <string_view>

namespace sonde::ui {

namespace {

// Line state layout: bit 0 = inside a block string; bits 1..15 = brace depth; bits 16..30 = paren depth.
struct LexState {
    bool inBlock = false;
    int braces = 0;
    int parens = 0;
    int pack() const { return (inBlock ? 1 : 0) | (qMin(braces, 0x7fff) << 1) | (qMin(parens, 0x7fff) << 16); }
    static LexState unpack(int v) { return {(v & 1) != 0, (v >> 1) & 0x7fff, (v >> 16) & 0x7fff}; }
};

bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
// ADMIN, MOBILE, HTTP_2: an enum value (a constant) rather than a type name.
bool isConstantName(std::string_view w) {
    bool upper = false;
    for (char c : w) {
        if (c >= 'a' && c <= 'z') return false;
        upper = upper || (c >= 'A' && c <= 'Z');
    }
    return upper;
}

bool isTopLevelKeyword(std::string_view w) {
    static constexpr std::string_view kWords[] = {"query",  "mutation", "subscription", "fragment", "type",
                                                  "interface", "union", "enum",         "input",    "scalar",
                                                  "schema", "extend",   "directive",    "implements", "repeatable"};
    for (auto k : kWords)
        if (k == w) return true;
    return false;
}

QFont monoFont() {
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setStyleHint(QFont::Monospace);
    if (f.pointSizeF() < 9) f.setPointSizeF(10);
    return f;
}

}  // namespace

GraphqlLexer::GraphqlLexer(QObject* parent) : QsciLexerCustom(parent) {
    setDefaultFont(monoFont());
    setFont(monoFont(), -1);
    applyPalette();
}

QString GraphqlLexer::description(int style) const {
    switch (style) {
        case Default: return QStringLiteral("Default");
        case Keyword: return QStringLiteral("Keyword");
        case Field: return QStringLiteral("Field");
        case Argument: return QStringLiteral("Argument");
        case Type: return QStringLiteral("Type");
        case Variable: return QStringLiteral("Variable");
        case String: return QStringLiteral("String");
        case BlockString: return QStringLiteral("Block string");
        case Number: return QStringLiteral("Number");
        case Comment: return QStringLiteral("Comment");
        case Punctuation: return QStringLiteral("Punctuation");
        case Directive: return QStringLiteral("Directive");
        default: return {};
    }
}

QColor GraphqlLexer::colorFor(int style, bool dark) {
    // Light: GraphiQL's palette; dark: GitHub's dark syntax colours. Both keep 4.5:1 on their paper.
    switch (style) {
        case Keyword: return dark ? QColor(0xff7b72) : QColor(0xb11a04);
        case Field: return dark ? QColor(0x79c0ff) : QColor(0x1f61a0);
        case Argument: return dark ? QColor(0xd2a8ff) : QColor(0x8b2bb9);
        case Type: return dark ? QColor(0xf2cc60) : QColor(0xa1530a);
        case Variable: return dark ? QColor(0x7ee787) : QColor(0x397d13);
        case String:
        case BlockString: return dark ? QColor(0xa5d6ff) : QColor(0xc2185b);
        case Number: return dark ? QColor(0x79c0ff) : QColor(0x1c6ec9);
        case Comment: return dark ? QColor(0x8b949e) : QColor(0x6e7781);
        case Punctuation: return dark ? QColor(0xc9d1d9) : QColor(0x555555);
        case Directive: return dark ? QColor(0xffa657) : QColor(0xb35900);
        default: return dark ? QColor(0xe6edf3) : QColor(0x1f2328);
    }
}

void GraphqlLexer::applyPalette() {
    QWidget* w = editor();
    const QPalette pal = w ? w->palette() : QApplication::palette();
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    setDefaultPaper(pal.color(QPalette::Base));
    setPaper(pal.color(QPalette::Base), -1);
    setDefaultColor(colorFor(Default, dark));
    for (int s = 0; s < StyleCount; ++s) setColor(colorFor(s, dark), s);
    QFont italic = monoFont();
    italic.setItalic(true);
    setFont(italic, Comment);
}

void GraphqlLexer::setEditor(QsciScintilla* editor) {
    if (QsciScintilla* old = this->editor()) old->removeEventFilter(this);
    QsciLexerCustom::setEditor(editor);
    if (editor) {
        editor->installEventFilter(this);
        applyPalette();
    }
}

bool GraphqlLexer::eventFilter(QObject* watched, QEvent* event) {
    if (watched == editor() &&
        (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange))
        applyPalette();
    return QsciLexerCustom::eventFilter(watched, event);
}

void GraphqlLexer::styleText(int start, int end) {
    QsciScintilla* ed = editor();
    if (!ed || start >= end) return;
    const int firstLine = static_cast<int>(ed->SendScintilla(QsciScintilla::SCI_LINEFROMPOSITION, start));
    start = static_cast<int>(ed->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, firstLine));
    LexState st = firstLine > 0
        ? LexState::unpack(static_cast<int>(ed->SendScintilla(QsciScintilla::SCI_GETLINESTATE, firstLine - 1)))
        : LexState{};
    const int docLen = ed->length();
    const QByteArray bytes = ed->bytes(start, qMin(docLen, end + 256));  // lookahead for "name:" and "on X"
    const std::string_view text(bytes.constData(), qMin<qsizetype>(bytes.size(), docLen - start));
    const std::size_t stop = static_cast<std::size_t>(end - start);
    startStyling(start);
    int line = firstLine;
    char prevSignificant = 0;  // last punctuation seen ('.' for "...", ':' ...), 0 after a name
    std::string_view prevWord;

    auto style = [&](std::size_t len, int s) { setStyling(static_cast<int>(len), s); };
    auto endLine = [&]() { ed->SendScintilla(QsciScintilla::SCI_SETLINESTATE, line++, st.pack()); };
    auto nextNonSpace = [&](std::size_t i) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == ','))
            ++i;
        return i < text.size() ? text[i] : '\0';
    };

    std::size_t i = 0;
    while (i < stop && i < text.size()) {
        const char c = text[i];
        if (st.inBlock) {
            std::size_t j = i;
            while (j < text.size() && text[j] != '\n') {
                if (text.compare(j, 4, "\\\"\"\"") == 0) { j += 4; continue; }
                if (text.compare(j, 3, "\"\"\"") == 0) { j += 3; st.inBlock = false; break; }
                ++j;
            }
            if (st.inBlock && j < text.size()) ++j;  // the newline belongs to the string
            style(j - i, BlockString);
            if (j > 0 && text[j - 1] == '\n') endLine();
            i = j;
            prevSignificant = 'v';
            continue;
        }
        if (c == '\n') { style(1, Default); endLine(); ++i; continue; }
        if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
            std::size_t j = i + 1;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == ',')) ++j;
            style(j - i, c == ',' ? Punctuation : Default);
            i = j;
            continue;
        }
        if (c == '#') {
            std::size_t j = i;
            while (j < text.size() && text[j] != '\n') ++j;
            style(j - i, Comment);
            i = j;
            continue;
        }
        if (text.compare(i, 3, "\"\"\"") == 0) {
            st.inBlock = true;
            style(3, BlockString);
            i += 3;
            continue;
        }
        if (c == '"') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
            if (j < text.size() && text[j] == '"') ++j;
            j = qMin(j, text.size());
            style(j - i, String);
            i = j;
            prevSignificant = 'v';
            continue;
        }
        if (c == '$' || c == '@') {
            std::size_t j = i + 1;
            while (j < text.size() && isNameChar(text[j])) ++j;
            style(j - i, c == '$' ? Variable : Directive);
            i = j;
            prevSignificant = c == '$' ? 'v' : '@';
            continue;
        }
        if (isDigit(c) || (c == '-' && i + 1 < text.size() && isDigit(text[i + 1]))) {
            std::size_t j = i + 1;
            while (j < text.size() && (isNameChar(text[j]) || text[j] == '.' ||
                                       ((text[j] == '+' || text[j] == '-') && (text[j - 1] == 'e' || text[j - 1] == 'E'))))
                ++j;
            style(j - i, Number);
            i = j;
            prevSignificant = 'v';
            continue;
        }
        if (isNameStart(c)) {
            std::size_t j = i + 1;
            while (j < text.size() && isNameChar(text[j])) ++j;
            const std::string_view word = text.substr(i, j - i);
            const char next = nextNonSpace(j);
            const bool valuePosition = prevSignificant == ':' || prevSignificant == '=' || prevSignificant == '[' ||
                                       prevSignificant == '!' || prevSignificant == '|' || prevSignificant == '&';
            int s = Field;
            if ((word == "true" || word == "false" || word == "null") && (st.parens > 0 || valuePosition)) s = Keyword;
            else if (word == "on" && (prevSignificant == '.' || st.braces == 0) && isNameStart(next)) s = Keyword;
            else if (prevWord == "on") s = Type;
            else if (st.braces == 0 && st.parens == 0 && isTopLevelKeyword(word) && next != ':') s = Keyword;
            else if (next == ':') s = st.parens > 0 ? Argument : Field;
            else if (prevSignificant == '=' || (valuePosition && st.braces > 0 && st.parens > 0))
                s = isConstantName(word) ? Number : Type;  // a default or an argument value: an enum value
            else if (valuePosition) s = Type;              // variable definitions, SDL field types
            else if (st.braces == 0 && st.parens == 0) s = Type;  // operation, fragment and type names
            style(j - i, s);
            prevWord = word;
            prevSignificant = 0;
            i = j;
            continue;
        }
        // Punctuation.
        switch (c) {
            case '{': ++st.braces; break;
            case '}': st.braces = qMax(0, st.braces - 1); break;
            case '(': ++st.parens; break;
            case ')': st.parens = qMax(0, st.parens - 1); break;
            default: break;
        }
        std::size_t len = text.compare(i, 3, "...") == 0 ? 3 : 1;
        if (static_cast<unsigned char>(c) >= 0x80) {  // any other UTF-8 sequence: style it whole
            len = 1;
            while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
            style(len, Default);
            i += len;
            continue;
        }
        style(len, Punctuation);
        prevSignificant = c;
        prevWord = {};
        i += len;
    }
    ed->SendScintilla(QsciScintilla::SCI_SETLINESTATE, line, st.pack());
}

}  // namespace sonde::ui
