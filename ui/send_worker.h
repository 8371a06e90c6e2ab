#pragma once
// SendWorker: the bridge between sonde::Engine (callbacks on the engine's thread) and the UI thread.
// Each finished exchange is re-posted to the UI thread and emitted as finished(id, result) carrying a
// shared, immutable copy; the UI thread never waits for the network. Owns or borrows the Engine.
#include <QObject>

#include <memory>

#include "core/http/engine.h"

namespace sonde::ui {

using ExchangeResultPtr = std::shared_ptr<const ExchangeResult>;

class SendWorker : public QObject {
    Q_OBJECT
public:
    explicit SendWorker(QObject* parent = nullptr, EngineOptions options = {});
    ~SendWorker() override;  // cancels what is in flight and joins the engine thread

    // `request` must have its variables resolved. Returns the id carried by finished().
    ExchangeId send(RequestSpec request);
    bool cancel(ExchangeId id);
    Engine& engine() { return *engine_; }
    std::vector<Cookie> cookies() const { return engine_->cookies(); }

signals:
    void finished(sonde::ExchangeId id, sonde::ui::ExchangeResultPtr result);

private:
    std::unique_ptr<Engine> engine_;
};

}  // namespace sonde::ui
