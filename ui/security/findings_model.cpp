#include "ui/security/findings_model.h"

#include <QColor>
#include <QUrl>

namespace sonde::ui {

namespace {
// Internal id of an index: 0 for top-level rows, group row + 1 for children of a group.
QString pathOf(const Finding& f) {
    if (!f.pathTemplate.empty()) return QString::fromStdString(f.pathTemplate);
    const QUrl url(QString::fromStdString(f.url));
    return url.path().isEmpty() ? QString::fromStdString(f.url) : url.path();
}
}  // namespace

QColor FindingsModel::severityColor(Severity s) {
    switch (s) {
        case Severity::Critical: return QColor(0x9c, 0x1c, 0x2c);
        case Severity::High: return QColor(0xd3, 0x2f, 0x2f);
        case Severity::Medium: return QColor(0xef, 0x6c, 0x00);
        case Severity::Low: return QColor(0xf9, 0xa8, 0x25);
        case Severity::Info: return QColor(0x54, 0x6e, 0x7a);
    }
    return {};
}

QString FindingsModel::endpointKey(const Finding& f) { return QString::fromStdString(f.method) + ' ' + pathOf(f); }

void FindingsModel::clear() { setFindings({}); }

void FindingsModel::setFindings(std::vector<Finding> findings) {
    beginResetModel();
    findings_ = std::move(findings);
    regroup();
    endResetModel();
}

void FindingsModel::setGrouped(bool grouped) {
    if (grouped == grouped_) return;
    beginResetModel();
    grouped_ = grouped;
    regroup();
    endResetModel();
}

void FindingsModel::regroup() {
    groups_.clear();
    for (int i = 0; i < static_cast<int>(findings_.size()); ++i) {
        const Finding& f = findings_[static_cast<std::size_t>(i)];
        Group& g = groups_[static_cast<std::size_t>(groupOf(f))];
        g.members.push_back(i);
        if (f.severity > g.worst) g.worst = f.severity;
    }
}

int FindingsModel::groupOf(const Finding& f) {
    const QString key = endpointKey(f);
    for (int i = 0; i < static_cast<int>(groups_.size()); ++i)
        if (groups_[static_cast<std::size_t>(i)].key == key) return i;
    groups_.push_back({key, {}, f.severity});
    return static_cast<int>(groups_.size()) - 1;
}

void FindingsModel::addFinding(const Finding& finding) {
    const int idx = static_cast<int>(findings_.size());
    if (!grouped_) {
        beginInsertRows({}, idx, idx);
        findings_.push_back(finding);
        regroup();
        endInsertRows();
        return;
    }
    const QString key = endpointKey(finding);
    int g = -1;
    for (int i = 0; i < static_cast<int>(groups_.size()); ++i)
        if (groups_[static_cast<std::size_t>(i)].key == key) g = i;
    if (g < 0) {
        const int gi = static_cast<int>(groups_.size());
        beginInsertRows({}, gi, gi);
        findings_.push_back(finding);
        groups_.push_back({key, {idx}, finding.severity});
        endInsertRows();
        return;
    }
    Group& group = groups_[static_cast<std::size_t>(g)];
    const int row = static_cast<int>(group.members.size());
    beginInsertRows(index(g, 0), row, row);
    findings_.push_back(finding);
    group.members.push_back(idx);
    if (finding.severity > group.worst) group.worst = finding.severity;
    endInsertRows();
    emit dataChanged(index(g, 0), index(g, ColumnCount - 1));
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (!parent.isValid()) {
        const int n = grouped_ ? static_cast<int>(groups_.size()) : static_cast<int>(findings_.size());
        return row < n ? createIndex(row, column, quintptr(0)) : QModelIndex();
    }
    if (!grouped_ || parent.internalId() != 0 || parent.row() >= static_cast<int>(groups_.size())) return {};
    const auto& members = groups_[static_cast<std::size_t>(parent.row())].members;
    return row < static_cast<int>(members.size()) ? createIndex(row, column, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex FindingsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId()) - 1, 0, quintptr(0));
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return grouped_ ? static_cast<int>(groups_.size()) : static_cast<int>(findings_.size());
    if (!grouped_ || parent.internalId() != 0 || parent.column() != 0) return 0;
    return static_cast<int>(groups_[static_cast<std::size_t>(parent.row())].members.size());
}

int FindingsModel::columnCount(const QModelIndex&) const { return ColumnCount; }

const Finding* FindingsModel::findingAt(const QModelIndex& index) const {
    const int i = index.isValid() ? index.data(FindingIndexRole).toInt() : -1;
    return i >= 0 && i < static_cast<int>(findings_.size()) ? &findings_[static_cast<std::size_t>(i)] : nullptr;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    int fi = -1;
    if (!grouped_) fi = index.row();
    else if (index.internalId() != 0)
        fi = groups_[index.internalId() - 1].members[static_cast<std::size_t>(index.row())];
    if (fi < 0) {  // a group row
        const Group& g = groups_[static_cast<std::size_t>(index.row())];
        switch (role) {
            case Qt::DisplayRole:
                if (index.column() == SeverityCol) return QString::fromLatin1(toString(g.worst));
                if (index.column() == EndpointCol) return tr("%1  (%n finding(s))", nullptr, int(g.members.size())).arg(g.key);
                return {};
            case Qt::ForegroundRole:
            case Qt::DecorationRole:
                return index.column() == SeverityCol ? QVariant(severityColor(g.worst)) : QVariant();
            case FindingIndexRole: return -1;
            case SeverityRole: return int(g.worst);
            case SearchTextRole: return g.key;
            default: return {};
        }
    }
    const Finding& f = findings_[static_cast<std::size_t>(fi)];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case SeverityCol: return QString::fromLatin1(toString(f.severity));
                case ConfidenceCol: return QString::fromLatin1(toString(f.confidence));
                case CheckCol: return QString::fromStdString(f.title.empty() ? f.checkId : f.title);
                case MethodCol: return QString::fromStdString(f.method);
                case EndpointCol: return QString::fromStdString(f.url);
                case ParameterCol: return QString::fromStdString(f.parameter);
                default: return {};
            }
        case Qt::ToolTipRole: return QString::fromStdString(f.checkId + ": " + f.detail);
        case Qt::BackgroundRole:
            return index.column() == SeverityCol ? QVariant(severityColor(f.severity)) : QVariant();
        case Qt::DecorationRole:  // stays visible on a selected row, where the background does not
            return index.column() == SeverityCol ? QVariant(severityColor(f.severity)) : QVariant();
        case Qt::ForegroundRole:
            return index.column() == SeverityCol ? QVariant(QColor(Qt::white)) : QVariant();
        case FindingIndexRole: return fi;
        case SeverityRole: return int(f.severity);
        case SearchTextRole:
            return QString::fromStdString(f.title + ' ' + f.checkId + ' ' + f.url + ' ' + f.parameter + ' ' + f.payload +
                                          ' ' + f.detail + ' ' + f.method);
        default: return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case SeverityCol: return tr("Severity");
        case ConfidenceCol: return tr("Confidence");
        case CheckCol: return tr("Check");
        case MethodCol: return tr("Method");
        case EndpointCol: return tr("Endpoint");
        case ParameterCol: return tr("Parameter");
        default: return {};
    }
}

FindingsFilter::FindingsFilter(QObject* parent) : QSortFilterProxyModel(parent) { setRecursiveFilteringEnabled(true); }

void FindingsFilter::setMinimumSeverity(Severity s) {
    minimum_ = s;
    invalidateFilter();
}

void FindingsFilter::setText(const QString& text) {
    text_ = text.trimmed();
    invalidateFilter();
}

bool FindingsFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (i.data(FindingsModel::FindingIndexRole).toInt() < 0) return false;  // groups stay through their children
    if (i.data(FindingsModel::SeverityRole).toInt() < int(minimum_)) return false;
    return text_.isEmpty() || i.data(FindingsModel::SearchTextRole).toString().contains(text_, Qt::CaseInsensitive);
}

}  // namespace sonde::ui
