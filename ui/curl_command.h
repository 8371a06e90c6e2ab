#pragma once
// "Copy as curl": a shell-safe curl command line for a request exactly as it was sent.
#include <QString>

#include "core/model/response.h"

namespace sonde::ui {

QString curlCommand(const SentRequest& request);
QString shellQuote(const QString& s);

}  // namespace sonde::ui
