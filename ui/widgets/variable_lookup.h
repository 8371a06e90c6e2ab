#pragma once
// VariableLookup: how editors ask for the value of a {{variable}} (resolved value, secret flag) and
// for the names that completion may offer. The main window fills it from the active scopes.
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace sonde::ui {

struct VariableInfo {
    QString value;
    bool secret = false;
    QString scope;  // "environment", "collection", "runtime", "dynamic"
};

struct VariableLookup {
    std::function<std::optional<VariableInfo>(const QString& name)> find;
    std::function<QStringList()> names;

    std::optional<VariableInfo> operator()(const QString& name) const {
        if (name.startsWith(QLatin1Char('$'))) return VariableInfo{QStringLiteral("(generated on send)"), false, QStringLiteral("dynamic")};
        return find ? find(name) : std::nullopt;
    }
    QStringList allNames() const { return names ? names() : QStringList(); }
};

// Finds {{name}} spans in text: (start, length, name). Names are trimmed.
struct VariableSpan {
    int start = 0;
    int length = 0;
    QString name;
};
QList<VariableSpan> findVariableSpans(const QString& text);

// What a tooltip says about a variable: its resolved value (masked if secret) or "unresolved".
QString describeVariable(const VariableLookup& lookup, const QString& name);

}  // namespace sonde::ui
