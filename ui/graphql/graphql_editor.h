#pragma once
// GraphqlEditor: the GraphQL query editor. A CodeEditor with the GraphqlLexer, schema-aware completion
// (core/graphql/completion.h; Ctrl+Space, or automatically while typing a name, `$` or `@`), validation
// against the schema (core/graphql/validator.h) debounced and run on a pool thread, each diagnostic
// underlined with a squiggle and shown as a tooltip when the mouse rests on it, and Prettify
// (core/graphql/document_printer.h, Ctrl+Shift+P, one undo step). Without a schema only syntax is checked.
#include <QFutureWatcher>
#include <QStringList>

#include <memory>
#include <vector>

#include "core/graphql/ast.h"
#include "core/graphql/completion.h"
#include "ui/widgets/code_editor.h"

class QAction;
class QTimer;

namespace sonde::graphql {
class Schema;
}

namespace sonde::ui {

class GraphqlLexer;

using SchemaPtr = std::shared_ptr<const graphql::Schema>;

// What one background pass over the document found.
struct GraphqlAnalysis {
    std::vector<graphql::Diagnostic> diagnostics;
    QStringList operationNames;  // in source order; "" for an anonymous operation
    quint64 generation = 0;
};

class GraphqlEditor : public CodeEditor {
    Q_OBJECT
public:
    static constexpr int kErrorIndicator = 8;

    explicit GraphqlEditor(QWidget* parent = nullptr);
    ~GraphqlEditor() override;

    void setSchema(SchemaPtr schema);
    SchemaPtr schema() const { return schema_; }

    // Completion at the cursor: shows the popup when there is something to offer; returns the items.
    std::vector<graphql::CompletionItem> showCompletions();
    const std::vector<graphql::CompletionItem>& lastCompletions() const { return completions_; }
    // The popup's rows, one per item: the name with its kind or type ("login: String!",
    // "friends(first: Int = 10): [User!]!", "ADMIN  (enum Role)"); accepting a row inserts the name.
    const QStringList& lastCompletionRows() const { return rows_; }
    static QString completionRow(const graphql::CompletionItem& item, const graphql::Schema* schema,
                                 const std::string& scopeType);
    bool isCompletionActive() const;
    void setAutoCompletion(bool on) { autoComplete_ = on; }

    // The last validation result (sorted by position) and the one under a byte position, if any.
    const std::vector<graphql::Diagnostic>& diagnostics() const { return analysis_.diagnostics; }
    const graphql::Diagnostic* diagnosticAt(int bytePosition) const;
    // Byte range [from, to) underlined for a diagnostic.
    std::pair<int, int> diagnosticRange(const graphql::Diagnostic& d) const;
    bool hasIndicatorAt(int bytePosition) const;
    QStringList operationNames() const { return analysis_.operationNames; }

    // Re-validates now (still off the UI thread); analysed() follows.
    void revalidate();
    // Rewrites the document in canonical form. False (and nothing changes) when it does not parse.
    bool prettify();
    QAction* prettifyAction() const { return prettifyAction_; }

    // Text and cursor as UTF-8 bytes (what core/graphql works on).
    QByteArray utf8Text() const;
    int cursorByte() const;
    void setCursorByte(int position);
    // Inserts a field name at the cursor (from the schema explorer), on its own line when needed.
    void insertField(const QString& name);

signals:
    void analysed(const sonde::ui::GraphqlAnalysis& analysis);
    void prettifyFailed(const QString& message);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void scheduleValidation();
    void applyAnalysis(const GraphqlAnalysis& analysis);
    void acceptCompletion(const QString& label);
    void showTooltipAt(int position, int x, int y);

    GraphqlLexer* lexer_;
    SchemaPtr schema_;
    QTimer* debounce_;
    QFutureWatcher<GraphqlAnalysis> watcher_;
    quint64 generation_ = 0;
    bool pending_ = false;  // a pass was asked for while one ran
    bool dirty_ = false;    // the text changed after the running pass took its copy
    GraphqlAnalysis analysis_;
    std::vector<graphql::CompletionItem> completions_;
    QStringList rows_;  // what the popup shows for completions_
    graphql::CompletionResult lastResult_;
    QAction* prettifyAction_;
    bool autoComplete_ = true;
};

}  // namespace sonde::ui

Q_DECLARE_METATYPE(sonde::ui::GraphqlAnalysis)
