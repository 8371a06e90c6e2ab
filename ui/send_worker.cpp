#include "ui/send_worker.h"

#include <QMetaObject>

namespace sonde::ui {

SendWorker::SendWorker(QObject* parent, EngineOptions options)
    : QObject(parent), engine_(std::make_unique<Engine>(std::move(options))) {}

SendWorker::~SendWorker() {
    // Destroying the engine cancels and joins; callbacks fired meanwhile post to this still-valid
    // QObject, and Qt discards those posted events when it is destroyed right after.
    engine_.reset();
}

ExchangeId SendWorker::send(RequestSpec request) {
    return engine_->submit(std::move(request), [this](ExchangeId id, ExchangeResult result) {
        auto shared = std::make_shared<const ExchangeResult>(std::move(result));
        QMetaObject::invokeMethod(this, [this, id, shared] { emit finished(id, shared); }, Qt::QueuedConnection);
    });
}

bool SendWorker::cancel(ExchangeId id) { return engine_->cancel(id); }

}  // namespace sonde::ui
