#pragma once
// BodyEditor: the request's Body tab. Modes none / JSON / XML / text / GraphQL (CodeEditor with
// highlighting, folding and Beautify), form-urlencoded (key/value rows), multipart (text and file parts,
// file picker) and binary file (a path).
#include <QWidget>

#include "core/model/request.h"
#include "ui/widgets/variable_lookup.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableWidget;
class QToolButton;

namespace sonde::ui {

class CodeEditor;
class GraphqlBodyWidget;
class KeyValueTable;
class VariableHighlighter;

class BodyEditor : public QWidget {
    Q_OBJECT
public:
    explicit BodyEditor(QWidget* parent = nullptr);
    void setBody(const Body& body);  // does not emit edited()
    Body body() const;
    void setLookup(const VariableLookup& lookup);
    CodeEditor* textEditor() const { return text_; }
    GraphqlBodyWidget* graphqlEditor() const { return graphql_; }  // the GraphQL mode (ui/graphql)
    QComboBox* modeCombo() const { return mode_; }
    void beautify();

signals:
    void edited();

private:
    void showMode(BodyKind kind);
    void addPart(const MultipartPart& part);
    std::vector<MultipartPart> parts() const;

    Body original_;  // keeps fields this editor does not show (GraphQL variables, content type)
    QComboBox* mode_;
    QToolButton* beautify_;
    QLabel* status_;
    QStackedWidget* stack_;
    CodeEditor* text_;
    VariableHighlighter* highlighter_;
    KeyValueTable* form_;
    QTableWidget* multipart_;
    QLineEdit* filePath_;
    GraphqlBodyWidget* graphql_;
    bool loading_ = false;
};

}  // namespace sonde::ui
