#include "ui/widgets/variable_lookup.h"

#include <QObject>
#include <QRegularExpression>

namespace sonde::ui {

QList<VariableSpan> findVariableSpans(const QString& text) {
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([^{}\\s][^{}]*?)\\s*\\}\\}"));
    QList<VariableSpan> out;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out.push_back({static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), m.captured(1)});
    }
    return out;
}

QString describeVariable(const VariableLookup& lookup, const QString& name) {
    const auto info = lookup(name);
    if (!info) return QObject::tr("{{%1}} is not defined in the active environment or collection").arg(name);
    const QString value = info->secret ? QStringLiteral("••••••") : info->value;
    return info->scope.isEmpty() ? QStringLiteral("%1 = %2").arg(name, value)
                                 : QStringLiteral("%1 = %2  (%3)").arg(name, value, info->scope);
}

}  // namespace sonde::ui
