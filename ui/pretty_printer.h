#pragma once
// Pretty-printing of bodies for display. Pure functions, safe to run on a worker thread
// (the response view runs them through QtConcurrent).
#include <QByteArray>
#include <QString>

namespace sonde::ui {

// Re-indents JSON text token by token without parsing it into a tree: fast on tens of megabytes,
// keeps numbers exactly as written and tolerates {{variables}} in place of values.
QByteArray reindentJson(const QByteArray& json, int indent = 2);
// Indents XML/HTML-like markup; returns the input unchanged when it is not well-formed XML.
QByteArray reindentXml(const QByteArray& xml);
// Picks the printer from the content type (json, xml); other types come back unchanged.
QByteArray prettyPrint(const QByteArray& body, const QString& contentType);
// True when the bytes look like text worth showing in an editor (no NUL in the first 8 KB).
bool looksLikeText(const QByteArray& body);

}  // namespace sonde::ui
