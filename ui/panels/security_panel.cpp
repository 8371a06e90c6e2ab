#include "ui/panels/security_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>
#include <set>

#include "core/security/check.h"
#include "core/security/report.h"
#include "core/security/scanner.h"
#include "ui/security/findings_model.h"
#include "ui/widgets/code_editor.h"

namespace sonde::ui {

namespace {
constexpr int kRequestIndexRole = Qt::UserRole + 1;  // index into requestStore_, -1 for containers
constexpr int kFamilyRole = Qt::UserRole + 2;

QString q(const std::string& s) { return QString::fromStdString(s); }

QString requestText(const SentRequest& r) {
    QString out = q(r.method) + ' ' + q(r.url) + '\n';
    for (const auto& h : r.headers) out += q(h.name) + ": " + q(h.value) + '\n';
    if (!r.body.empty()) out += '\n' + QString::fromUtf8(r.body.data(), qsizetype(r.body.size()));
    return out;
}

QString responseText(const Response& r) {
    QString out = q(r.httpVersion.empty() ? "HTTP/1.1" : r.httpVersion) + ' ' + QString::number(r.status) + ' ' + q(r.reason) + '\n';
    for (const auto& h : r.headers) out += q(h.name) + ": " + q(h.value) + '\n';
    out += '\n' + QString::fromUtf8(r.body.data(), qsizetype(r.body.size()));
    return out;
}

QString durationText(double ms) {
    return ms < 10000 ? QObject::tr("%1 ms").arg(qRound(ms)) : QObject::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

CodeEditor* evidenceEditor(QWidget* parent) {
    auto* e = new CodeEditor(parent);
    e->setReadOnly(true);
    e->setWrapEnabled(true);
    return e;
}
}  // namespace

SecurityPanel::SecurityPanel(QWidget* parent) : QWidget(parent), worker_(new ScanWorker(this)) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    auto* main = new QSplitter(Qt::Horizontal, this);

    // Left: what to scan and how.
    auto* setup = new QWidget(main);
    auto* setupLay = new QVBoxLayout(setup);
    setupLay->setContentsMargins(0, 0, 0, 0);
    setupLay->addWidget(new QLabel(tr("Scan target (a collection, folder or request):"), setup));
    targets_ = new QTreeWidget(setup);
    targets_->setHeaderHidden(true);
    setupLay->addWidget(targets_, 2);
    setupLay->addWidget(new QLabel(tr("Check families:"), setup));
    families_ = new QListWidget(setup);
    setupLay->addWidget(families_, 2);
    unsafe_ = new QCheckBox(tr("Allow unsafe probes (DELETE/PUT/PATCH)"), setup);
    setupLay->addWidget(unsafe_);
    auto* runBar = new QHBoxLayout;
    run_ = new QPushButton(tr("Run scan"), setup);
    cancel_ = new QPushButton(tr("Cancel"), setup);
    cancel_->setEnabled(false);
    runBar->addWidget(run_);
    runBar->addWidget(cancel_);
    setupLay->addLayout(runBar);
    progress_ = new QProgressBar(setup);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    setupLay->addWidget(progress_);
    status_ = new QLabel(tr("Pick what to scan, then Run."), setup);
    status_->setWordWrap(true);
    setupLay->addWidget(status_);
    main->addWidget(setup);

    // Right: findings and the selected finding.
    auto* results = new QSplitter(Qt::Vertical, main);
    auto* top = new QWidget(results);
    auto* topLay = new QVBoxLayout(top);
    topLay->setContentsMargins(0, 0, 0, 0);
    auto* filterBar = new QHBoxLayout;
    severity_ = new QComboBox(top);
    for (Severity s : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        severity_->addItem(tr("%1 and above").arg(QString::fromLatin1(toString(s))), int(s));
    filter_ = new QLineEdit(top);
    filter_->setPlaceholderText(tr("Filter findings"));
    filter_->setClearButtonEnabled(true);
    group_ = new QCheckBox(tr("Group by endpoint"), top);
    export_ = new QPushButton(tr("Export…"), top);
    export_->setEnabled(false);
    auto* exportMenu = new QMenu(export_);
    for (const char* f : {"sarif", "json", "junit", "html"})
        exportMenu->addAction(QString::fromLatin1(f).toUpper(), this, [this, f] { chooseExport(QString::fromLatin1(f)); });
    export_->setMenu(exportMenu);
    filterBar->addWidget(severity_);
    filterBar->addWidget(filter_, 1);
    filterBar->addWidget(group_);
    filterBar->addWidget(export_);
    topLay->addLayout(filterBar);
    model_ = new FindingsModel(this);
    proxy_ = new FindingsFilter(this);
    proxy_->setSourceModel(model_);
    table_ = new QTreeView(top);
    table_->setModel(proxy_);
    table_->setRootIsDecorated(false);
    table_->setUniformRowHeights(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->header()->setStretchLastSection(true);
    table_->setColumnWidth(FindingsModel::SeverityCol, 80);
    table_->setColumnWidth(FindingsModel::CheckCol, 240);
    table_->setColumnWidth(FindingsModel::EndpointCol, 260);
    topLay->addWidget(table_);
    results->addWidget(top);

    auto* bottom = new QWidget(results);
    auto* bottomLay = new QVBoxLayout(bottom);
    bottomLay->setContentsMargins(0, 0, 0, 0);
    detail_ = new QTextBrowser(bottom);
    detail_->setOpenExternalLinks(true);
    bottomLay->addWidget(detail_, 1);
    evidencePicker_ = new QComboBox(bottom);
    bottomLay->addWidget(evidencePicker_);
    auto* evidence = new QSplitter(Qt::Horizontal, bottom);
    evRequest_ = evidenceEditor(evidence);
    evResponse_ = evidenceEditor(evidence);
    evidence->addWidget(evRequest_);
    evidence->addWidget(evResponse_);
    bottomLay->addWidget(evidence, 2);
    results->addWidget(bottom);
    main->addWidget(results);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    lay->addWidget(main);

    buildFamilies();

    connect(run_, &QPushButton::clicked, this, &SecurityPanel::run);
    connect(cancel_, &QPushButton::clicked, this, &SecurityPanel::cancel);
    connect(severity_, &QComboBox::currentIndexChanged, this,
            [this] { proxy_->setMinimumSeverity(static_cast<Severity>(severity_->currentData().toInt())); });
    connect(filter_, &QLineEdit::textChanged, proxy_, &FindingsFilter::setText);
    connect(group_, &QCheckBox::toggled, this, [this](bool on) {
        model_->setGrouped(on);
        table_->setRootIsDecorated(on);
        if (on) table_->expandAll();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& i) { showFinding(model_->findingAt(proxy_->mapToSource(i))); });
    connect(evidencePicker_, &QComboBox::currentIndexChanged, this, &SecurityPanel::showEvidence);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (group_->isChecked()) table_->expandAll();
    });

    connect(worker_, &ScanWorker::checkStarted, this, [this](const QString& id, const QString& url, int step, int steps) {
        progress_->setRange(0, steps);
        progress_->setValue(step);
        status_->setText(tr("%1 on %2").arg(id, url));
    });
    connect(worker_, &ScanWorker::findingFound, model_, &FindingsModel::addFinding);
    connect(worker_, &ScanWorker::finished, this, [this](ScanResultPtr result) {
        last_ = result;
        model_->setFindings(result->findings);  // the confirmed, de-duplicated list
        if (group_->isChecked()) table_->expandAll();
        run_->setEnabled(true);
        cancel_->setEnabled(false);
        export_->setEnabled(true);
        progress_->setRange(0, 1);
        progress_->setValue(1);
        status_->setText((result->cancelled ? tr("Cancelled: %1 finding(s), %2 requests, %3")
                                            : tr("Done: %1 finding(s), %2 requests, %3"))
                             .arg(result->findings.size())
                             .arg(result->requestsSent)
                             .arg(durationText(result->durationMs > 0 ? result->durationMs : double(clock_.elapsed()))) +
                         (result->warnings.empty() ? QString() : tr(" — %n warning(s)", nullptr, int(result->warnings.size()))));
        status_->setToolTip(q([&] {
            std::string w;
            for (const auto& s : result->warnings) w += s + "\n";
            return w;
        }()));
        emit scanFinished(result);
    });
}

SecurityPanel::~SecurityPanel() = default;

void SecurityPanel::buildFamilies() {
    std::map<std::string, std::vector<CheckInfo>> byFamily;
    std::vector<std::string> order;
    for (const auto& info : catalogueInfo()) {
        if (!byFamily.count(info.family)) order.push_back(info.family);
        byFamily[info.family].push_back(info);
    }
    for (const auto& family : order) {
        const auto& checks = byFamily[family];
        bool allOptIn = true;
        QString tip;
        for (const auto& c : checks) {
            allOptIn = allOptIn && c.optIn;
            tip += q(c.id + " — " + c.title) + (c.optIn ? tr(" (opt-in)") : QString()) + '\n';
        }
        auto* item = new QListWidgetItem(tr("%1  (%n check(s))", nullptr, int(checks.size())).arg(q(family)), families_);
        item->setData(kFamilyRole, q(family));
        item->setToolTip(tip.trimmed());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(allOptIn ? Qt::Unchecked : Qt::Checked);
    }
}

std::vector<std::string> SecurityPanel::selectedFamilies() const {
    std::vector<std::string> out;
    for (int i = 0; i < families_->count(); ++i)
        if (families_->item(i)->checkState() == Qt::Checked)
            out.push_back(families_->item(i)->data(kFamilyRole).toString().toStdString());
    return out;
}

bool SecurityPanel::selectFamiliesOnly(const std::vector<std::string>& families) {
    std::set<std::string> wanted(families.begin(), families.end());
    int found = 0;
    for (int i = 0; i < families_->count(); ++i) {
        const bool on = wanted.count(families_->item(i)->data(kFamilyRole).toString().toStdString()) > 0;
        families_->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        found += on ? 1 : 0;
    }
    return found == static_cast<int>(wanted.size());
}

QTreeWidgetItem* SecurityPanel::addFolder(QTreeWidgetItem* parent, const Folder& folder) {
    for (const auto& sub : folder.folders) {
        auto* item = new QTreeWidgetItem(parent, {q(sub.name)});
        item->setData(0, kRequestIndexRole, -1);
        addFolder(item, sub);
    }
    for (const auto& r : folder.requests) {
        auto* item = new QTreeWidgetItem(parent, {q(r.method + "  " + (r.name.empty() ? r.url : r.name))});
        item->setToolTip(0, q(r.url));
        item->setData(0, kRequestIndexRole, static_cast<int>(requestStore_.size()));
        requestStore_.push_back(r);
    }
    return parent;
}

void SecurityPanel::setCollections(const std::vector<Collection>& collections) {
    targets_->clear();
    requestStore_.clear();
    for (const auto& c : collections) {
        auto* item = new QTreeWidgetItem(targets_, {q(c.name)});
        item->setData(0, kRequestIndexRole, -1);
        addFolder(item, c.root);
    }
    targets_->expandToDepth(0);
    if (targets_->topLevelItemCount() > 0) targets_->setCurrentItem(targets_->topLevelItem(0));
}

void SecurityPanel::setRequests(const std::vector<RequestSpec>& requests, const QString& label) {
    Collection c;
    c.name = label.toStdString();
    c.root.requests = requests;
    setCollections({c});
}

std::vector<RequestSpec> SecurityPanel::selectedRequests() const {
    std::vector<RequestSpec> out;
    QTreeWidgetItem* item = targets_->currentItem();
    if (!item) return out;
    std::vector<QTreeWidgetItem*> stack{item};
    while (!stack.empty()) {  // depth-first, in tree order
        QTreeWidgetItem* it = stack.back();
        stack.pop_back();
        const int idx = it->data(0, kRequestIndexRole).toInt();
        if (idx >= 0 && idx < static_cast<int>(requestStore_.size())) out.push_back(requestStore_[static_cast<std::size_t>(idx)]);
        for (int i = it->childCount() - 1; i >= 0; --i) stack.push_back(it->child(i));
    }
    return out;
}

void SecurityPanel::run() {
    if (worker_->isRunning()) return;
    const auto requests = selectedRequests();
    const auto families = selectedFamilies();
    if (requests.empty() || families.empty()) {
        status_->setText(requests.empty() ? tr("Pick a collection, folder or request to scan.")
                                          : tr("Choose at least one check family."));
        return;
    }
    lastTargets_.clear();
    for (const auto& r : requests) {
        ScanTarget t;
        t.request = resolver_ ? resolver_(r) : r;
        lastTargets_.push_back(std::move(t));
    }
    lastOptions_ = base_;
    lastOptions_.checks = families;
    lastOptions_.allowUnsafe = unsafe_->isChecked();
    model_->clear();
    showFinding(nullptr);
    last_.reset();
    export_->setEnabled(false);
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setRange(0, 0);  // busy until the first check reports its step
    status_->setText(tr("Scanning %n request(s)…", nullptr, int(lastTargets_.size())));
    clock_.start();
    worker_->start(lastTargets_, lastOptions_);
}

void SecurityPanel::cancel() {
    worker_->cancel();
    status_->setText(tr("Cancelling…"));
    cancel_->setEnabled(false);
}

bool SecurityPanel::isRunning() const { return worker_->isRunning(); }

void SecurityPanel::showFinding(const Finding* f) {
    shown_ = f;
    evidencePicker_->blockSignals(true);
    evidencePicker_->clear();
    if (!f) {
        detail_->clear();
        evRequest_->setText({});
        evResponse_->setText({});
        evidencePicker_->blockSignals(false);
        return;
    }
    QString html = QStringLiteral("<h3 style='color:%1'>%2 — %3</h3>")
                       .arg(FindingsModel::severityColor(f->severity).name(), q(toString(f->severity)).toHtmlEscaped(),
                            q(f->title).toHtmlEscaped());
    html += tr("<p><b>%1 %2</b>, parameter <code>%3</code>; confidence %4; CWE-%5; %6</p>")
                .arg(q(f->method).toHtmlEscaped(), q(f->url).toHtmlEscaped(), q(f->parameter).toHtmlEscaped(),
                     q(toString(f->confidence)))
                .arg(f->cwe)
                .arg(q(f->owasp).toHtmlEscaped());
    if (!f->payload.empty()) html += tr("<p>Payload: <code>%1</code></p>").arg(q(f->payload).toHtmlEscaped());
    if (!f->detail.empty()) html += "<p>" + q(f->detail).toHtmlEscaped() + "</p>";
    html += tr("<h4>Remediation</h4><p>%1</p>").arg(q(f->remediation).toHtmlEscaped());
    detail_->setHtml(html);
    for (std::size_t i = 0; i < f->evidence.size(); ++i)
        evidencePicker_->addItem(tr("Evidence %1 of %2:").arg(i + 1).arg(f->evidence.size()) + ' ' +
                                 q(f->evidence[i].request.method) + ' ' + q(f->evidence[i].request.url) + QStringLiteral(" → ") +
                                 QString::number(f->evidence[i].response.status));
    evidencePicker_->setVisible(f->evidence.size() > 1);
    evidencePicker_->blockSignals(false);
    showEvidence(f->evidence.empty() ? -1 : static_cast<int>(f->evidence.size()) - 1);  // the proof: last exchange
    if (!f->evidence.empty()) evidencePicker_->setCurrentIndex(static_cast<int>(f->evidence.size()) - 1);
}

void SecurityPanel::showEvidence(int index) {
    if (!shown_ || index < 0 || index >= static_cast<int>(shown_->evidence.size())) {
        evRequest_->setText({});
        evResponse_->setText({});
        return;
    }
    ReportOptions ro;
    ro.secrets = base_.secrets;
    ro.maxBodyBytes = 256 * 1024;
    const Exchange e = redactExchange(shown_->evidence[static_cast<std::size_t>(index)], ro);
    evRequest_->setText(requestText(e.request));
    evResponse_->setContentType(q(e.response.contentType()));
    evResponse_->setText(responseText(e.response));
}

QString SecurityPanel::exportReport(const QString& format, const QString& path) const {
    if (!last_) return tr("Run a scan first.");
    const ScanReport report = makeReport(*last_, lastTargets_, lastOptions_);
    ReportOptions ro;
    ro.secrets = lastOptions_.secrets;
    std::string text;
    if (format == QLatin1String("sarif")) text = sarifReport(report, ro);
    else if (format == QLatin1String("json")) text = jsonReport(report, ro);
    else if (format == QLatin1String("junit")) text = junitReport(report, ro);
    else if (format == QLatin1String("html")) text = htmlReport(report, ro);
    else return tr("Unknown report format %1").arg(format);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return tr("Cannot write %1: %2").arg(path, f.errorString());
    if (f.write(text.data(), qint64(text.size())) != qint64(text.size())) return tr("Cannot write %1: %2").arg(path, f.errorString());
    return {};
}

void SecurityPanel::chooseExport(const QString& format) {
    static const std::map<QString, QString> kFilters = {{"sarif", tr("SARIF (*.sarif *.sarif.json)")},
                                                        {"json", tr("JSON (*.json)")},
                                                        {"junit", tr("JUnit XML (*.xml)")},
                                                        {"html", tr("HTML (*.html)")}};
    static const std::map<QString, QString> kSuffix = {{"sarif", ".sarif"}, {"json", ".json"}, {"junit", ".xml"}, {"html", ".html"}};
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1 report").arg(format.toUpper()),
                                                      "sonde-scan" + kSuffix.at(format), kFilters.at(format));
    if (path.isEmpty()) return;
    const QString err = exportReport(format, path);
    status_->setText(err.isEmpty() ? tr("Report written to %1").arg(path) : err);
}

}  // namespace sonde::ui
