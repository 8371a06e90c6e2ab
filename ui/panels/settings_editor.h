#pragma once
// SettingsEditor: the request's Settings tab (HttpOptions: timeouts, redirects, TLS, HTTP version, proxy).
#include <QWidget>

#include "core/model/request.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace sonde::ui {

class SettingsEditor : public QWidget {
    Q_OBJECT
public:
    explicit SettingsEditor(QWidget* parent = nullptr);
    void setOptions(const HttpOptions& options);  // does not emit edited()
    HttpOptions options() const;

signals:
    void edited();

private:
    HttpOptions original_;  // keeps what this form does not show (resolve, connect-to, spill...)
    QCheckBox *follow_, *verify_, *compressed_;
    QSpinBox *maxRedirects_, *connectTimeout_, *timeout_;
    QLineEdit *caFile_, *clientCert_, *clientKey_, *proxy_;
    QComboBox* version_;
    bool loading_ = false;
};

}  // namespace sonde::ui
