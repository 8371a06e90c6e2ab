#include "ui/graphql/graphql_body_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/graphql/client.h"
#include "core/graphql/introspection.h"
#include "core/graphql/schema_builder.h"
#include "ui/widgets/code_editor.h"

namespace sonde::ui {

GraphqlBodyWidget::GraphqlBodyWidget(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(4);

    auto* bar = new QHBoxLayout;
    operations_ = new QComboBox(this);
    operations_->setToolTip(tr("The operation to run (the document has several)"));
    operations_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    operations_->hide();
    useGet_ = new QCheckBox(tr("GET"), this);
    useGet_->setToolTip(tr("Send as GET with query parameters instead of POST JSON"));
    prettify_ = new QPushButton(tr("Prettify"), this);
    prettify_->setToolTip(tr("Rewrite the query in canonical form (Ctrl+Shift+P)"));
    schemaStatus_ = new QLabel(tr("No schema"), this);
    schemaStatus_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    introspect_ = new QPushButton(tr("Refresh schema"), this);
    introspect_->setToolTip(tr("Fetch the schema from the endpoint again (introspection query) and update the cached one"));
    loadSdl_ = new QPushButton(tr("Load SDL…"), this);
    loadSdl_->setToolTip(tr("Load the schema from a .graphql SDL file"));
    bar->addWidget(operations_);
    bar->addWidget(useGet_);
    bar->addWidget(prettify_);
    bar->addStretch(1);
    bar->addWidget(schemaStatus_);
    bar->addWidget(introspect_);
    bar->addWidget(loadSdl_);
    lay->addLayout(bar);

    message_ = new QLabel(this);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->hide();
    lay->addWidget(message_);

    split_ = new QSplitter(Qt::Vertical, this);
    editor_ = new GraphqlEditor(split_);
    auto* varsBox = new QWidget(split_);
    auto* varsLay = new QVBoxLayout(varsBox);
    varsLay->setContentsMargins(0, 0, 0, 0);
    varsLay->setSpacing(2);
    auto* varsLabel = new QLabel(tr("Variables (JSON)"), varsBox);
    variables_ = new CodeEditor(varsBox);
    variables_->setLanguage(CodeEditor::Language::Json);
    varsLay->addWidget(varsLabel);
    varsLay->addWidget(variables_);
    split_->addWidget(editor_);
    split_->addWidget(varsBox);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 1);
    lay->addWidget(split_, 1);

    connect(prettify_, &QPushButton::clicked, editor_, [this] { editor_->prettify(); });
    connect(editor_, &GraphqlEditor::prettifyFailed, this, [this](const QString& m) { showMessage(m, true); });
    connect(introspect_, &QPushButton::clicked, this, &GraphqlBodyWidget::introspect);
    connect(loadSdl_, &QPushButton::clicked, this, &GraphqlBodyWidget::chooseSdlFile);
    connect(editor_, &GraphqlEditor::analysed, this,
            [this](const GraphqlAnalysis& a) { updateOperations(a.operationNames); });
    auto changed = [this] {
        if (!loading_) emit edited();
    };
    connect(editor_, &QsciScintilla::textChanged, this, changed);
    connect(variables_, &QsciScintilla::textChanged, this, changed);
    connect(useGet_, &QCheckBox::toggled, this, changed);
    connect(operations_, &QComboBox::currentIndexChanged, this, [this, changed] {
        if (!loading_ && operations_->isVisible()) wantedOperation_ = operations_->currentText();
        changed();
    });
    connect(&introspection_, &QFutureWatcher<Introspection>::finished, this, &GraphqlBodyWidget::finishIntrospection);
    cacheDebounce_ = new QTimer(this);
    cacheDebounce_->setSingleShot(true);
    cacheDebounce_->setInterval(400);
    connect(cacheDebounce_, &QTimer::timeout, this, [this] {
        if (isVisible()) loadCachedSchema();
    });
    connect(&cacheLoad_, &QFutureWatcher<CachedSchemaLoad>::finished, this,
            [this] { applyCachedSchema(cacheLoad_.result(), lookupGeneration_); });
    connect(&cacheWrite_, &QFutureWatcher<QString>::finished, this, [this] {
        if (const QString problem = cacheWrite_.result(); !problem.isEmpty())
            showMessage(tr("The schema was not cached: %1").arg(problem), true);
    });
}

GraphqlBodyWidget::~GraphqlBodyWidget() {
    introspection_.waitForFinished();
    cacheLoad_.waitForFinished();
    cacheWrite_.waitForFinished();
}

void GraphqlBodyWidget::finishIntrospection() {
    introspect_->setEnabled(true);
    Introspection r = introspection_.result();
    if (r.schema) {
        setSchema(std::make_shared<const graphql::Schema>(std::move(*r.schema)), tr("introspection"));
        if (!r.cacheProblem.empty())
            showMessage(tr("The schema was not cached: %1").arg(QString::fromStdString(r.cacheProblem)), true);
        return;
    }
    const Error& e = *r.error;
    const bool disabled = e.code == "introspection-disabled";
    const QString msg = disabled
        ? tr("This server does not allow introspection, so its schema cannot be fetched. "
             "Load the schema from an SDL file instead (Load SDL…).")
        : tr("Introspection failed: %1").arg(QString::fromStdString(e.message()));
    showMessage(msg, true);
    if (disabled) loadSdl_->setFocus();
    if (!schema()) schemaStatus_->setText(disabled ? tr("Introspection disabled") : tr("No schema"));
    emit introspectionFailed(msg, disabled);
}

void GraphqlBodyWidget::setSchemaStore(const QString& databasePath) {
    cache_ = GraphqlSchemaCache(databasePath.toStdString());
    lookedUp_.clear();
    if (isVisible()) loadCachedSchema();
}

void GraphqlBodyWidget::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    loadCachedSchema();
}

void GraphqlBodyWidget::loadCachedSchema() {
    if (!cache_.enabled() || cacheLoad_.isRunning()) return;
    const RequestSpec endpoint = currentEndpoint();
    if (endpoint.url.empty()) return;
    const std::string key = graphql::schemaCacheKey(endpoint);  // the URL, and whose credentials
    if (key == lookedUp_) return;
    lookedUp_ = key;
    lookupGeneration_ = schemaGeneration_;
    cacheLoad_.setFuture(QtConcurrent::run([cache = cache_, key] { return cache.load(key); }));
}

void GraphqlBodyWidget::endpointEdited() {
    if (cache_.enabled() && isVisible()) cacheDebounce_->start();
}

void GraphqlBodyWidget::applyCachedSchema(CachedSchemaLoad load, quint64 generation) {
    const bool found = load.schema.has_value();
    if (!load.problem.empty())
        showMessage(tr("The cached schema could not be read: %1").arg(QString::fromStdString(load.problem)), true);
    // A schema set meanwhile (a refresh, an SDL file) is newer than the cached one.
    if (found && generation == schemaGeneration_) {
        const QString when = QDateTime::fromMSecsSinceEpoch(load.fetchedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        setSchema(std::make_shared<const graphql::Schema>(std::move(*load.schema)),
                  load.sdl ? tr("cached SDL, %1").arg(when) : tr("cached %1").arg(when));
    }
    emit cachedSchemaLookedUp(found);
    // The URL may have changed while this read ran (a lookup is skipped while one runs).
    if (isVisible() && graphql::schemaCacheKey(currentEndpoint()) != lookedUp_) cacheDebounce_->start();
}

void GraphqlBodyWidget::setBody(const Body& body) {
    loading_ = true;
    editor_->setText(QString::fromStdString(body.text));
    variables_->setText(QString::fromStdString(body.graphqlVariables));
    useGet_->setChecked(body.graphqlUseGet);
    wantedOperation_ = QString::fromStdString(body.graphqlOperation);
    loading_ = false;
    editor_->revalidate();
    if (isVisible()) QMetaObject::invokeMethod(this, &GraphqlBodyWidget::loadCachedSchema, Qt::QueuedConnection);
}

Body GraphqlBodyWidget::body() const {
    Body b;
    b.kind = BodyKind::GraphQL;
    b.text = editor_->text().toStdString();
    b.graphqlVariables = variables_->text().trimmed().toStdString();
    b.graphqlUseGet = useGet_->isChecked();
    b.graphqlOperation = operations_->isVisible() ? operations_->currentText().toStdString()
                                                   : wantedOperation_.toStdString();
    return b;
}

void GraphqlBodyWidget::updateOperations(const QStringList& names) {
    QStringList named;
    for (const auto& n : names)
        if (!n.isEmpty()) named << n;
    const bool several = names.size() > 1;
    const bool wasLoading = loading_;
    loading_ = true;
    QStringList current;
    for (int i = 0; i < operations_->count(); ++i) current << operations_->itemText(i);
    if (current != named) {
        operations_->clear();
        operations_->addItems(named);
    }
    const int wanted = operations_->findText(wantedOperation_);
    if (wanted >= 0) operations_->setCurrentIndex(wanted);
    operations_->setVisible(several);
    loading_ = wasLoading;
}

void GraphqlBodyWidget::showMessage(const QString& text, bool error) {
    message_->setText(text);
    message_->setStyleSheet(error ? QStringLiteral("color: palette(text); background: rgba(224, 48, 48, 40); padding: 4px;")
                                  : QString());
    message_->setVisible(!text.isEmpty());
}

void GraphqlBodyWidget::introspect() {
    if (!engine_) {
        showMessage(tr("No connection to send the introspection query with."), true);
        return;
    }
    if (introspection_.isRunning()) return;
    RequestSpec endpoint = currentEndpoint();
    if (endpoint.url.empty()) {
        showMessage(tr("Enter the GraphQL endpoint URL first."), true);
        return;
    }
    showMessage({}, false);
    schemaStatus_->setText(tr("Introspecting…"));
    introspect_->setEnabled(false);
    Engine* engine = engine_;
    lookedUp_ = graphql::schemaCacheKey(endpoint);  // the fetched schema replaces whatever the cache held
    introspection_.setFuture(QtConcurrent::run([engine, cache = cache_, endpoint = std::move(endpoint)] {
        Introspection out;
        auto json = graphql::fetchIntrospection(*engine, endpoint);
        if (!json) {
            out.error = json.error();
            return out;
        }
        auto schema = graphql::schemaFromIntrospection(*json);
        if (!schema) {
            out.error = schema.error();
            return out;
        }
        out.schema = std::move(schema.value());
        if (auto st = cache.save(graphql::schemaCacheKey(endpoint), *json, false); !st)
            out.cacheProblem = st.error().message();
        return out;
    }));
}

void GraphqlBodyWidget::chooseSdlFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load GraphQL schema (SDL)"), QString(),
                                                      tr("GraphQL SDL (*.graphql *.graphqls *.gql *.sdl);;All files (*)"));
    if (!path.isEmpty()) loadSdlFile(path);
}

bool GraphqlBodyWidget::loadSdlFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showMessage(tr("Cannot read %1: %2").arg(path, f.errorString()), true);
        return false;
    }
    const QByteArray sdl = f.readAll();
    graphql::SchemaBuild build =
        graphql::buildSchemaFromSdl(std::string_view(sdl.constData(), static_cast<std::size_t>(sdl.size())));
    if (!build.schema) {
        const auto& e = build.errors.front();
        showMessage(tr("%1:%2:%3: %4").arg(path).arg(e.line).arg(e.column).arg(QString::fromStdString(e.message)), true);
        return false;
    }
    setSchema(std::make_shared<const graphql::Schema>(std::move(*build.schema)), QFileInfo(path).fileName());
    // The SDL becomes the endpoint's cached schema (for servers that refuse introspection).
    const RequestSpec endpoint = currentEndpoint();
    if (cache_.enabled() && !endpoint.url.empty()) {
        const std::string key = graphql::schemaCacheKey(endpoint);
        lookedUp_ = key;
        cacheWrite_.waitForFinished();
        cacheWrite_.setFuture(QtConcurrent::run([cache = cache_, key, text = sdl.toStdString()] {
            auto st = cache.save(key, text, true);
            return st ? QString() : QString::fromStdString(st.error().message());
        }));
    }
    if (!build.errors.empty()) {
        const auto& e = build.errors.front();
        showMessage(tr("Schema loaded with %n problem(s); first: line %1: %2", nullptr, int(build.errors.size()))
                        .arg(e.line)
                        .arg(QString::fromStdString(e.message)),
                    false);
    }
    return true;
}

void GraphqlBodyWidget::setSchema(SchemaPtr schema, const QString& source) {
    ++schemaGeneration_;
    int userTypes = 0;
    if (schema)
        for (const auto& t : schema->types()) userTypes += t.builtIn ? 0 : 1;
    schemaStatus_->setText(schema ? tr("Schema: %1 types (%2)").arg(userTypes).arg(source) : tr("No schema"));
    schemaStatus_->setToolTip(schemaStatus_->text());
    showMessage({}, false);
    editor_->setSchema(schema);
    emit schemaChanged(std::move(schema));
}

}  // namespace sonde::ui
