#pragma once
// GraphqlBodyWidget: the GraphQL body mode of a request. A query editor (GraphqlEditor), a variables
// editor (JSON), an operation picker shown when the document has several operations, a "GET" toggle,
// Prettify, and the schema buttons: "Refresh schema" (introspects the endpoint through the given
// sonde::Engine on a pool thread) and "Load SDL…". When the server refuses introspection the message
// says so and offers to load an SDL file. With a schema store set, the schema of the endpoint (its
// resolved URL) is read from the store's cache as soon as the widget is shown, and a refresh or an
// SDL file updates the cache; store work runs on pool threads (GraphqlSchemaCache).
#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <optional>

#include "core/graphql/schema.h"
#include "core/model/request.h"
#include "core/model/result.h"
#include "ui/graphql/graphql_editor.h"
#include "ui/graphql/graphql_schema_cache.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTimer;

namespace sonde {
class Engine;
}

namespace sonde::ui {

class CodeEditor;

class GraphqlBodyWidget : public QWidget {
    Q_OBJECT
public:
    explicit GraphqlBodyWidget(QWidget* parent = nullptr);
    ~GraphqlBodyWidget() override;

    // Body kind GraphQL: text = query, graphqlVariables, graphqlOperation, graphqlUseGet.
    void setBody(const Body& body);  // does not emit edited()
    Body body() const;

    // Where introspection goes: the engine (not owned; must outlive this widget) and the request whose
    // URL, headers, auth and options are used (resolved variables). The provider, when set, is asked
    // at each introspection (so it sees the request as edited now).
    void setEngine(Engine* engine) { engine_ = engine; }
    void setEndpoint(RequestSpec endpoint) { endpoint_ = std::move(endpoint); }
    void setEndpointProvider(std::function<RequestSpec()> provider) { provider_ = std::move(provider); }

    // The store file whose schema cache is read and updated ("" = no cache).
    void setSchemaStore(const QString& databasePath);
    // Reads the cached schema of the current endpoint (async; cachedSchemaLookedUp() follows, and
    // schemaChanged() when one is cached) unless that URL was looked up already. Runs when shown.
    void loadCachedSchema();
    // The request was edited: when its URL changed, the cache is read again (debounced, 400 ms).
    void endpointEdited();

    void introspect();                        // async; schemaChanged() or introspectionFailed() follows
    bool loadSdlFile(const QString& path);    // sync (SDL builds in milliseconds); false + message on error
    void setSchema(SchemaPtr schema, const QString& source);
    SchemaPtr schema() const { return editor_->schema(); }

    GraphqlEditor* queryEditor() const { return editor_; }
    CodeEditor* variablesEditor() const { return variables_; }
    QComboBox* operationPicker() const { return operations_; }
    QPushButton* introspectButton() const { return introspect_; }  // "Refresh schema"
    QPushButton* loadSdlButton() const { return loadSdl_; }
    QLabel* messageLabel() const { return message_; }
    QLabel* schemaLabel() const { return schemaStatus_; }

signals:
    void edited();
    void schemaChanged(sonde::ui::SchemaPtr schema);
    void introspectionFailed(const QString& message, bool disabled);
    void cachedSchemaLookedUp(bool found);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Introspection {
        std::optional<graphql::Schema> schema;
        std::optional<Error> error;
        std::string cacheProblem;  // the schema arrived but could not be cached
    };
    RequestSpec currentEndpoint() const { return provider_ ? provider_() : endpoint_; }
    void applyCachedSchema(CachedSchemaLoad load, quint64 generation);
    void finishIntrospection();
    void updateOperations(const QStringList& names);
    void showMessage(const QString& text, bool error);
    void chooseSdlFile();

    GraphqlEditor* editor_;
    CodeEditor* variables_;
    QComboBox* operations_;
    QCheckBox* useGet_;
    QPushButton* prettify_;
    QPushButton* introspect_;
    QPushButton* loadSdl_;
    QLabel* schemaStatus_;
    QLabel* message_;
    QSplitter* split_;
    Engine* engine_ = nullptr;
    RequestSpec endpoint_;
    std::function<RequestSpec()> provider_;
    QFutureWatcher<Introspection> introspection_;
    QFutureWatcher<CachedSchemaLoad> cacheLoad_;
    QTimer* cacheDebounce_;
    QFutureWatcher<QString> cacheWrite_;  // an SDL file cached for the endpoint: "" or the problem
    GraphqlSchemaCache cache_{std::string()};
    std::string lookedUp_;         // the endpoint URL whose cache entry was last read
    quint64 schemaGeneration_ = 0; // counts setSchema() calls: a late cache read never overrides a newer schema
    quint64 lookupGeneration_ = 0; // schemaGeneration_ when the running cache read started
    QString wantedOperation_;
    bool loading_ = false;
};

}  // namespace sonde::ui
