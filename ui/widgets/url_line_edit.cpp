#include "ui/widgets/url_line_edit.h"

#include <QAbstractItemView>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QCompleter>
#include <QCoreApplication>
#include <QHelpEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QToolTip>

namespace sonde::ui {

UrlLineEdit::UrlLineEdit(QWidget* parent) : QLineEdit(parent) {
    setPlaceholderText(tr("Enter a URL, e.g. {{baseUrl}}/users"));
    names_ = new QStringListModel(this);
    completer_ = new QCompleter(names_, this);
    completer_->setWidget(this);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, &UrlLineEdit::insertCompletion);
    connect(this, &QLineEdit::textChanged, this, &UrlLineEdit::refreshHighlight);
    connect(this, &QLineEdit::textEdited, this, &UrlLineEdit::maybeComplete);
}

void UrlLineEdit::setLookup(VariableLookup lookup) {
    lookup_ = std::move(lookup);
    refreshHighlight();
}

void UrlLineEdit::refreshHighlight() {
    // QLineEdit has no per-range formats; an input-method event carrying TextFormat attributes is the
    // supported way to decorate ranges of its text (start offsets are relative to the cursor).
    QList<QInputMethodEvent::Attribute> attrs;
    unresolved_ = 0;
    const QString t = text();
    for (const auto& s : findVariableSpans(t)) {
        QTextCharFormat f;
        if (lookup_(s.name)) {
            f.setForeground(QColor(0x1e, 0x88, 0xe5));
            f.setFontWeight(QFont::DemiBold);
        } else {
            ++unresolved_;
            f.setForeground(QColor(0xd3, 0x2f, 0x2f));
            f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            f.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
        }
        attrs.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat, s.start - cursorPosition(), s.length, f));
    }
    QInputMethodEvent ev(QString(), attrs);
    QCoreApplication::sendEvent(this, &ev);
}

QString UrlLineEdit::toolTipAt(int pos) const {
    for (const auto& s : findVariableSpans(text()))
        if (pos >= s.start && pos < s.start + s.length) return describeVariable(lookup_, s.name);
    return {};
}

bool UrlLineEdit::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        const QString tip = toolTipAt(cursorPositionAt(he->pos()));
        if (tip.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(he->globalPos(), tip, this);
        return true;
    }
    return QLineEdit::event(e);
}

int UrlLineEdit::openBraceBeforeCursor() const {
    const QString before = text().left(cursorPosition());
    const int open = before.lastIndexOf(QLatin1String("{{"));
    if (open < 0 || before.indexOf(QLatin1String("}}"), open) >= 0) return -1;
    return open;
}

void UrlLineEdit::maybeComplete() {
    const int open = openBraceBeforeCursor();
    if (open < 0) {
        completer_->popup()->hide();
        return;
    }
    names_->setStringList(lookup_.allNames());
    completer_->setCompletionPrefix(text().mid(open + 2, cursorPosition() - open - 2).trimmed());
    if (completer_->completionCount() == 0) {
        completer_->popup()->hide();
        return;
    }
    QRect r = cursorRect();
    r.setWidth(qMax(200, completer_->popup()->sizeHintForColumn(0) + 30));
    completer_->complete(r);
}

void UrlLineEdit::insertCompletion(const QString& name) {
    const int open = openBraceBeforeCursor();
    if (open < 0) return;
    QString t = text();
    int end = cursorPosition();
    const bool closed = t.mid(end, 2) == QLatin1String("}}");
    t.replace(open, end - open, QStringLiteral("{{") + name + (closed ? QString() : QStringLiteral("}}")));
    const int cursor = open + 2 + static_cast<int>(name.size()) + 2;
    setText(t);
    setCursorPosition(cursor);
    emit textEdited(t);
}

namespace {
QString curlInClipboard() {
    const QString text = QGuiApplication::clipboard()->text();
    return text.trimmed().startsWith(QLatin1String("curl ")) ? text : QString();
}
}  // namespace

void UrlLineEdit::contextMenuEvent(QContextMenuEvent* e) {
    QMenu* menu = createStandardContextMenu();
    // The standard Paste would squash the command's line breaks; route a curl command to curlPasted.
    for (QAction* a : menu->actions())
        if (a->objectName() == QLatin1String("edit-paste") && !curlInClipboard().isEmpty()) {
            a->disconnect();
            connect(a, &QAction::triggered, this, [this] { emit curlPasted(curlInClipboard()); });
        }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(e->globalPos());
}

void UrlLineEdit::keyPressEvent(QKeyEvent* e) {
    if (e->matches(QKeySequence::Paste)) {
        const QString command = curlInClipboard();
        if (!command.isEmpty()) {
            emit curlPasted(command);
            return;
        }
    }
    if (completer_->popup()->isVisible()) {
        switch (e->key()) {
        case Qt::Key_Enter: case Qt::Key_Return: case Qt::Key_Escape: case Qt::Key_Tab: case Qt::Key_Backtab:
            e->ignore();  // the completer's popup takes these
            return;
        default: break;
        }
    }
    QLineEdit::keyPressEvent(e);
}

}  // namespace sonde::ui
