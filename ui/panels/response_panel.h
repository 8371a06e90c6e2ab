#pragma once
// ResponsePanel: what came back. A status badge coloured by class, time and size, "Copy as curl", and
// tabs Body, JSON (lazy tree, parsed off the UI thread when first shown), Headers, Cookies, Timing,
// Tests. Errors (refused, DNS, TLS, timeout, cancelled) show here as text, never as dialogs.
#include <QWidget>

#include <memory>
#include <vector>

#include "core/http/engine.h"
#include "core/model/response.h"
#include "ui/panels/tests_editor.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTreeView;

namespace sonde::ui {

class BodyView;
class JsonTreeModel;
class TimingView;

class ResponsePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kAutoTreeLimit = 16 * 1024 * 1024;  // larger JSON is parsed on request

    explicit ResponsePanel(QWidget* parent = nullptr);

    void showEmpty();
    void showSending();
    void showExchange(std::shared_ptr<const Exchange> exchange, const std::vector<Cookie>& cookies = {});
    void showError(const Error& error);
    void setOutcomes(const std::vector<AssertionOutcome>& outcomes, const std::vector<Assertion>& assertions);

    QLabel* statusBadge() const { return status_; }
    QLabel* errorLabel() const { return error_; }
    BodyView* bodyView() const { return body_; }
    QTreeView* jsonTree() const { return tree_; }
    JsonTreeModel* jsonModel() const { return model_; }
    QTabWidget* tabs() const { return tabs_; }
    QTableWidget* headersTable() const { return headers_; }
    QString curl() const;
    void parseJsonTree();  // builds the JSON tree on a worker (automatic for bodies up to kAutoTreeLimit)
    std::shared_ptr<const Exchange> exchange() const { return exchange_; }

signals:
    void responseShown();  // an exchange or an error is on screen (the body may still be formatting)
    void jsonTreeReady();

private:

    std::shared_ptr<const Exchange> exchange_;
    quint64 generation_ = 0;
    bool treeParsed_ = false;
    QLabel *status_, *time_, *size_;
    QPushButton* curl_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QLabel* error_;
    QTabWidget* tabs_;
    BodyView* body_;
    QTreeView* tree_;
    JsonTreeModel* model_;
    QLabel* treeStatus_;
    QPushButton* parseButton_;
    QTableWidget* headers_;
    QTableWidget* cookies_;
    TimingView* timing_;
    QTableWidget* tests_;
};

}  // namespace sonde::ui
