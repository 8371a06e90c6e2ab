#pragma once
// QuickOpenDialog (Ctrl+P): type part of a request's name, folder or URL, Enter opens it.
#include <QDialog>

class QLineEdit;
class QListWidget;

namespace sonde::ui {

class Workspace;

class QuickOpenDialog : public QDialog {
    Q_OBJECT
public:
    QuickOpenDialog(Workspace* workspace, QWidget* parent = nullptr);
    void popup();  // refreshes the list and shows the dialog (non-blocking)
    QLineEdit* filterEdit() const { return filter_; }
    QListWidget* list() const { return list_; }

signals:
    void requestChosen(const std::string& collectionId, const std::string& requestId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFilter(const QString& text);
    void choose();

    Workspace* workspace_;
    QLineEdit* filter_;
    QListWidget* list_;
};

}  // namespace sonde::ui
