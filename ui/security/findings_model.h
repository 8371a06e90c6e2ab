#pragma once
// FindingsModel: scan findings as a table (Severity, Confidence, Check, Method, Endpoint, Parameter),
// flat or grouped under one parent row per endpoint ("GET /users/{id}", with its count and worst
// severity). Severity cells carry the severity colour. FindingsFilter keeps findings at or above a
// severity whose text (title, check, URL, parameter, payload, detail) contains the filter text; group
// rows stay while one of their findings does.
#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <vector>

#include "core/security/finding.h"

namespace sonde::ui {

class FindingsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { SeverityCol, ConfidenceCol, CheckCol, MethodCol, EndpointCol, ParameterCol, ColumnCount };
    static constexpr int FindingIndexRole = Qt::UserRole + 1;  // int, -1 on group rows
    static constexpr int SeverityRole = Qt::UserRole + 2;      // int(Severity), the worst one on group rows
    static constexpr int SearchTextRole = Qt::UserRole + 3;

    using QAbstractItemModel::QAbstractItemModel;

    void clear();
    void addFinding(const Finding& finding);
    void setFindings(std::vector<Finding> findings);
    const std::vector<Finding>& findings() const { return findings_; }
    const Finding* findingAt(const QModelIndex& index) const;

    void setGrouped(bool grouped);
    bool grouped() const { return grouped_; }

    static QColor severityColor(Severity s);
    static QString endpointKey(const Finding& f);  // "GET /path/template"

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Group {
        QString key;
        std::vector<int> members;  // indices into findings_
        Severity worst = Severity::Info;
    };
    void regroup();
    int groupOf(const Finding& f);

    std::vector<Finding> findings_;
    std::vector<Group> groups_;
    bool grouped_ = false;
};

class FindingsFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit FindingsFilter(QObject* parent = nullptr);
    void setMinimumSeverity(Severity s);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Severity minimum_ = Severity::Info;
    QString text_;
};

}  // namespace sonde::ui
