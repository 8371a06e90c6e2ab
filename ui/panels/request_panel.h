#pragma once
// RequestPanel: edits one RequestSpec. Method (custom methods allowed), a URL line with {{variable}}
// highlighting and completion, Send (turning into Cancel while in flight) and the tabs Params (kept in
// sync with the URL's query), Headers, Body, Auth, Tests, Settings.
#include <QWidget>

#include "core/model/request.h"
#include "ui/widgets/variable_lookup.h"

class QComboBox;
class QPushButton;
class QTabWidget;

namespace sonde::ui {

class AuthEditor;
class BodyEditor;
class KeyValueTable;
class SettingsEditor;
class TestsEditor;
class UrlLineEdit;

class RequestPanel : public QWidget {
    Q_OBJECT
public:
    explicit RequestPanel(QWidget* parent = nullptr);

    void setRequest(const RequestSpec& request);  // does not emit edited()
    RequestSpec request() const;
    void setLookup(const VariableLookup& lookup);
    void setBusy(bool busy);  // Send <-> Cancel
    // A curl command (pasted into the URL line) replaces the method, URL, params, headers, body, auth
    // and settings; false (with the reason in a tooltip) when it cannot be read.
    bool applyCurl(const QString& command);
    bool isBusy() const { return busy_; }

    QComboBox* methodCombo() const { return method_; }
    UrlLineEdit* urlEdit() const { return url_; }
    QPushButton* sendButton() const { return send_; }
    KeyValueTable* paramsTable() const { return params_; }
    KeyValueTable* headersTable() const { return headers_; }
    BodyEditor* bodyEditor() const { return body_; }
    AuthEditor* authEditor() const { return auth_; }
    TestsEditor* testsEditor() const { return tests_; }
    QTabWidget* tabs() const { return tabs_; }

    // URL query helpers (raw text, {{variables}} untouched): "a?x=1&y" -> ("a", [x=1, y=]).
    static std::pair<QString, std::vector<KeyValue>> splitQuery(const QString& url);
    static QString joinQuery(const QString& base, const std::vector<KeyValue>& params);

signals:
    void sendRequested();
    void cancelRequested();
    void edited();

private:
    void syncParamsFromUrl();
    void syncUrlFromParams();
    void updateTabTitles();

    RequestSpec original_;
    QComboBox* method_;
    UrlLineEdit* url_;
    QPushButton* send_;
    QTabWidget* tabs_;
    KeyValueTable* params_;
    KeyValueTable* headers_;
    BodyEditor* body_;
    AuthEditor* auth_;
    TestsEditor* tests_;
    SettingsEditor* settings_;
    bool busy_ = false;
    bool syncing_ = false;
    bool loading_ = false;
};

}  // namespace sonde::ui
