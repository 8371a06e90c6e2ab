#pragma once
// CodeEditor: the one QScintilla editor used everywhere (request bodies, response bodies, scripts).
// Monospace font, line numbers, folding, brace matching, a lexer picked from the content type,
// read-only mode, a Ctrl+F search bar and a wrap toggle. Extra behaviour (variable highlighting...)
// attaches as small classes (see variable_highlighter.h).
#include <Qsci/qsciscintilla.h>

#include <QString>

#include <atomic>
#include <memory>

class QsciLexer;

namespace sonde::ui {

class SearchBar;

// A big text loaded into a fresh Scintilla document off the UI thread (Scintilla's ILoader, from
// SCI_CREATELOADER): the UI thread neither allocates nor copies the text. Made by
// CodeEditor::createLoader() on the UI thread, filled with add() on a worker, shown with
// CodeEditor::adopt(). Destroying a loader that was never adopted frees its document.
class DocumentLoader {
public:
    ~DocumentLoader();
    DocumentLoader(const DocumentLoader&) = delete;
    DocumentLoader& operator=(const DocumentLoader&) = delete;

    // Worker thread. Appends UTF-8 bytes (in steps, so a cancel stops it within a step); false when
    // cancelled or Scintilla ran out of memory.
    bool add(const char* data, qint64 size);
    void setExpected(qint64 bytes) { expected_ = bytes; }  // for progress()
    void cancel() { cancelled_ = true; }                    // any thread
    bool isCancelled() const { return cancelled_; }
    int progress() const;  // 0..100 of the expected bytes added so far; -1 before setExpected
    qint64 added() const { return added_; }

private:
    friend class CodeEditor;
    explicit DocumentLoader(void* loader) : loader_(loader) {}
    void* loader_;  // Scintilla ILoader*
    bool adopted_ = false;
    std::atomic<bool> cancelled_{false};
    std::atomic<qint64> added_{0}, expected_{-1};
};

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
    // UI thread. A loader for a new document (see DocumentLoader); adopt() shows its text at once:
    // no allocation or copy on the UI thread, styling stays lazy (visible lines only).
    std::shared_ptr<DocumentLoader> createLoader();
    bool adopt(DocumentLoader& loader);
    bool showsAdoptedDocument() const { return ownDoc_ != nullptr; }

    void setText(const QString& text) override;
    void clear() override;

    SearchBar* searchBar() const { return search_; }
    void showSearch();
    // Finds the next match from the cursor (wrapping); returns false when nothing matches. With
    // fromSelectionStart a forward search may match where the selection starts (typing into the search
    // box extends the match in place). On the calling thread: search() is the one the search bar uses.
    bool find(const QString& text, bool forward = true, bool caseSensitive = false, bool fromSelectionStart = false);
    // Like find(), and emits searchFinished(found). A document over kBackgroundSearchBytes is searched
    // on a worker (a 50 MB one took 1-2 s per search on the UI thread): its text is copied once per
    // change and the match is selected when the worker answers; a newer search or text cancels it.
    // There, "match case" off folds ASCII letters only.
    static constexpr qsizetype kBackgroundSearchBytes = 4 * 1024 * 1024;
    void search(const QString& text, bool forward = true, bool caseSensitive = false, bool fromSelectionStart = false);
    bool isSearching() const { return searching_; }

signals:
    void loadFinished();
    void searchFinished(bool found);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void loadNextSlice();
    void placeSearchBar();
    void restoreOwnDocument();  // back to QScintilla's own document after adopt()
    void applyDocumentSettings(bool readOnly);
    void textReplaced();  // drops the search snapshot and cancels a background search
    void stopSearch();

    std::shared_ptr<const QByteArray> searchText_;  // the document's bytes for background searches
    std::shared_ptr<std::atomic<bool>> searchStop_;  // set to stop the worker of the running search
    quint64 searchGeneration_ = 0;
    bool searching_ = false;

    Language language_ = Language::Plain;
    QsciLexer* lexer_ = nullptr;
    SearchBar* search_ = nullptr;
    QString pending_;
    int loadPos_ = -1;
    int slice_ = 0;
    quint64 loadGeneration_ = 0;
    void* ownDoc_ = nullptr;  // QScintilla's document while an adopted one is shown (one reference held)
};

}  // namespace sonde::ui
