#include "ui/panels/request_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include "core/formats/importer.h"
#include "ui/panels/auth_editor.h"
#include "ui/panels/body_editor.h"
#include "ui/panels/settings_editor.h"
#include "ui/panels/tests_editor.h"
#include "ui/widgets/key_value_table.h"
#include "ui/widgets/method_badge.h"
#include "ui/widgets/url_line_edit.h"

namespace sonde::ui {

RequestPanel::RequestPanel(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 0);
    auto* top = new QHBoxLayout;
    method_ = new QComboBox(this);
    method_->setEditable(true);
    method_->setInsertPolicy(QComboBox::NoInsert);
    method_->addItems({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"});
    method_->setToolTip(tr("HTTP method (type any custom method)"));
    method_->setMinimumContentsLength(7);
    url_ = new UrlLineEdit(this);
    send_ = new QPushButton(tr("Send"), this);
    send_->setToolTip(tr("Send the request (Ctrl+Enter)"));
    send_->setDefault(true);
    top->addWidget(method_);
    top->addWidget(url_, 1);
    top->addWidget(send_);
    lay->addLayout(top);

    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    params_ = new KeyValueTable(this);
    headers_ = new KeyValueTable(this);
    headers_->setKeyCompletions(KeyValueTable::commonHeaderNames());
    body_ = new BodyEditor(this);
    auth_ = new AuthEditor(this);
    tests_ = new TestsEditor(this);
    settings_ = new SettingsEditor(this);
    tabs_->addTab(params_, tr("Params"));
    tabs_->addTab(headers_, tr("Headers"));
    tabs_->addTab(body_, tr("Body"));
    tabs_->addTab(auth_, tr("Auth"));
    tabs_->addTab(tests_, tr("Tests"));
    tabs_->addTab(settings_, tr("Settings"));
    lay->addWidget(tabs_, 1);

    auto changed = [this] {
        if (loading_) return;
        updateTabTitles();
        emit edited();
    };
    connect(send_, &QPushButton::clicked, this, [this] { busy_ ? emit cancelRequested() : emit sendRequested(); });
    connect(url_, &QLineEdit::returnPressed, this, [this] { if (!busy_) emit sendRequested(); });
    connect(url_, &UrlLineEdit::curlPasted, this, &RequestPanel::applyCurl);
    connect(method_, &QComboBox::currentTextChanged, this, [this, changed] {
        applyMethodColor(method_, method_->currentText());
        changed();
    });
    connect(url_, &QLineEdit::textChanged, this, [this, changed] {
        syncParamsFromUrl();
        changed();
    });
    connect(params_, &KeyValueTable::edited, this, [this, changed] {
        syncUrlFromParams();
        changed();
    });
    connect(headers_, &KeyValueTable::edited, this, changed);
    connect(body_, &BodyEditor::edited, this, changed);
    connect(auth_, &AuthEditor::edited, this, changed);
    connect(tests_, &TestsEditor::edited, this, changed);
    connect(settings_, &SettingsEditor::edited, this, changed);
    applyMethodColor(method_, method_->currentText());
}

std::pair<QString, std::vector<KeyValue>> RequestPanel::splitQuery(const QString& url) {
    const int q = url.indexOf(QLatin1Char('?'));
    if (q < 0) return {url, {}};
    QString query = url.mid(q + 1);
    const int hash = query.indexOf(QLatin1Char('#'));
    if (hash >= 0) query.truncate(hash);
    std::vector<KeyValue> rows;
    for (const QString& part : query.split(QLatin1Char('&'))) {
        if (part.isEmpty()) continue;
        const int eq = part.indexOf(QLatin1Char('='));
        KeyValue kv;
        kv.key = (eq < 0 ? part : part.left(eq)).toStdString();
        kv.value = eq < 0 ? std::string() : part.mid(eq + 1).toStdString();
        rows.push_back(std::move(kv));
    }
    return {url.left(q), rows};
}

QString RequestPanel::joinQuery(const QString& base, const std::vector<KeyValue>& params) {
    QStringList parts;
    for (const auto& kv : params) {
        if (!kv.enabled || kv.key.empty()) continue;
        parts << QString::fromStdString(kv.key) + QLatin1Char('=') + QString::fromStdString(kv.value);
    }
    return parts.isEmpty() ? base : base + QLatin1Char('?') + parts.join(QLatin1Char('&'));
}

void RequestPanel::syncParamsFromUrl() {
    if (syncing_) return;
    syncing_ = true;
    // Enabled rows mirror the URL; disabled rows stay where they were.
    auto rows = splitQuery(url_->text()).second;
    for (const auto& kv : params_->rows())
        if (!kv.enabled) rows.push_back(kv);
    params_->setRows(rows);
    syncing_ = false;
}

void RequestPanel::syncUrlFromParams() {
    if (syncing_) return;
    syncing_ = true;
    const int cursor = url_->cursorPosition();
    url_->setText(joinQuery(splitQuery(url_->text()).first, params_->rows()));
    url_->setCursorPosition(qMin(cursor, static_cast<int>(url_->text().size())));
    syncing_ = false;
}

void RequestPanel::updateTabTitles() {
    auto count = [](const std::vector<KeyValue>& rows) {
        return std::count_if(rows.begin(), rows.end(), [](const KeyValue& kv) { return kv.enabled; });
    };
    auto title = [](const QString& name, long n) { return n ? QStringLiteral("%1 (%2)").arg(name).arg(n) : name; };
    tabs_->setTabText(0, title(tr("Params"), count(params_->rows())));
    tabs_->setTabText(1, title(tr("Headers"), count(headers_->rows())));
    tabs_->setTabText(4, title(tr("Tests"), static_cast<long>(tests_->assertions().size())));
}

void RequestPanel::setRequest(const RequestSpec& r) {
    loading_ = true;
    original_ = r;
    method_->setCurrentText(QString::fromStdString(r.method));
    applyMethodColor(method_, method_->currentText());
    // Enabled stored params are merged into the URL so the line shows what is sent.
    std::vector<KeyValue> disabled, enabled;
    for (const auto& kv : r.params) (kv.enabled ? enabled : disabled).push_back(kv);
    auto [base, query] = splitQuery(QString::fromStdString(r.url));
    query.insert(query.end(), enabled.begin(), enabled.end());
    syncing_ = true;
    url_->setText(enabled.empty() ? QString::fromStdString(r.url) : joinQuery(base, query));
    syncing_ = false;
    query.insert(query.end(), disabled.begin(), disabled.end());
    params_->setRows(query);
    headers_->setRows(r.headers);
    body_->setBody(r.body);
    auth_->setAuth(r.auth);
    tests_->setChecks(r.assertions, r.captures);
    settings_->setOptions(r.options);
    updateTabTitles();
    loading_ = false;
}

bool RequestPanel::applyCurl(const QString& command) {
    auto parsed = importCurl(command.toStdString());
    if (!parsed) {
        QToolTip::showText(url_->mapToGlobal(QPoint(0, url_->height())),
                           tr("Not imported: %1").arg(QString::fromStdString(parsed.error().message())), url_);
        return false;
    }
    // As Postman does: the command replaces what the request sends; its name and checks stay.
    RequestSpec r = request();
    const RequestSpec& c = parsed->request;
    r.method = c.method;
    r.url = c.url;
    r.params = c.params;
    r.headers = c.headers;
    r.body = c.body;
    r.auth = c.auth;
    r.options = c.options;
    setRequest(r);
    emit edited();
    if (!parsed->warnings.empty()) {
        QStringList lines;
        for (const auto& w : parsed->warnings) lines << QString::fromStdString(w.message);
        QToolTip::showText(url_->mapToGlobal(QPoint(0, url_->height())), lines.join('\n'), url_);
    }
    return true;
}

RequestSpec RequestPanel::request() const {
    RequestSpec r = original_;
    r.method = method_->currentText().trimmed().toUpper().toStdString();
    if (r.method.empty()) r.method = "GET";
    r.url = url_->text().trimmed().toStdString();
    r.params.clear();
    for (const auto& kv : params_->rows())
        if (!kv.enabled) r.params.push_back(kv);  // enabled ones live in the URL
    r.headers = headers_->rows();
    r.body = body_->body();
    r.auth = auth_->auth();
    r.assertions = tests_->assertions();
    r.captures = tests_->captures();
    r.options = settings_->options();
    return r;
}

void RequestPanel::setLookup(const VariableLookup& lookup) {
    url_->setLookup(lookup);
    body_->setLookup(lookup);
}

void RequestPanel::setBusy(bool busy) {
    busy_ = busy;
    send_->setText(busy ? tr("Cancel") : tr("Send"));
    send_->setToolTip(busy ? tr("Cancel the request in flight") : tr("Send the request (Ctrl+Enter)"));
}

}  // namespace sonde::ui
