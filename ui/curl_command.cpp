#include "ui/curl_command.h"

#include <QStringList>

namespace sonde::ui {

QString shellQuote(const QString& s) {
    QString out = s;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

QString curlCommand(const SentRequest& r) {
    QStringList parts{QStringLiteral("curl")};
    const QString method = QString::fromStdString(r.method);
    if (method != QLatin1String("GET") || !r.body.empty()) parts << QStringLiteral("-X") << method;
    parts << shellQuote(QString::fromStdString(r.url));
    for (const auto& h : r.headers)
        parts << QStringLiteral("\\\n  -H") << shellQuote(QString::fromStdString(h.name + ": " + h.value));
    if (!r.body.empty() && !r.bodyIsSummary)
        parts << QStringLiteral("\\\n  --data-raw") << shellQuote(QString::fromStdString(r.body));
    return parts.join(QLatin1Char(' '));
}

}  // namespace sonde::ui
