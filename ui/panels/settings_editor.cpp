#include "ui/panels/settings_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace sonde::ui {

SettingsEditor::SettingsEditor(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    auto check = [this](const QString& text) {
        auto* c = new QCheckBox(text, this);
        connect(c, &QCheckBox::toggled, this, [this] { if (!loading_) emit edited(); });
        return c;
    };
    auto spin = [this](int min, int max, const QString& suffix) {
        auto* s = new QSpinBox(this);
        s->setRange(min, max);
        s->setSuffix(suffix);
        connect(s, &QSpinBox::valueChanged, this, [this] { if (!loading_) emit edited(); });
        return s;
    };
    auto line = [this](const QString& placeholder) {
        auto* e = new QLineEdit(this);
        e->setPlaceholderText(placeholder);
        connect(e, &QLineEdit::textEdited, this, &SettingsEditor::edited);
        return e;
    };
    follow_ = check(tr("Follow redirects"));
    maxRedirects_ = spin(0, 100, QString());
    connectTimeout_ = spin(1, 600000, tr(" ms"));
    timeout_ = spin(1, 3600000, tr(" ms"));
    verify_ = check(tr("Verify the server's TLS certificate"));
    compressed_ = check(tr("Accept compressed responses (gzip, br, deflate)"));
    caFile_ = line(tr("system CA bundle"));
    clientCert_ = line(tr("PEM file for mutual TLS"));
    clientKey_ = line(tr("PEM key file"));
    proxy_ = line(tr("from http_proxy/https_proxy"));
    version_ = new QComboBox(this);
    version_->addItems({tr("Automatic"), tr("HTTP/1.1"), tr("HTTP/2")});
    connect(version_, &QComboBox::currentIndexChanged, this, [this] { if (!loading_) emit edited(); });
    form->addRow(QString(), follow_);
    form->addRow(tr("Maximum redirects"), maxRedirects_);
    form->addRow(tr("Connect timeout"), connectTimeout_);
    form->addRow(tr("Total timeout"), timeout_);
    form->addRow(tr("HTTP version"), version_);
    form->addRow(QString(), verify_);
    form->addRow(tr("CA file"), caFile_);
    form->addRow(tr("Client certificate"), clientCert_);
    form->addRow(tr("Client key"), clientKey_);
    form->addRow(tr("Proxy"), proxy_);
    form->addRow(QString(), compressed_);
    setOptions({});
}

void SettingsEditor::setOptions(const HttpOptions& o) {
    loading_ = true;
    original_ = o;
    follow_->setChecked(o.followRedirects);
    maxRedirects_->setValue(o.maxRedirects);
    connectTimeout_->setValue(static_cast<int>(o.connectTimeoutMs));
    timeout_->setValue(static_cast<int>(o.timeoutMs));
    verify_->setChecked(o.verifyTls);
    compressed_->setChecked(o.acceptEncoding);
    caFile_->setText(QString::fromStdString(o.caFile));
    clientCert_->setText(QString::fromStdString(o.clientCert));
    clientKey_->setText(QString::fromStdString(o.clientKey));
    proxy_->setText(QString::fromStdString(o.proxy));
    version_->setCurrentIndex(static_cast<int>(o.httpVersion));
    loading_ = false;
}

HttpOptions SettingsEditor::options() const {
    HttpOptions o = original_;
    o.followRedirects = follow_->isChecked();
    o.maxRedirects = maxRedirects_->value();
    o.connectTimeoutMs = connectTimeout_->value();
    o.timeoutMs = timeout_->value();
    o.verifyTls = verify_->isChecked();
    o.acceptEncoding = compressed_->isChecked();
    o.caFile = caFile_->text().toStdString();
    o.clientCert = clientCert_->text().toStdString();
    o.clientKey = clientKey_->text().toStdString();
    o.proxy = proxy_->text().toStdString();
    o.httpVersion = static_cast<HttpVersion>(version_->currentIndex());
    return o;
}

}  // namespace sonde::ui
