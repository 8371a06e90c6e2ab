#pragma once
// CodeEditor: the one QScintilla editor used everywhere (request bodies, response bodies, scripts).
// Monospace font, line numbers, folding, brace matching, a lexer picked from the content type,
// read-only mode, a Ctrl+F search bar and a wrap toggle. Extra behaviour (variable highlighting...)
// attaches as small classes (see variable_highlighter.h).
#include <Qsci/qsciscintilla.h>

#include <QString>

class QsciLexer;

namespace sonde::ui {

class SearchBar;

class CodeEditor : public QsciScintilla {
    Q_OBJECT
public:
    enum class Language { Plain, Json, Xml, Html, JavaScript, Yaml };
    static constexpr qsizetype kBraceMatchLimit = 1024 * 1024;  // larger texts: no brace matching

    explicit CodeEditor(QWidget* parent = nullptr);
    ~CodeEditor() override;

    // Picks the language from a MIME type ("application/json; charset=utf-8", "text/xml", ...).
    static Language languageForContentType(const QString& contentType);
    void setLanguage(Language language);
    Language language() const { return language_; }
    void setContentType(const QString& contentType) { setLanguage(languageForContentType(contentType)); }

    void setWrapEnabled(bool on);
    bool wrapEnabled() const { return wrapMode() != WrapNone; }

    // Appends text in slices from the event loop so a multi-megabyte text never stalls the UI.
    // Emits loadFinished() when done. Any later setText/setTextChunked cancels a load in progress.
    void setTextChunked(const QString& text, int sliceChars = 512 * 1024);
    bool isLoading() const { return loadPos_ >= 0; }

    SearchBar* searchBar() const { return search_; }
    void showSearch();
    // Finds the next match from the cursor (wrapping); returns false when nothing matches.
    bool find(const QString& text, bool forward = true, bool caseSensitive = false);

signals:
    void loadFinished();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void loadNextSlice();
    void placeSearchBar();

    Language language_ = Language::Plain;
    QsciLexer* lexer_ = nullptr;
    SearchBar* search_ = nullptr;
    QString pending_;
    int loadPos_ = -1;
    int slice_ = 0;
    quint64 loadGeneration_ = 0;
};

}  // namespace sonde::ui
