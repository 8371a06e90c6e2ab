#pragma once
// AuthEditor: the request's Auth tab, one form per kind that core/model's Auth supports
// (none, Basic, Bearer, API key in header or query, Digest, NTLM, AWS Signature v4).
#include <QWidget>

#include <map>

#include "core/model/request.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;

namespace sonde::ui {

class AuthEditor : public QWidget {
    Q_OBJECT
public:
    explicit AuthEditor(QWidget* parent = nullptr);
    void setAuth(const Auth& auth);  // does not emit edited()
    Auth auth() const;
    QComboBox* kindCombo() const { return kind_; }

signals:
    void edited();

private:
    QLineEdit* addField(const QString& label, bool secret = false);
    void updateVisibility();

    QComboBox* kind_;
    QFormLayout* form_;
    QLineEdit *username_, *password_, *token_, *keyName_, *keyValue_, *accessKey_, *secretKey_, *session_, *region_,
        *service_;
    QCheckBox* inQuery_;
    std::map<QWidget*, std::vector<AuthKind>> visibleFor_;
    bool loading_ = false;
};

}  // namespace sonde::ui
