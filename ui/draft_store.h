#pragma once
// DraftStore: unsaved tabs survive a crash. Each dirty tab's request is written to
// <dir>/<tab key>.json (atomically, on a worker thread) a moment after the last edit; saving or
// closing the tab removes its draft; the next start reopens whatever drafts remain.
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

#include "core/model/request.h"

namespace sonde::ui {

struct Draft {
    std::string key;
    std::string collectionId;
    RequestSpec request;
};

class DraftStore : public QObject {
    Q_OBJECT
public:
    explicit DraftStore(QString directory, QObject* parent = nullptr, int debounceMs = 500);
    ~DraftStore() override;  // waits for pending writes

    void schedule(const Draft& draft);  // debounced write
    void remove(const std::string& key);
    std::vector<Draft> load() const;
    void flush();  // writes what is scheduled now and waits for all writes
    const QString& directory() const { return dir_; }

signals:
    void written(const QString& key);

private:
    void writePending();

    QString dir_;
    QTimer timer_;
    QHash<QString, Draft> pending_;
    std::vector<QFuture<void>> writes_;
};

}  // namespace sonde::ui
