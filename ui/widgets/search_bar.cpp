#include "ui/widgets/search_bar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

#include "ui/widgets/code_editor.h"

namespace sonde::ui {

SearchBar::SearchBar(CodeEditor* editor) : QFrame(editor), editor_(editor) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(4, 2, 4, 2);
    lay->setSpacing(2);
    edit_ = new QLineEdit(this);
    edit_->setPlaceholderText(tr("Find"));
    edit_->setClearButtonEnabled(true);
    status_ = new QLabel(this);
    caseButton_ = new QToolButton(this);
    caseButton_->setText(QStringLiteral("Aa"));
    caseButton_->setCheckable(true);
    caseButton_->setToolTip(tr("Match case"));
    auto* prev = new QToolButton(this);
    prev->setArrowType(Qt::UpArrow);
    prev->setToolTip(tr("Previous (Shift+Enter)"));
    auto* next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next (Enter)"));
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    lay->addWidget(edit_, 1);
    lay->addWidget(status_);
    lay->addWidget(caseButton_);
    lay->addWidget(prev);
    lay->addWidget(next);
    lay->addWidget(close);
    connect(prev, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(close, &QToolButton::clicked, this, [this] { hide(); editor_->setFocus(); });
    connect(edit_, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(edit_, &QLineEdit::textEdited, this, [this] { findNext(true, true); });
    connect(editor_, &CodeEditor::searchFinished, this, [this](bool found) {
        lastFound_ = found;
        status_->setText(edit_->text().isEmpty() || found ? QString() : tr("No match"));
    });
}

void SearchBar::open() {
    if (editor_->hasSelectedText() && !editor_->selectedText().contains('\n'))
        edit_->setText(editor_->selectedText());
    show();
    raise();
    edit_->setFocus();
    edit_->selectAll();
}

void SearchBar::findNext(bool forward, bool inPlace) {
    editor_->search(edit_->text(), forward, caseButton_->isChecked(), inPlace);  // answers with searchFinished
    if (editor_->isSearching()) status_->setText(tr("Searching…"));
}

void SearchBar::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        hide();
        editor_->setFocus();
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        // Enter was answered by the line edit (returnPressed: next match); it passes the key on, and the
        // editor underneath would replace the found text with a new line.
        if (event->modifiers() & Qt::ShiftModifier) findNext(false);
        event->accept();
        return;
    }
    QFrame::keyPressEvent(event);
}

}  // namespace sonde::ui
