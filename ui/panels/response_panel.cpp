#include "ui/panels/response_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/curl_command.h"
#include "ui/models/json_tree_model.h"
#include "ui/panels/body_view.h"
#include "ui/panels/timing_view.h"

namespace sonde::ui {

namespace {
QTableWidget* makeTable(const QStringList& labels, QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(labels.size()), parent);
    t->setHorizontalHeaderLabels(labels);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    return t;
}
void addRow(QTableWidget* t, const QStringList& cells) {
    const int r = t->rowCount();
    t->insertRow(r);
    for (int c = 0; c < cells.size(); ++c) t->setItem(r, c, new QTableWidgetItem(cells[c]));
}
QString badgeStyle(int status) {
    const char* bg = status >= 500 ? "#c62828" : status >= 400 ? "#ef6c00" : status >= 300 ? "#1565c0"
                   : status >= 200 ? "#2e7d32" : "#616161";
    return QStringLiteral("QLabel { background: %1; color: white; border-radius: 4px; padding: 2px 8px; font-weight: bold; }")
        .arg(QLatin1String(bg));
}
std::shared_ptr<const JsonTreeModel::Json> parseJson(std::shared_ptr<const Exchange> ex) {
    const Response& r = ex->response;
    std::string text;
    if (!r.bodyFile.empty()) {
        QFile f(QString::fromStdString(r.bodyFile));
        if (f.open(QIODevice::ReadOnly)) text = f.readAll().toStdString();
    }
    auto doc = JsonTreeModel::Json::parse(r.bodyFile.empty() ? r.body : text, nullptr, false);
    if (doc.is_discarded()) return nullptr;
    return std::make_shared<const JsonTreeModel::Json>(std::move(doc));
}
}  // namespace

ResponsePanel::ResponsePanel(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    status_ = new QLabel(this);
    time_ = new QLabel(this);
    size_ = new QLabel(this);
    curl_ = new QPushButton(tr("Copy as curl"), this);
    curl_->setToolTip(tr("Copy the request as it was sent, as a curl command"));
    top->addWidget(status_);
    top->addWidget(time_);
    top->addWidget(size_);
    top->addStretch();
    top->addWidget(curl_);
    lay->addLayout(top);

    stack_ = new QStackedWidget(this);
    placeholder_ = new QLabel(tr("Send a request to see its response here (Ctrl+Enter)."), this);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setEnabled(false);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setAlignment(Qt::AlignCenter);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    body_ = new BodyView(this);
    auto* treePage = new QWidget(this);
    auto* treeLay = new QVBoxLayout(treePage);
    treeLay->setContentsMargins(0, 0, 0, 0);
    auto* treeBar = new QHBoxLayout;
    treeStatus_ = new QLabel(treePage);
    parseButton_ = new QPushButton(tr("Build tree"), treePage);
    treeBar->addWidget(treeStatus_, 1);
    treeBar->addWidget(parseButton_);
    tree_ = new QTreeView(treePage);
    model_ = new JsonTreeModel(this);
    tree_->setModel(model_);
    tree_->setUniformRowHeights(true);  // keeps huge expanded arrays cheap to lay out
    tree_->header()->resizeSection(0, 220);
    tree_->header()->resizeSection(1, 320);
    treeLay->addLayout(treeBar);
    treeLay->addWidget(tree_, 1);
    headers_ = makeTable({tr("Name"), tr("Value")}, this);
    headers_->setColumnWidth(0, 220);
    cookies_ = makeTable({tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"), tr("Flags")}, this);
    timing_ = new TimingView(this);
    tests_ = makeTable({tr("Result"), tr("Assertion"), tr("Actual"), tr("Message")}, this);
    tabs_->addTab(body_, tr("Body"));
    tabs_->addTab(treePage, tr("JSON"));
    tabs_->addTab(headers_, tr("Headers"));
    tabs_->addTab(cookies_, tr("Cookies"));
    tabs_->addTab(timing_, tr("Timing"));
    tabs_->addTab(tests_, tr("Tests"));
    stack_->addWidget(placeholder_);
    stack_->addWidget(error_);
    stack_->addWidget(tabs_);
    lay->addWidget(stack_, 1);

    connect(curl_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(curl()); });
    connect(parseButton_, &QPushButton::clicked, this, &ResponsePanel::parseJsonTree);
    connect(tabs_, &QTabWidget::currentChanged, this, [this, treePage](int) {
        if (tabs_->currentWidget() == treePage && !treeParsed_ && exchange_ &&
            static_cast<qint64>(exchange_->response.bodyBytes) <= kAutoTreeLimit)
            parseJsonTree();
    });
    showEmpty();
}

void ResponsePanel::showEmpty() {
    ++generation_;
    exchange_.reset();
    status_->hide(), time_->clear(), size_->clear();
    curl_->setEnabled(false);
    stack_->setCurrentWidget(placeholder_);
}

void ResponsePanel::showSending() {
    status_->show();
    status_->setText(tr("Sending…"));
    status_->setStyleSheet(badgeStyle(0));
    time_->clear(), size_->clear();
}

void ResponsePanel::showError(const Error& e) {
    ++generation_;
    status_->show();
    status_->setText(e.code == "cancelled" ? tr("Cancelled") : tr("Error"));
    status_->setStyleSheet(badgeStyle(e.code == "cancelled" ? 0 : 500));
    time_->clear(), size_->clear();
    QString html = QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(e.title).toHtmlEscaped());
    if (!e.where.empty()) html += QStringLiteral("<p><tt>%1</tt></p>").arg(QString::fromStdString(e.where).toHtmlEscaped());
    if (!e.fix.empty()) html += QStringLiteral("<p>%1</p>").arg(QString::fromStdString(e.fix).toHtmlEscaped());
    if (!e.code.empty()) html += QStringLiteral("<p><small>(%1)</small></p>").arg(QString::fromStdString(e.code).toHtmlEscaped());
    error_->setText(html);
    stack_->setCurrentWidget(error_);
    emit responseShown();
}

void ResponsePanel::showExchange(std::shared_ptr<const Exchange> exchange, const std::vector<Cookie>& cookies) {
    ++generation_;
    exchange_ = std::move(exchange);
    const Response& r = exchange_->response;
    const QLocale loc;
    status_->show();
    status_->setText(QStringLiteral("%1 %2").arg(r.status).arg(QString::fromStdString(r.reason)).trimmed());
    status_->setStyleSheet(badgeStyle(r.status));
    time_->setText(tr("%1 ms").arg(r.timings.total, 0, 'f', r.timings.total < 10 ? 1 : 0));
    time_->setToolTip(tr("Total time; see the Timing tab for the phases"));
    size_->setText(loc.formattedDataSize(static_cast<qint64>(r.bodyBytes ? r.bodyBytes : r.body.size())));
    size_->setToolTip(tr("Body size as received (headers: %1 bytes)").arg(r.sizes.headersReceived));
    curl_->setEnabled(true);
    headers_->setRowCount(0);
    for (const auto& h : r.headers) addRow(headers_, {QString::fromStdString(h.name), QString::fromStdString(h.value)});
    cookies_->setRowCount(0);
    for (const auto& c : cookies) {
        QStringList flags;
        if (c.secure) flags << QStringLiteral("Secure");
        if (c.httpOnly) flags << QStringLiteral("HttpOnly");
        addRow(cookies_, {QString::fromStdString(c.name), QString::fromStdString(c.value), QString::fromStdString(c.domain),
                          QString::fromStdString(c.path),
                          c.expires ? QDateTime::fromSecsSinceEpoch(c.expires).toString(Qt::ISODate) : tr("session"),
                          flags.join(QLatin1Char(' '))});
    }
    tabs_->setTabText(2, tr("Headers (%1)").arg(r.headers.size()));
    tabs_->setTabText(3, cookies.empty() ? tr("Cookies") : tr("Cookies (%1)").arg(cookies.size()));
    timing_->setTimings(r.timings);
    tests_->setRowCount(0);
    tabs_->setTabText(5, tr("Tests"));
    model_->clear();
    treeParsed_ = false;
    const bool json = QString::fromStdString(r.contentType()).contains(QLatin1String("json"));
    treeStatus_->setText(json ? tr("Open this tab to build the tree.") : tr("The body is not JSON."));
    parseButton_->setVisible(json);
    tabs_->setTabEnabled(1, json);
    if (!json && tabs_->currentIndex() == 1) tabs_->setCurrentIndex(0);
    body_->setResponse(std::shared_ptr<const Response>(exchange_, &exchange_->response));
    stack_->setCurrentWidget(tabs_);
    emit responseShown();
    if (json && tabs_->currentIndex() == 1 && static_cast<qint64>(r.bodyBytes) <= kAutoTreeLimit) parseJsonTree();
}

void ResponsePanel::parseJsonTree() {
    if (!exchange_ || treeParsed_) return;
    treeParsed_ = true;
    treeStatus_->setText(tr("Parsing…"));
    parseButton_->hide();
    const quint64 gen = generation_;
    auto* watcher = new QFutureWatcher<std::shared_ptr<const JsonTreeModel::Json>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, gen] {
        watcher->deleteLater();
        if (gen != generation_) return;
        auto doc = watcher->result();
        treeStatus_->setText(doc ? QString() : tr("The body is not valid JSON."));
        treeStatus_->setVisible(!doc);
        model_->setDocument(doc);
        if (doc) tree_->expand(model_->index(0, 0));
        emit jsonTreeReady();
    });
    watcher->setFuture(QtConcurrent::run(parseJson, exchange_));
}

void ResponsePanel::setOutcomes(const std::vector<AssertionOutcome>& outcomes, const std::vector<Assertion>& assertions) {
    tests_->setRowCount(0);
    int passed = 0;
    std::size_t i = 0;
    for (const auto& a : assertions) {
        if (!a.enabled || i >= outcomes.size()) continue;
        const auto& o = outcomes[i++];
        passed += o.passed ? 1 : 0;
        const QString desc = QStringLiteral("%1 %2 %3 %4").arg(QString::fromUtf8(toString(a.source)), QString::fromStdString(a.selector),
                                                              QString::fromUtf8(toString(a.op)), QString::fromStdString(a.value));
        addRow(tests_, {o.passed ? tr("✔ pass") : tr("✘ fail"), desc.simplified(), o.actual, o.message});
        tests_->item(tests_->rowCount() - 1, 0)->setForeground(o.passed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
    }
    tabs_->setTabText(5, i ? tr("Tests (%1/%2)").arg(passed).arg(i) : tr("Tests"));
}

QString ResponsePanel::curl() const { return exchange_ ? curlCommand(exchange_->request) : QString(); }

}  // namespace sonde::ui
