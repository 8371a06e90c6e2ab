#pragma once
// VariableHighlighter: attaches to a CodeEditor and marks {{variables}} (resolved ones in one colour,
// unresolved ones underlined in red); hovering one shows its resolved value.
#include <QObject>
#include <QTimer>

#include "ui/widgets/variable_lookup.h"

namespace sonde::ui {

class CodeEditor;

class VariableHighlighter : public QObject {
    Q_OBJECT
public:
    VariableHighlighter(CodeEditor* editor, VariableLookup lookup);
    void setLookup(VariableLookup lookup);
    void rehighlight();
    int unresolvedCount() const { return unresolved_; }

private:
    CodeEditor* editor_;
    VariableLookup lookup_;
    QTimer debounce_;
    int unresolved_ = 0;
};

}  // namespace sonde::ui
