#include "ui/widgets/variable_highlighter.h"

#include <QToolTip>

#include "ui/widgets/code_editor.h"

namespace sonde::ui {

namespace {
constexpr int kResolved = 8;     // Scintilla indicators 8..31 are free for containers
constexpr int kUnresolved = 9;
constexpr int kMaxScan = 1024 * 1024;  // larger texts are not scanned on each edit
}  // namespace

VariableHighlighter::VariableHighlighter(CodeEditor* editor, VariableLookup lookup)
    : QObject(editor), editor_(editor), lookup_(std::move(lookup)) {
    editor_->indicatorDefine(QsciScintilla::StraightBoxIndicator, kResolved);
    editor_->setIndicatorForegroundColor(QColor(0x30, 0x90, 0xe0, 90), kResolved);
    editor_->indicatorDefine(QsciScintilla::SquiggleIndicator, kUnresolved);
    editor_->setIndicatorForegroundColor(QColor(0xe0, 0x30, 0x30), kUnresolved);
    editor_->SendScintilla(QsciScintilla::SCI_SETMOUSEDWELLTIME, 400);
    debounce_.setSingleShot(true);
    debounce_.setInterval(150);
    connect(&debounce_, &QTimer::timeout, this, &VariableHighlighter::rehighlight);
    connect(editor_, &QsciScintilla::textChanged, this, [this] { debounce_.start(); });
    connect(editor_, &QsciScintilla::SCN_DWELLSTART, this, [this](int pos, int x, int y) {
        if (pos < 0) return;
        const long line = editor_->SendScintilla(QsciScintilla::SCI_LINEFROMPOSITION, pos);
        const QString text = editor_->text(static_cast<int>(line));
        const long lineStart = editor_->SendScintilla(QsciScintilla::SCI_POSITIONFROMLINE, line);
        const int col = static_cast<int>(pos - lineStart);  // byte column; exact for ASCII lines
        for (const auto& s : findVariableSpans(text))
            if (col >= s.start && col < s.start + s.length)
                QToolTip::showText(editor_->viewport()->mapToGlobal(QPoint(x, y)), describeVariable(lookup_, s.name), editor_);
    });
    connect(editor_, &QsciScintilla::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
}

void VariableHighlighter::setLookup(VariableLookup lookup) {
    lookup_ = std::move(lookup);
    rehighlight();
}

void VariableHighlighter::rehighlight() {
    const int len = editor_->length();
    editor_->clearIndicatorRange(0, 0, editor_->lines(), 0, kResolved);
    editor_->clearIndicatorRange(0, 0, editor_->lines(), 0, kUnresolved);
    unresolved_ = 0;
    if (len > kMaxScan) return;
    const QByteArray utf8 = editor_->text().toUtf8();
    const QString text = QString::fromUtf8(utf8);
    for (const auto& s : findVariableSpans(text)) {
        const int bytePos = static_cast<int>(QStringView(text).left(s.start).toUtf8().size());
        const int byteLen = static_cast<int>(QStringView(text).mid(s.start, s.length).toUtf8().size());
        const bool ok = lookup_(s.name).has_value();
        unresolved_ += ok ? 0 : 1;
        editor_->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, ok ? kResolved : kUnresolved);
        editor_->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, bytePos, byteLen);
    }
}

}  // namespace sonde::ui
