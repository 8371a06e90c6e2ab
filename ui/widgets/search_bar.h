#pragma once
// SearchBar: the small find box shown over a CodeEditor by Ctrl+F (Enter: next, Shift+Enter:
// previous, Escape: close). It only asks the editor to find; it owns no text.
#include <QFrame>

class QLineEdit;
class QLabel;
class QToolButton;

namespace sonde::ui {

class CodeEditor;

class SearchBar : public QFrame {
    Q_OBJECT
public:
    explicit SearchBar(CodeEditor* editor);
    void open();
    QLineEdit* lineEdit() const { return edit_; }
    bool lastFound() const { return lastFound_; }

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void findNext(bool forward, bool inPlace = false);  // inPlace: typing, the match may stay where it is

    CodeEditor* editor_;
    QLineEdit* edit_;
    QLabel* status_;
    QToolButton* caseButton_;
    bool lastFound_ = false;
};

}  // namespace sonde::ui
