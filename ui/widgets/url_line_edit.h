#pragma once
// UrlLineEdit: the request's URL line. {{variables}} are highlighted (unresolved ones in red with a
// wavy underline), hovering one shows its resolved value, and typing "{{" offers variable names.
// Pasting a curl command (text starting with "curl ") emits curlPasted() with the clipboard's text
// as it is (line continuations kept) instead of inserting it.
#include <QLineEdit>

#include "ui/widgets/variable_lookup.h"

class QCompleter;
class QStringListModel;

namespace sonde::ui {

class UrlLineEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit UrlLineEdit(QWidget* parent = nullptr);
    void setLookup(VariableLookup lookup);
    void refreshHighlight();
    int unresolvedCount() const { return unresolved_; }
    QString toolTipAt(int cursorPos) const;  // what hovering at that character shows ("" = none)
    QCompleter* completer() const { return completer_; }

signals:
    void curlPasted(const QString& command);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void maybeComplete();
    void insertCompletion(const QString& name);
    int openBraceBeforeCursor() const;

    VariableLookup lookup_;
    QCompleter* completer_;
    QStringListModel* names_;
    int unresolved_ = 0;
};

}  // namespace sonde::ui
