#include "ui/draft_store.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "core/model/json.h"

namespace sonde::ui {

namespace {
void writeDraft(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);  // write to a temp file, rename on commit: never half a draft
    if (!f.open(QIODevice::WriteOnly)) return;
    f.write(bytes);
    f.commit();
}
}  // namespace

DraftStore::DraftStore(QString directory, QObject* parent, int debounceMs) : QObject(parent), dir_(std::move(directory)) {
    QDir().mkpath(dir_);
    timer_.setSingleShot(true);
    timer_.setInterval(debounceMs);
    connect(&timer_, &QTimer::timeout, this, &DraftStore::writePending);
}

void DraftStore::writePending() {
    {
        writes_.erase(std::remove_if(writes_.begin(), writes_.end(), [](const QFuture<void>& f) { return f.isFinished(); }),
                      writes_.end());
        for (auto it = pending_.cbegin(); it != pending_.cend(); ++it) {
            nlohmann::json j{{"key", it->key}, {"collectionId", it->collectionId}, {"request", it->request}};
            const QString path = dir_ + QLatin1Char('/') + it.key() + QStringLiteral(".json");
            const QByteArray bytes = QByteArray::fromStdString(j.dump());
            const QString key = it.key();
            auto future = QtConcurrent::run(writeDraft, path, bytes);
            writes_.push_back(future);
            emit written(key);
        }
        pending_.clear();
    }
}

DraftStore::~DraftStore() { flush(); }

void DraftStore::schedule(const Draft& draft) {
    pending_.insert(QString::fromStdString(draft.key), draft);
    timer_.start();
}

void DraftStore::remove(const std::string& key) {
    const QString k = QString::fromStdString(key);
    pending_.remove(k);
    for (auto& f : writes_) f.waitForFinished();  // a late write must not resurrect the draft
    QFile::remove(dir_ + QLatin1Char('/') + k + QStringLiteral(".json"));
}

void DraftStore::flush() {
    timer_.stop();
    writePending();
    for (auto& f : writes_) f.waitForFinished();
    writes_.clear();
}

std::vector<Draft> DraftStore::load() const {
    std::vector<Draft> out;
    const QDir dir(dir_);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Time)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
        if (j.is_discarded() || !j.contains("request")) continue;
        Draft d;
        d.key = j.value("key", name.chopped(5).toStdString());
        d.collectionId = j.value("collectionId", std::string());
        d.request = j["request"].get<RequestSpec>();
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace sonde::ui
