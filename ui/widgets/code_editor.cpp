#include "ui/widgets/code_editor.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string_view>

#include <Qsci/qscilexerhtml.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qscilexerxml.h>
#include <Qsci/qscilexeryaml.h>

#include <QApplication>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QKeyEvent>
#include <QPalette>
#include <QTimer>

#include "core/model/response.h"  // asciiLower
#include "ui/widgets/search_bar.h"

// Scintilla's ILoader (ILexer.h of the Scintilla 3.x inside QScintilla 2.13, not installed): what
// SCI_CREATELOADER returns, a Scintilla::Document not yet attached to any view. Declared exactly as
// Scintilla declares it, in the global namespace, so that this is the same class (UBSan's vptr check
// compares it by name; a look-alike class of another name is undefined behaviour). External linkage
// on purpose: with internal linkage the compiler knows no class implements it and calls
// __cxa_pure_virtual instead of the vtable.
class ILoader {
public:
    virtual int Release() = 0;
    // Returns a status code from SC_STATUS_*
    virtual int AddData(const char* data, std::ptrdiff_t length) = 0;
    virtual void* ConvertToDocument() = 0;
};

namespace sonde::ui {

namespace {
QFont monoFont() {
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setStyleHint(QFont::Monospace);
    if (f.pointSizeF() < 9) f.setPointSizeF(10);
    return f;
}
bool isDark(const QPalette& p) { return p.color(QPalette::Base).lightness() < 128; }
}  // namespace

namespace {
::ILoader* scintillaLoader(void* p) { return static_cast<::ILoader*>(p); }
constexpr int kKeywordSetMax = 8;  // Scintilla's KEYWORDSET_MAX
constexpr qint64 kLoaderStep = 1024 * 1024;
}  // namespace

DocumentLoader::~DocumentLoader() {
    if (!adopted_) scintillaLoader(loader_)->Release();  // frees the document (no view holds it)
}

bool DocumentLoader::add(const char* data, qint64 size) {
    for (qint64 at = 0; at < size; at += kLoaderStep) {
        if (cancelled_) return false;
        const qint64 n = qMin(kLoaderStep, size - at);
        if (scintillaLoader(loader_)->AddData(data + at, static_cast<std::ptrdiff_t>(n)) != QsciScintillaBase::SC_STATUS_OK)
            return false;
        added_ += n;
    }
    return !cancelled_;
}

int DocumentLoader::progress() const {
    const qint64 expected = expected_;
    if (expected < 0) return -1;
    return expected == 0 ? 100 : static_cast<int>(qMin<qint64>(100, added_ * 100 / expected));
}

CodeEditor::CodeEditor(QWidget* parent) : QsciScintilla(parent) {
    setUtf8(true);
    setFont(monoFont());
    setMarginsFont(monoFont());
    setMarginType(0, NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginWidth(0, QStringLiteral("00000"));
    setFolding(BoxedTreeFoldStyle, 2);
    setBraceMatching(SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(2);
    setCaretLineVisible(false);
    setEolMode(EolUnix);
    setWrapMode(WrapNone);
    // Layout cache for visible lines only keeps huge documents cheap (Scintilla SCI_SETLAYOUTCACHE).
    SendScintilla(SCI_SETLAYOUTCACHE, SC_CACHE_PAGE);
    // A horizontal scroll bar only when a displayed line is wider than the view.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);
    // No annotations (QScintilla shows them by default): with them visible, swapping in a document
    // (adopt) measures an annotation height for every line on the UI thread.
    SendScintilla(SCI_ANNOTATIONSETVISIBLE, static_cast<unsigned long>(ANNOTATION_HIDDEN));
    search_ = new SearchBar(this);
    search_->hide();
    connect(this, &QsciScintilla::textChanged, this, &CodeEditor::textReplaced);
    connect(this, &CodeEditor::loadFinished, this, &CodeEditor::textReplaced);
    applyPalette();
}

// QScintilla's bookkeeping (QsciDocument) expects its own document in the view when it goes away.
CodeEditor::~CodeEditor() {
    if (searchStop_) *searchStop_ = true;  // a background search stops; its result goes nowhere
    searching_ = false;
    restoreOwnDocument();
}

CodeEditor::Language CodeEditor::languageForContentType(const QString& contentType) {
    const QString ct = contentType.section(';', 0, 0).trimmed().toLower();
    if (ct.contains(QLatin1String("json"))) return Language::Json;
    if (ct.contains(QLatin1String("html"))) return Language::Html;
    if (ct.contains(QLatin1String("xml")) || ct.contains(QLatin1String("soap"))) return Language::Xml;
    if (ct.contains(QLatin1String("javascript")) || ct.contains(QLatin1String("ecmascript")))
        return Language::JavaScript;
    if (ct.contains(QLatin1String("yaml")) || ct.contains(QLatin1String("yml"))) return Language::Yaml;
    return Language::Plain;
}

void CodeEditor::setLanguage(Language language) {
    if (language == language_ && (lexer_ != nullptr) == (language != Language::Plain)) return;
    restoreOwnDocument();  // setLexer() colourises the whole document: never on a huge adopted one
    language_ = language;
    QsciLexer* old = lexer_;
    switch (language) {
    case Language::Json: lexer_ = new QsciLexerJSON(this); break;
    case Language::Xml: lexer_ = new QsciLexerXML(this); break;
    case Language::Html: lexer_ = new QsciLexerHTML(this); break;
    case Language::JavaScript: lexer_ = new QsciLexerJavaScript(this); break;
    case Language::Yaml: lexer_ = new QsciLexerYAML(this); break;
    case Language::Plain: lexer_ = nullptr; break;
    }
    if (lexer_) lexer_->setDefaultFont(monoFont()), lexer_->setFont(monoFont());
    setLexer(lexer_);
    delete old;
    applyPalette();
}

void CodeEditor::applyPalette() {
    const QPalette pal = palette();
    const QColor paper = pal.color(QPalette::Base), ink = pal.color(QPalette::Text);
    setPaper(paper);
    setColor(ink);
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    setCaretForegroundColor(ink);
    setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    setMatchedBraceBackgroundColor(isDark(pal) ? QColor(0x3a, 0x5a, 0x3a) : QColor(0xc8, 0xf0, 0xc8));
    if (!lexer_) return;
    lexer_->setDefaultPaper(paper);
    lexer_->setPaper(paper, -1);
    lexer_->setDefaultColor(ink);
    if (isDark(pal)) {
        // The lexers' built-in colours are for light paper; lift them on dark paper.
        for (int style = 0; style < 128; ++style) {
            if (lexer_->description(style).isEmpty()) continue;
            QColor c = lexer_->color(style);
            if (c.lightness() < 110) lexer_->setColor(c.lightness() < 40 ? ink : c.lighter(220), style);
        }
    }
}

void CodeEditor::changeEvent(QEvent* event) {
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyPalette();  // light/dark follows the system
}

void CodeEditor::setWrapEnabled(bool on) { setWrapMode(on ? WrapWord : WrapNone); }

void CodeEditor::setTextChunked(const QString& text, int sliceChars) {
    ++loadGeneration_;
    slice_ = qMax(4096, sliceChars);
    // Brace matching at the caret scans (and styles) up to the matching brace: on a multi-megabyte
    // document whose first character is "[" that is the whole text on every UI update.
    setBraceMatching(text.size() > kBraceMatchLimit ? NoBraceMatch : SloppyBraceMatch);
    if (text.size() <= slice_) {
        pending_.clear();
        loadPos_ = -1;
        setText(text);
        emit loadFinished();
        return;
    }
    const bool ro = isReadOnly();
    setReadOnly(false);
    clear();
    setReadOnly(ro);
    pending_ = text;
    loadPos_ = 0;
    // Reserve the document buffer once: growing it while appending copies the whole text each time.
    SendScintilla(SCI_ALLOCATE, static_cast<unsigned long>(text.size() + text.size() / 8));
    // No undo history while loading: appends would otherwise be recorded (and coalesced) one by one.
    SendScintilla(SCI_SETUNDOCOLLECTION, 0L);
    SendScintilla(SCI_SETMODEVENTMASK, 0L);
    loadNextSlice();
}

void CodeEditor::loadNextSlice() {
    if (loadPos_ < 0) return;
    const quint64 gen = loadGeneration_;
    const bool ro = isReadOnly();
    setReadOnly(false);
    int len = qMin<qsizetype>(slice_, pending_.size() - loadPos_);
    // Never split a surrogate pair between slices.
    if (loadPos_ + len < pending_.size() && pending_.at(loadPos_ + len - 1).isHighSurrogate()) ++len;
    const QByteArray utf8 = QStringView(pending_).mid(loadPos_, len).toUtf8();
    SendScintilla(SCI_APPENDTEXT, static_cast<unsigned long>(utf8.size()), utf8.constData());
    setReadOnly(ro);
    loadPos_ += len;
    if (loadPos_ >= pending_.size()) {
        SendScintilla(SCI_SETUNDOCOLLECTION, 1L);
        SendScintilla(SCI_SETMODEVENTMASK, static_cast<long>(SC_MODEVENTMASKALL));
        SendScintilla(SCI_EMPTYUNDOBUFFER);
        loadPos_ = -1;
        pending_.clear();
        emit loadFinished();
        return;
    }
    QTimer::singleShot(0, this, [this, gen] {
        if (gen == loadGeneration_) loadNextSlice();
    });
}

void CodeEditor::setText(const QString& text) {
    restoreOwnDocument();
    QsciScintilla::setText(text);
    textReplaced();
}

void CodeEditor::clear() {
    restoreOwnDocument();
    QsciScintilla::clear();
    textReplaced();
}

void CodeEditor::textReplaced() {
    searchText_.reset();
    if (!searching_) return;
    stopSearch();
    emit searchFinished(false);
}

std::shared_ptr<DocumentLoader> CodeEditor::createLoader() {
    // The document starts empty and grows as data is added (on the worker): reserving the whole size
    // here would zero-fill it on the UI thread.
    const long loader = SendScintilla(SCI_CREATELOADER, 0UL, static_cast<long>(SC_DOCUMENTOPTION_DEFAULT));
    if (!loader) return nullptr;
    return std::shared_ptr<DocumentLoader>(new DocumentLoader(reinterpret_cast<void*>(loader)));
}

bool CodeEditor::adopt(DocumentLoader& loader) {
    if (loader.adopted_ || loader.cancelled_) return false;
    void* doc = scintillaLoader(loader.loader_)->ConvertToDocument();
    if (!doc) return false;
    ++loadGeneration_;  // stops a sliced load in progress
    loadPos_ = -1;
    pending_.clear();
    const bool ro = isReadOnly();
    // Brace matching from the caret would scan (and style) a huge document on the first UI update.
    if (loader.added() > kBraceMatchLimit) setBraceMatching(NoBraceMatch);
    if (!ownDoc_) {  // keep QScintilla's document alive while another one is shown
        ownDoc_ = SendScintillaPtrResult(SCI_GETDOCPOINTER);
        SendScintilla(SCI_ADDREFDOCUMENT, 0UL, ownDoc_);
    }
    SendScintilla(SCI_SETDOCPOINTER, 0UL, doc);    // a previously adopted document is freed here
    SendScintilla(SCI_RELEASEDOCUMENT, 0UL, doc);  // the view holds the only reference now
    loader.adopted_ = true;
    applyDocumentSettings(ro);
    textReplaced();
    return true;
}

void CodeEditor::restoreOwnDocument() {
    if (!ownDoc_) return;
    const bool ro = isReadOnly();
    void* own = ownDoc_;
    ownDoc_ = nullptr;
    SendScintilla(SCI_SETDOCPOINTER, 0UL, own);  // frees the adopted document
    SendScintilla(SCI_RELEASEDOCUMENT, 0UL, own);
    setReadOnly(ro);
    setMarginWidth(0, QStringLiteral("00000"));
    textReplaced();
}

// Settings Scintilla keeps per document, which a fresh one lacks. The lexer is set on the document
// directly: QsciScintilla::setLexer() would colourise the whole text at once.
void CodeEditor::applyDocumentSettings(bool readOnly) {
    SendScintilla(SCI_SETCODEPAGE, static_cast<unsigned long>(SC_CP_UTF8));
    SendScintilla(SCI_SETEOLMODE, static_cast<unsigned long>(SC_EOL_LF));
    setTabWidth(2);
    setIndentationsUseTabs(false);
    if (lexer_) {
        if (lexer_->lexer()) SendScintilla(SCI_SETLEXERLANGUAGE, 0UL, lexer_->lexer());
        else SendScintilla(SCI_SETLEXER, static_cast<unsigned long>(lexer_->lexerId()));
        SendScintilla(SCI_SETPROPERTY, "fold", "1");
        SendScintilla(SCI_SETPROPERTY, "fold.html", "1");
        for (int k = 0; k <= kKeywordSetMax; ++k) {
            const char* kw = lexer_->keywords(k + 1);
            SendScintilla(SCI_SETKEYWORDS, static_cast<unsigned long>(k), kw ? kw : "");
        }
        lexer_->refreshProperties();
    }
    setReadOnly(readOnly);
    setMarginWidth(0, QString(QString::number(lines()).size() + 1, QLatin1Char('0')));
}

void CodeEditor::showSearch() {
    search_->open();
    placeSearchBar();
}

bool CodeEditor::find(const QString& text, bool forward, bool caseSensitive, bool fromSelectionStart) {
    if (text.isEmpty()) return false;
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    if ((!forward || fromSelectionStart) && hasSelectedText()) {
        int l1, i1, l2, i2;
        getSelection(&l1, &i1, &l2, &i2);
        line = l1, index = i1;
    }
    return findFirst(text, false, caseSensitive, false, true, forward, line, index, true);
}

namespace {
// The first (forward) or last match of `needle` in hay[from, to), or -1. Searches in 8 MB windows
// (overlapping by the needle's length) so that `stop` is looked at often.
qsizetype findBytes(std::string_view hay, std::string_view needle, qsizetype from, qsizetype to, bool forward,
                    bool caseSensitive, const std::function<bool()>& stop) {
    const auto n = static_cast<qsizetype>(needle.size());
    if (n == 0 || to - from < n) return -1;
    auto eq = [caseSensitive](char a, char b) { return caseSensitive ? a == b : asciiLower(a) == asciiLower(b); };
    constexpr qsizetype kWindow = 8 * 1024 * 1024;
    if (forward) {
        for (qsizetype w = from; w + n <= to; w += kWindow) {
            if (stop()) return -1;
            const qsizetype end = std::min(to, w + kWindow + n - 1);
            const auto* first = hay.data() + w;
            const auto* last = hay.data() + end;
            const auto* hit = std::search(first, last, needle.begin(), needle.end(), eq);
            if (hit != last) return hit - hay.data();
        }
        return -1;
    }
    for (qsizetype w = to; w - n >= from; w -= kWindow) {
        if (stop()) return -1;
        const qsizetype start = std::max(from, w - kWindow - n + 1);
        const auto* first = hay.data() + start;
        const auto* last = hay.data() + w;
        const auto* hit = std::find_end(first, last, needle.begin(), needle.end(), eq);
        if (hit != last) return hit - hay.data();
    }
    return -1;
}
}  // namespace

void CodeEditor::stopSearch() {
    ++searchGeneration_;  // a result still on its way is dropped
    if (searchStop_) *searchStop_ = true;
    searchStop_.reset();
    searching_ = false;
}

void CodeEditor::search(const QString& text, bool forward, bool caseSensitive, bool fromSelectionStart) {
    stopSearch();
    const quint64 gen = searchGeneration_;
    const auto length = static_cast<qsizetype>(SendScintilla(SCI_GETLENGTH));
    if (text.isEmpty() || length <= kBackgroundSearchBytes) {
        emit searchFinished(find(text, forward, caseSensitive, fromSelectionStart));
        return;
    }
    if (!searchText_) {  // one copy per change of the text (a memcpy: tens of milliseconds at 50 MB)
        const char* p = reinterpret_cast<const char*>(SendScintilla(SCI_GETCHARACTERPOINTER));
        searchText_ = std::make_shared<const QByteArray>(p, length);
    }
    const auto selStart = static_cast<qsizetype>(SendScintilla(SCI_GETSELECTIONSTART));
    const auto selEnd = static_cast<qsizetype>(SendScintilla(fromSelectionStart ? SCI_GETSELECTIONSTART : SCI_GETSELECTIONEND));
    const QByteArray needle = text.toUtf8();
    searching_ = true;
    auto* watcher = new QFutureWatcher<qsizetype>(this);
    connect(watcher, &QFutureWatcher<qsizetype>::finished, this, [this, watcher, gen, needle] {
        watcher->deleteLater();
        if (gen != searchGeneration_) return;  // a newer search or text won
        searching_ = false;
        const qsizetype at = watcher->result();
        if (at >= 0) {
            SendScintilla(SCI_SETSEL, static_cast<unsigned long>(at), static_cast<long>(at + needle.size()));
            SendScintilla(SCI_SCROLLCARET);
        }
        emit searchFinished(at >= 0);
    });
    const std::shared_ptr<const QByteArray> hayData = searchText_;
    auto stale = std::make_shared<std::atomic<bool>>(false);
    searchStop_ = stale;
    watcher->setFuture(QtConcurrent::run([hayData, needle, forward, caseSensitive, selStart, selEnd, stale] {
        const std::string_view hay(hayData->constData(), static_cast<std::size_t>(hayData->size()));
        const std::string_view nd(needle.constData(), static_cast<std::size_t>(needle.size()));
        const auto total = static_cast<qsizetype>(hay.size());
        auto stop = [&] { return stale->load(); };
        if (forward) {
            const qsizetype at = findBytes(hay, nd, selEnd, total, true, caseSensitive, stop);
            if (at >= 0 || stop()) return at;
            const auto n = static_cast<qsizetype>(nd.size());
            return findBytes(hay, nd, 0, std::min(total, selEnd + n - 1), true, caseSensitive, stop);
        }
        const qsizetype at = findBytes(hay, nd, 0, selStart, false, caseSensitive, stop);
        if (at >= 0 || stop()) return at;
        const auto n = static_cast<qsizetype>(nd.size());
        return findBytes(hay, nd, std::max<qsizetype>(0, selStart - n + 1), total, false, caseSensitive, stop);
    }));
}

void CodeEditor::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Find)) {
        showSearch();
        return;
    }
    if (event->key() == Qt::Key_Escape && search_->isVisible()) {
        search_->hide();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::resizeEvent(QResizeEvent* event) {
    QsciScintilla::resizeEvent(event);
    placeSearchBar();
}

void CodeEditor::placeSearchBar() {
    if (!search_->isVisible()) return;
    const QSize hint = search_->sizeHint();
    const int w = qMin(hint.width() + 80, viewport()->width() - 8);
    search_->setGeometry(viewport()->geometry().right() - w - 4, viewport()->geometry().top() + 4, w, hint.height());
    search_->raise();
}

}  // namespace sonde::ui
