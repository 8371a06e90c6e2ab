#pragma once
// GraphqlLexer: a QsciLexerCustom for GraphQL documents (queries and SDL): keywords, field and
// argument names, type names, $variables, strings, block strings (across lines), numbers, comments,
// punctuation and @directives. Colours follow the editor's palette (a light and a dark set) and are
// re-applied when the palette changes. Styling restarts at the start of a line; a line's state
// (inside a block string, brace and parenthesis depth) is kept in Scintilla's line state.
#include <Qsci/qscilexercustom.h>

namespace sonde::ui {

class GraphqlLexer : public QsciLexerCustom {
    Q_OBJECT
public:
    enum Style {
        Default = 0,
        Keyword,
        Field,
        Argument,
        Type,
        Variable,
        String,
        BlockString,
        Number,
        Comment,
        Punctuation,
        Directive,
        StyleCount
    };

    explicit GraphqlLexer(QObject* parent = nullptr);

    const char* language() const override { return "GraphQL"; }
    QString description(int style) const override;
    void styleText(int start, int end) override;
    void setEditor(QsciScintilla* editor) override;

    // Colours for a light or a dark paper (the palette's Base lightness decides).
    static QColor colorFor(int style, bool dark);
    void applyPalette();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace sonde::ui
