#pragma once
// SecurityPanel: scan requests for vulnerabilities with core/security. Pick a collection, a folder or a
// request in the target tree (fed by the main window with setCollections()/setRequests()), choose
// check families, Run (progress, Cancel), then read the findings table (severity colours, filter by
// severity and text, grouping by endpoint) and a finding's detail: what was found, the remediation,
// and the evidence request and response side by side. Export writes SARIF, JSON, JUnit or HTML
// (core/security reports, evidence redacted).
#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <vector>

#include "core/model/collection.h"
#include "core/security/scan_options.h"
#include "ui/security/scan_worker.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;

namespace sonde::ui {

class CodeEditor;
class FindingsFilter;
class FindingsModel;

class SecurityPanel : public QWidget {
    Q_OBJECT
public:
    explicit SecurityPanel(QWidget* parent = nullptr);
    ~SecurityPanel() override;

    // What can be scanned. Requests are resolved with the resolver (variables) when a scan starts.
    void setCollections(const std::vector<Collection>& collections);
    void setRequests(const std::vector<RequestSpec>& requests, const QString& label = tr("Requests"));
    void setResolver(std::function<RequestSpec(const RequestSpec&)> resolver) { resolver_ = std::move(resolver); }
    // Options the panel does not show (rate, budget, delays...); its own choices are applied on top.
    void setBaseOptions(ScanOptions options) { base_ = std::move(options); }

    // The requests under the selected node of the target tree.
    std::vector<RequestSpec> selectedRequests() const;
    std::vector<std::string> selectedFamilies() const;
    bool selectFamiliesOnly(const std::vector<std::string>& families);  // for the caller and tests

    void run();
    void cancel();
    bool isRunning() const;
    // Writes a report of the last scan: format "sarif", "json", "junit" or "html". Empty = success.
    QString exportReport(const QString& format, const QString& path) const;

    QTreeWidget* targetTree() const { return targets_; }
    QListWidget* familyList() const { return families_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* exportButton() const { return export_; }
    QProgressBar* progressBar() const { return progress_; }
    QTreeView* findingsView() const { return table_; }
    FindingsModel* findingsModel() const { return model_; }
    QComboBox* severityFilter() const { return severity_; }
    QLineEdit* textFilter() const { return filter_; }
    QCheckBox* groupByEndpoint() const { return group_; }
    CodeEditor* evidenceRequest() const { return evRequest_; }
    CodeEditor* evidenceResponse() const { return evResponse_; }
    QTextBrowser* detailView() const { return detail_; }
    QLabel* statusLabel() const { return status_; }
    const ScanResult* lastResult() const { return last_.get(); }

signals:
    void scanFinished(sonde::ui::ScanResultPtr result);

private:
    void buildFamilies();
    void showFinding(const Finding* finding);
    void showEvidence(int index);
    void chooseExport(const QString& format);
    QTreeWidgetItem* addFolder(QTreeWidgetItem* parent, const Folder& folder);

    ScanWorker* worker_;
    std::vector<RequestSpec> requestStore_;  // the tree's items point into this by index
    std::function<RequestSpec(const RequestSpec&)> resolver_;
    ScanOptions base_;
    std::vector<ScanTarget> lastTargets_;
    ScanOptions lastOptions_;
    ScanResultPtr last_;
    const Finding* shown_ = nullptr;
    QElapsedTimer clock_;

    QTreeWidget* targets_;
    QListWidget* families_;
    QCheckBox* unsafe_;
    QPushButton* run_;
    QPushButton* cancel_;
    QPushButton* export_;
    QProgressBar* progress_;
    QLabel* status_;
    QComboBox* severity_;
    QLineEdit* filter_;
    QCheckBox* group_;
    QTreeView* table_;
    FindingsModel* model_;
    FindingsFilter* proxy_;
    QTextBrowser* detail_;
    QComboBox* evidencePicker_;
    CodeEditor* evRequest_;
    CodeEditor* evResponse_;
};

}  // namespace sonde::ui
