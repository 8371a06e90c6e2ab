#include "ui/panels/request_tab.h"

#include <algorithm>

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "core/check/assertion_evaluator.h"
#include "core/check/capture_evaluator.h"
#include "core/check/check_context.h"
#include "core/graphql/client.h"
#include "core/vars/variable_resolver.h"
#include "ui/graphql/graphql_body_widget.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/request_panel.h"
#include "ui/panels/response_panel.h"
#include "ui/panels/tests_editor.h"
#include "ui/workspace.h"

namespace sonde::ui {

RequestTab::RequestTab(Workspace* workspace, SendWorker* worker, QWidget* parent)
    : QSplitter(Qt::Vertical, parent), workspace_(workspace), worker_(worker) {
    key_ = Workspace::newId();
    request_ = new RequestPanel(this);
    response_ = new ResponsePanel(this);
    addWidget(request_);
    addWidget(response_);
    setChildrenCollapsible(false);
    setStretchFactor(0, 2);
    setStretchFactor(1, 3);
    setSizes({400, 600});  // proportions: the response gets the larger part
    connect(request_, &RequestPanel::sendRequested, this, &RequestTab::send);
    connect(request_, &RequestPanel::cancelRequested, this, &RequestTab::cancel);
    connect(request_, &RequestPanel::edited, this, [this] {
        setDirty(true);
        emit edited();
        request_->bodyEditor()->graphqlEditor()->endpointEdited();  // another URL may have a cached schema
    });
    connect(worker_, &SendWorker::finished, this, &RequestTab::onFinished);
    // GraphQL mode: introspection goes to this request's URL, headers and auth, variables resolved.
    request_->bodyEditor()->graphqlEditor()->setEngine(&worker_->engine());
    // Its schema is cached in the store per resolved URL (read when shown, updated by Refresh schema).
    request_->bodyEditor()->graphqlEditor()->setSchemaStore(QString::fromStdString(workspace_->databasePath()));
    request_->bodyEditor()->graphqlEditor()->setEndpointProvider([this] {
        RequestSpec spec = request();
        spec.body = Body{};
        return VariableResolver(workspace_->scopesFor(collectionId_)).resolveRequest(spec).value;
    });
    connect(workspace_, &Workspace::activeEnvironmentChanged, this, &RequestTab::refreshLookup);
    connect(workspace_, &Workspace::environmentsChanged, this, &RequestTab::refreshLookup);
    refreshLookup();
}

void RequestTab::load(const std::string& collectionId, const RequestSpec& request, bool dirty) {
    collectionId_ = collectionId;
    requestId_ = request.id;
    request_->setRequest(request);
    refreshLookup();
    setDirty(dirty);
    emit titleChanged();
}

RequestSpec RequestTab::request() const {
    RequestSpec r = request_->request();
    r.id = requestId_;
    return r;
}

QString RequestTab::title() const {
    const RequestSpec r = request_->request();
    QString t = QString::fromStdString(r.name);
    if (t.isEmpty()) t = r.url.empty() ? tr("New request") : QString::fromStdString(r.url).section(QLatin1Char('?'), 0, 0);
    if (t.size() > 28) t = t.left(27) + QChar(0x2026);
    return dirty_ ? t + QStringLiteral(" \u25CF") : t;
}

void RequestTab::refreshLookup() { request_->setLookup(workspace_->lookupFor(collectionId_)); }

void RequestTab::setDirty(bool dirty) {
    if (dirty == dirty_) return;
    dirty_ = dirty;
    emit dirtyChanged(dirty);
    emit titleChanged();
}

void RequestTab::send() {
    if (inFlight_) return;
    const RequestSpec spec = request();
    if (spec.url.empty()) {
        response_->showError(makeError(tr("There is no URL to send to.").toStdString(), {},
                                       tr("Type a URL such as https://example.org/ or {{baseUrl}}/path.").toStdString(), "input"));
        return;
    }
    const VariableScopes scopes = workspace_->scopesFor(collectionId_);
    VariableResolver resolver(scopes);
    auto resolved = resolver.resolveRequest(spec);
    if (!resolved.complete()) {
        response_->showError(unresolvedError(resolved.unresolved));
        return;
    }
    sentSpec_ = spec;
    sentSecrets_ = scopes.secretValues();
    if (resolved.value.body.kind == BodyKind::GraphQL) {  // {"query", "variables", "operationName"} or GET
        auto http = graphql::toHttpRequest(resolved.value);
        if (!http.ok()) {
            response_->showError(http.error());
            return;
        }
        resolved.value = std::move(http.value());
    }
    inFlight_ = worker_->send(std::move(resolved.value));
    request_->setBusy(true);
    response_->showSending();
}

void RequestTab::cancel() {
    if (inFlight_) worker_->cancel(inFlight_);
}

void RequestTab::onFinished(ExchangeId id, const ExchangeResultPtr& result) {
    if (id != inFlight_) return;
    inFlight_ = 0;
    request_->setBusy(false);
    HistoryEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.collectionId = collectionId_;
    entry.request = sentSpec_;
    entry.secrets = sentSecrets_;
    if (result->ok()) {
        // Shares the worker's result (no copy of a possibly huge body on the UI thread).
        std::shared_ptr<const Exchange> exchange(result, &result->value());
        response_->showExchange(exchange, worker_->cookies());
        entry.exchange = exchange;
        runChecks(exchange);
    } else {
        response_->showError(result->error());
        entry.error = result->error();
    }
    if (!(result->ok() == false && result->error().code == "cancelled")) workspace_->addHistory(entry);
    emit exchangeFinished();
}

namespace {
struct CheckOutcome {
    std::vector<AssertionResult> assertions;
    std::vector<std::pair<std::string, std::string>> captured;  // variable, value
};
// Runs on a worker: JSONPath over a big body must not hold the UI thread.
CheckOutcome evaluateChecks(std::shared_ptr<const Exchange> exchange, std::vector<Assertion> assertions,
                            std::vector<Capture> captures) {
    CheckOutcome out;
    CheckContext ctx(*exchange);
    AssertionEvaluator eval;
    out.assertions = eval.evaluateAll(assertions, ctx);
    CaptureEvaluator capture;
    for (const auto& c : captures) {
        if (!c.enabled || c.variable.empty()) continue;
        if (auto v = capture.capture(c, ctx)) out.captured.emplace_back(c.variable, v.value());
    }
    return out;
}
}  // namespace

void RequestTab::runChecks(std::shared_ptr<const Exchange> exchange) {
    const bool any = std::any_of(sentSpec_.assertions.begin(), sentSpec_.assertions.end(), [](const Assertion& a) { return a.enabled; }) ||
                     std::any_of(sentSpec_.captures.begin(), sentSpec_.captures.end(), [](const Capture& c) { return c.enabled; });
    if (!any) return;
    const VariableScopes scopes = workspace_->scopesFor(collectionId_);
    VariableResolver resolver(scopes);
    auto assertions = resolver.resolveAssertions(sentSpec_.assertions).value;
    auto* watcher = new QFutureWatcher<CheckOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, assertions] {
        watcher->deleteLater();
        const CheckOutcome r = watcher->result();
        std::vector<AssertionOutcome> outcomes;
        for (const auto& a : r.assertions)
            outcomes.push_back({a.passed, QString::fromStdString(a.actual), QString::fromStdString(a.message)});
        request_->testsEditor()->setOutcomes(outcomes);
        response_->setOutcomes(outcomes, assertions);
        for (const auto& [name, value] : r.captured) workspace_->setRuntimeVariable(name, value);
        if (!r.captured.empty()) refreshLookup();
        emit checksFinished();
    });
    watcher->setFuture(QtConcurrent::run(evaluateChecks, exchange, assertions, sentSpec_.captures));
}

void RequestTab::showHistory(const HistoryEntry& entry) {
    if (entry.exchange) response_->showExchange(entry.exchange);
    else if (entry.error) response_->showError(*entry.error);
}

bool RequestTab::save() {
    RequestSpec r = request();
    const std::string newId = workspace_->saveRequest(collectionId_, r);
    requestId_ = newId;
    if (collectionId_.empty() || !workspace_->collection(collectionId_)) workspace_->findRequest(newId, &collectionId_);
    setDirty(false);
    emit titleChanged();
    return true;
}

}  // namespace sonde::ui
