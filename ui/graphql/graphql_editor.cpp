#include "ui/graphql/graphql_editor.h"

#include <QAction>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QTimer>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>

#include "core/graphql/document_printer.h"
#include "core/graphql/parser.h"
#include "core/graphql/schema.h"
#include "core/graphql/validator.h"
#include "ui/graphql/graphql_lexer.h"

namespace sonde::ui {

namespace {
constexpr int kCompletionListId = 7;
constexpr int kDebounceMs = 250;

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Runs on a pool thread: owns its copies.
GraphqlAnalysis analyse(QByteArray text, SchemaPtr schema, quint64 generation) {
    GraphqlAnalysis out;
    out.generation = generation;
    const std::string_view src(text.constData(), static_cast<std::size_t>(text.size()));
    graphql::ParseResult parsed = graphql::parse(src, graphql::ParseMode::Executable);
    for (const auto& op : parsed.document.operations) out.operationNames << QString::fromStdString(op.name);
    if (!parsed.ok()) {
        out.diagnostics.push_back(*parsed.error);
    } else if (schema) {
        out.diagnostics = graphql::validate(*schema, parsed.document);
    }
    return out;
}
}  // namespace

GraphqlEditor::GraphqlEditor(QWidget* parent)
    : CodeEditor(parent), lexer_(new GraphqlLexer(this)), debounce_(new QTimer(this)),
      prettifyAction_(new QAction(tr("Prettify"), this)) {
    qRegisterMetaType<sonde::ui::GraphqlAnalysis>();
    setLexer(lexer_);
    lexer_->applyPalette();
    // Squiggles for diagnostics (Scintilla indicators, SCI_INDICSETSTYLE).
    SendScintilla(SCI_INDICSETSTYLE, kErrorIndicator, INDIC_SQUIGGLE);
    SendScintilla(SCI_INDICSETFORE, kErrorIndicator, QColor(0xe0, 0x30, 0x30));
    SendScintilla(SCI_INDICSETUNDER, kErrorIndicator, 1);
    SendScintilla(SCI_SETMOUSEDWELLTIME, 400);
    SendScintilla(SCI_AUTOCSETIGNORECASE, 1);
    SendScintilla(SCI_AUTOCSETORDER, SC_ORDER_CUSTOM);
    SendScintilla(SCI_AUTOCSETMAXHEIGHT, 12);

    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &GraphqlEditor::revalidate);
    connect(this, &QsciScintilla::textChanged, this, &GraphqlEditor::scheduleValidation);
    connect(&watcher_, &QFutureWatcher<GraphqlAnalysis>::finished, this, [this] {
        applyAnalysis(watcher_.result());
        if (pending_) {
            pending_ = false;
            revalidate();
        }
    });
    connect(this, &QsciScintilla::userListActivated, this, [this](int id, const QString& label) {
        if (id != kCompletionListId) return;
        // The popup shows rows with details; insert the name of the chosen one.
        const qsizetype i = rows_.indexOf(label);
        acceptCompletion(i >= 0 && std::size_t(i) < completions_.size() ? QString::fromStdString(completions_[std::size_t(i)].label)
                                                                          : label.section(QRegularExpression(QStringLiteral("[^_0-9A-Za-z@$]")), 0, 0));
    });
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this,
            [this](int position, int x, int y) { showTooltipAt(position, x, y); });
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [](int, int, int) { QToolTip::hideText(); });

    prettifyAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    prettifyAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    prettifyAction_->setToolTip(tr("Rewrite the query in canonical form (Ctrl+Shift+P)"));
    addAction(prettifyAction_);
    connect(prettifyAction_, &QAction::triggered, this, [this] { prettify(); });
}

GraphqlEditor::~GraphqlEditor() { watcher_.waitForFinished(); }

void GraphqlEditor::setSchema(SchemaPtr schema) {
    schema_ = std::move(schema);
    revalidate();
}

QByteArray GraphqlEditor::utf8Text() const {
    QByteArray b = bytes(0, length());
    if (!b.isEmpty() && b.back() == '\0') b.chop(1);  // QsciScintilla::bytes() adds the terminator
    return b;
}

int GraphqlEditor::cursorByte() const { return static_cast<int>(SendScintilla(SCI_GETCURRENTPOS)); }

void GraphqlEditor::setCursorByte(int position) { SendScintilla(SCI_GOTOPOS, position); }

void GraphqlEditor::scheduleValidation() {
    dirty_ = true;
    debounce_->start();
}

void GraphqlEditor::revalidate() {
    debounce_->stop();
    if (watcher_.isRunning()) {
        pending_ = true;
        return;
    }
    dirty_ = false;
    watcher_.setFuture(QtConcurrent::run(analyse, utf8Text(), schema_, ++generation_));
}

void GraphqlEditor::applyAnalysis(const GraphqlAnalysis& analysis) {
    if (analysis.generation != generation_ || dirty_) return;  // the text changed since; a newer pass follows
    analysis_ = analysis;
    SendScintilla(SCI_SETINDICATORCURRENT, kErrorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, length());
    for (const auto& d : analysis_.diagnostics) {
        const auto [from, to] = diagnosticRange(d);
        if (to > from) SendScintilla(SCI_INDICATORFILLRANGE, from, to - from);
    }
    emit analysed(analysis_);
}

std::pair<int, int> GraphqlEditor::diagnosticRange(const graphql::Diagnostic& d) const {
    const int len = length();
    if (len == 0) return {0, 0};
    const QByteArray text = utf8Text();
    const int line = qMax(0, d.line - 1);
    int from = static_cast<int>(SendScintilla(SCI_POSITIONFROMLINE, line));
    if (from < 0) from = len;
    from = qMin(len, from + qMax(0, d.column - 1));
    int to = from;
    if (to < len && text[to] == '$') ++to;
    if (to < len && text[to] == '.' ) while (to < len && text[to] == '.') ++to;
    while (to < len && isNameChar(text[to])) ++to;
    if (to == from) {
        if (from >= len) from = qMax(0, len - 1);  // at the end: mark the last character
        to = from + 1;
    }
    return {from, to};
}

const graphql::Diagnostic* GraphqlEditor::diagnosticAt(int bytePosition) const {
    for (const auto& d : analysis_.diagnostics) {
        const auto [from, to] = diagnosticRange(d);
        if (bytePosition >= from && bytePosition < to) return &d;
    }
    return nullptr;
}

bool GraphqlEditor::hasIndicatorAt(int bytePosition) const {
    const long bits = SendScintilla(SCI_INDICATORALLONFOR, bytePosition);
    return (bits & (1L << kErrorIndicator)) != 0;
}

void GraphqlEditor::showTooltipAt(int position, int x, int y) {
    if (position < 0) return;
    if (const graphql::Diagnostic* d = diagnosticAt(position))
        QToolTip::showText(mapToGlobal(QPoint(x, y)), QString::fromStdString(d->message), this);
}

bool GraphqlEditor::isCompletionActive() const { return SendScintilla(SCI_AUTOCACTIVE) != 0; }

std::vector<graphql::CompletionItem> GraphqlEditor::showCompletions() {
    completions_.clear();
    if (!schema_) return {};
    const QByteArray text = utf8Text();
    const std::string_view src(text.constData(), static_cast<std::size_t>(text.size()));
    lastResult_ = graphql::complete(*schema_, src, static_cast<std::size_t>(cursorByte()));
    completions_ = lastResult_.items;
    if (completions_.empty()) {
        cancelList();
        return {};
    }
    rows_.clear();
    rows_.reserve(static_cast<int>(completions_.size()));
    for (const auto& item : completions_) rows_ << completionRow(item, schema_.get(), lastResult_.scopeType);
    showUserList(kCompletionListId, rows_);
    return completions_;
}

QString GraphqlEditor::completionRow(const graphql::CompletionItem& item, const graphql::Schema* schema,
                                     const std::string& scopeType) {
    using K = graphql::CompletionItem::Kind;
    QString row = QString::fromStdString(item.label);
    const QString detail = QString::fromStdString(item.detail);
    switch (item.kind) {
        case K::Field: {
            // The field's arguments from the schema (the item carries only its type); long lists are cut.
            const graphql::FieldDef* f = schema ? schema->fieldOn(scopeType, item.label) : nullptr;
            if (f && !f->arguments.empty()) {
                QStringList args;
                for (const auto& a : f->arguments)
                    args << QString::fromStdString(a.name + ": " + a.type.toString() + (a.hasDefault ? " = " + a.defaultValue : ""));
                QString joined = args.join(QStringLiteral(", "));
                if (joined.size() > 60) joined = joined.left(59) + QChar(0x2026);
                row += '(' + joined + ')';
            }
            if (!detail.isEmpty()) row += QStringLiteral(": ") + detail;
            break;
        }
        case K::Argument:
        case K::InputField:
        case K::Variable:
            if (!detail.isEmpty()) row += QStringLiteral(": ") + detail;
            break;
        case K::EnumValue: row += QStringLiteral("  (enum %1)").arg(detail); break;
        case K::Fragment: row += ' ' + detail; break;  // "on User"
        case K::Directive: row += QStringLiteral("  (directive)"); break;
        case K::Type:
        case K::Keyword:
            if (!detail.isEmpty()) row += QStringLiteral("  (%1)").arg(detail.toLower());
            break;
    }
    if (item.deprecated) row += QStringLiteral("  (deprecated)");
    row.replace('?', QChar(0xFF1F));  // '?' would start a Scintilla image marker
    return row;
}

void GraphqlEditor::acceptCompletion(const QString& label) {
    const QByteArray text = utf8Text();
    const int from = static_cast<int>(qMin<std::size_t>(lastResult_.replaceFrom, static_cast<std::size_t>(text.size())));
    int to = qMax(from, cursorByte());
    while (to < text.size() && isNameChar(text[to])) ++to;
    const QByteArray utf8 = label.toUtf8();
    SendScintilla(SCI_BEGINUNDOACTION);
    SendScintilla(SCI_SETTARGETRANGE, from, to);
    SendScintilla(SCI_REPLACETARGET, static_cast<unsigned long>(utf8.size()), utf8.constData());
    SendScintilla(SCI_GOTOPOS, from + static_cast<int>(utf8.size()));
    SendScintilla(SCI_ENDUNDOACTION);
}

bool GraphqlEditor::prettify() {
    const QByteArray text = utf8Text();
    graphql::ParseResult parsed =
        graphql::parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), graphql::ParseMode::Executable);
    if (!parsed.ok()) {
        emit prettifyFailed(tr("Cannot prettify: line %1, column %2: %3")
                                .arg(parsed.error->line)
                                .arg(parsed.error->column)
                                .arg(QString::fromStdString(parsed.error->message)));
        return false;
    }
    const std::string printed = graphql::printDocument(parsed.document) + "\n";
    if (printed.size() == static_cast<std::size_t>(text.size()) && text == QByteArray::fromStdString(printed)) return true;
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    SendScintilla(SCI_BEGINUNDOACTION);
    SendScintilla(SCI_SETTARGETRANGE, 0, length());
    SendScintilla(SCI_REPLACETARGET, static_cast<unsigned long>(printed.size()), printed.data());
    SendScintilla(SCI_ENDUNDOACTION);
    setCursorPosition(qMin(line, lines() - 1), 0);
    return true;
}

void GraphqlEditor::insertField(const QString& name) {
    if (name.isEmpty()) return;
    const QByteArray text = utf8Text();
    const int pos = cursorByte();
    int lineStart = pos;
    while (lineStart > 0 && text[lineStart - 1] != '\n') --lineStart;
    const bool blankBefore = QByteArray(text.constData() + lineStart, pos - lineStart).trimmed().isEmpty();
    QByteArray insert = name.toUtf8();
    if (!blankBefore) {
        int line = 0, index = 0;
        getCursorPosition(&line, &index);
        insert = "\n" + QByteArray(indentation(line), ' ') + insert;
    }
    SendScintilla(SCI_BEGINUNDOACTION);
    SendScintilla(SCI_INSERTTEXT, pos, insert.constData());
    SendScintilla(SCI_GOTOPOS, pos + static_cast<int>(insert.size()));
    SendScintilla(SCI_ENDUNDOACTION);
    setFocus();
}

void GraphqlEditor::keyPressEvent(QKeyEvent* event) {
    if ((event->modifiers() & Qt::ControlModifier) && event->key() == Qt::Key_Space) {
        showCompletions();
        return;
    }
    const bool listWasActive = isListActive();
    CodeEditor::keyPressEvent(event);
    if (!autoComplete_ || !schema_ || listWasActive || isListActive()) return;
    const QString typed = event->text();
    if (typed.size() != 1 || (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) return;
    const QChar c = typed.front();
    if (!(c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$') || c == QLatin1Char('@'))) return;
    const int pos = cursorByte();
    const int style = pos > 0 ? static_cast<int>(SendScintilla(SCI_GETSTYLEAT, pos - 1)) : 0;
    if (style == GraphqlLexer::String || style == GraphqlLexer::BlockString || style == GraphqlLexer::Comment) return;
    showCompletions();
}

}  // namespace sonde::ui
