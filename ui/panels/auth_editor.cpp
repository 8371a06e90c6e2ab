#include "ui/panels/auth_editor.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace sonde::ui {

namespace {
const AuthKind kKinds[] = {AuthKind::None, AuthKind::Basic, AuthKind::Bearer, AuthKind::ApiKey,
                           AuthKind::Digest, AuthKind::Ntlm, AuthKind::AwsSigV4};
}

AuthEditor::AuthEditor(QWidget* parent) : QWidget(parent) {
    form_ = new QFormLayout(this);
    kind_ = new QComboBox(this);
    kind_->addItems({tr("No auth"), tr("Basic"), tr("Bearer token"), tr("API key"), tr("Digest"), tr("NTLM"),
                     tr("AWS Signature v4")});
    form_->addRow(tr("Type"), kind_);
    using K = AuthKind;
    username_ = addField(tr("Username"));
    password_ = addField(tr("Password"), true);
    token_ = addField(tr("Token"), true);
    keyName_ = addField(tr("Key name"));
    keyValue_ = addField(tr("Key value"), true);
    inQuery_ = new QCheckBox(tr("Send in the query string instead of a header"), this);
    form_->addRow(QString(), inQuery_);
    accessKey_ = addField(tr("Access key"));
    secretKey_ = addField(tr("Secret key"), true);
    session_ = addField(tr("Session token"), true);
    region_ = addField(tr("Region"));
    service_ = addField(tr("Service"));
    visibleFor_ = {{username_, {K::Basic, K::Digest, K::Ntlm}}, {password_, {K::Basic, K::Digest, K::Ntlm}},
                   {token_, {K::Bearer}}, {keyName_, {K::ApiKey}}, {keyValue_, {K::ApiKey}}, {inQuery_, {K::ApiKey}},
                   {accessKey_, {K::AwsSigV4}}, {secretKey_, {K::AwsSigV4}}, {session_, {K::AwsSigV4}},
                   {region_, {K::AwsSigV4}}, {service_, {K::AwsSigV4}}};
    connect(kind_, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        if (!loading_) emit edited();
    });
    connect(inQuery_, &QCheckBox::toggled, this, [this] { if (!loading_) emit edited(); });
    updateVisibility();
}

QLineEdit* AuthEditor::addField(const QString& label, bool secret) {
    auto* e = new QLineEdit(this);
    if (secret) {
        e->setEchoMode(QLineEdit::Password);
        auto* reveal = e->addAction(QIcon::fromTheme(QStringLiteral("view-visible")), QLineEdit::TrailingPosition);
        reveal->setCheckable(true);
        reveal->setText(tr("Show"));
        reveal->setToolTip(tr("Show or hide the value"));
        connect(reveal, &QAction::toggled, e, [e](bool on) { e->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    }
    e->setPlaceholderText(secret ? tr("value or {{variable}}") : QString());
    connect(e, &QLineEdit::textEdited, this, &AuthEditor::edited);
    form_->addRow(label, e);
    return e;
}

void AuthEditor::updateVisibility() {
    const AuthKind k = kKinds[qMax(0, kind_->currentIndex())];
    for (const auto& [w, kinds] : visibleFor_)
        form_->setRowVisible(w, std::find(kinds.begin(), kinds.end(), k) != kinds.end());
}

void AuthEditor::setAuth(const Auth& a) {
    loading_ = true;
    kind_->setCurrentIndex(static_cast<int>(std::find(std::begin(kKinds), std::end(kKinds), a.kind) - std::begin(kKinds)));
    auto set = [](QLineEdit* e, const std::string& v) { e->setText(QString::fromStdString(v)); };
    set(username_, a.username), set(password_, a.password), set(token_, a.token), set(keyName_, a.keyName);
    set(keyValue_, a.keyValue), set(accessKey_, a.accessKey), set(secretKey_, a.secretKey);
    set(session_, a.sessionToken), set(region_, a.region), set(service_, a.service);
    inQuery_->setChecked(a.keyInQuery);
    updateVisibility();
    loading_ = false;
}

Auth AuthEditor::auth() const {
    Auth a;
    a.kind = kKinds[qMax(0, kind_->currentIndex())];
    auto get = [](QLineEdit* e) { return e->text().toStdString(); };
    a.username = get(username_), a.password = get(password_), a.token = get(token_), a.keyName = get(keyName_);
    a.keyValue = get(keyValue_), a.accessKey = get(accessKey_), a.secretKey = get(secretKey_);
    a.sessionToken = get(session_), a.region = get(region_), a.service = get(service_);
    a.keyInQuery = inQuery_->isChecked();
    return a;
}

}  // namespace sonde::ui
