#pragma once
// ImportController: File > Import… — reads a Postman collection or environment, a HAR file, a curl
// command file or a collection directory off the UI thread (core/formats/importer.h), then adds the
// result to the workspace with new ids (nothing the user has is ever replaced). Warnings come back as
// one list, not as a storm of dialogs.
#include <QObject>
#include <QStringList>

namespace sonde::ui {

class Workspace;

class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(Workspace* workspace, QObject* parent = nullptr);

    // Starts an import; emits imported() or failed() on the UI thread when done.
    void importFile(const QString& path);
    bool busy() const { return busy_; }

signals:
    void imported(const QString& summary, const QStringList& warnings);
    void failed(const QString& message);

private:
    Workspace* workspace_;
    bool busy_ = false;
};

}  // namespace sonde::ui
