#include "ui/graphql/schema_explorer_panel.h"

#include <QApplication>
#include <algorithm>
#include <cctype>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPalette>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "core/graphql/schema.h"

namespace sonde::ui {

using graphql::TypeDef;
using graphql::TypeKind;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

int memberCount(const TypeDef& t) {
    switch (t.kind) {
        case TypeKind::Object:
        case TypeKind::Interface: return static_cast<int>(t.fields.size());
        case TypeKind::Enum: return static_cast<int>(t.enumValues.size());
        case TypeKind::InputObject: return static_cast<int>(t.inputFields.size());
        case TypeKind::Union: return static_cast<int>(t.possibleTypes.size());
        case TypeKind::Scalar: return 0;
    }
    return 0;
}

struct MemberView {
    QString name, type, description, deprecation;
    bool deprecated = false;
    bool isField = false;
    QString args;  // "(first: Int = 10)"
};

MemberView member(const TypeDef& t, int i) {
    MemberView m;
    switch (t.kind) {
        case TypeKind::Object:
        case TypeKind::Interface: {
            const auto& f = t.fields[static_cast<std::size_t>(i)];
            m = {q(f.name), q(f.type.toString()), q(f.description), q(f.deprecationReason), f.deprecated, true, {}};
            QStringList args;
            for (const auto& a : f.arguments)
                args << q(a.name) + ": " + q(a.type.toString()) + (a.hasDefault ? " = " + q(a.defaultValue) : QString());
            if (!args.isEmpty()) m.args = "(" + args.join(", ") + ")";
            break;
        }
        case TypeKind::Enum: {
            const auto& v = t.enumValues[static_cast<std::size_t>(i)];
            m = {q(v.name), {}, q(v.description), q(v.deprecationReason), v.deprecated, false, {}};
            break;
        }
        case TypeKind::InputObject: {
            const auto& f = t.inputFields[static_cast<std::size_t>(i)];
            m = {q(f.name), q(f.type.toString()), q(f.description), q(f.deprecationReason), f.deprecated, false, {}};
            if (f.hasDefault) m.type += " = " + q(f.defaultValue);
            break;
        }
        case TypeKind::Union: m.name = q(t.possibleTypes[static_cast<std::size_t>(i)]); break;
        case TypeKind::Scalar: break;
    }
    return m;
}

QString typeLink(const QString& typeText) {
    QString named = typeText;
    named.remove('[').remove(']').remove('!');
    named = named.section(' ', 0, 0);
    return QStringLiteral("<a href=\"type:%1\">%2</a>").arg(named.toHtmlEscaped(), typeText.toHtmlEscaped());
}

}  // namespace

void SchemaRowModel::reset(SchemaPtr schema, std::vector<SchemaRow> rows, bool qualified) {
    beginResetModel();
    schema_ = std::move(schema);
    rows_ = std::move(rows);
    qualified_ = qualified;
    endResetModel();
}

int SchemaRowModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

const SchemaRow* SchemaRowModel::row(int i) const {
    return i >= 0 && i < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(i)] : nullptr;
}

QVariant SchemaRowModel::data(const QModelIndex& index, int role) const {
    const SchemaRow* r = row(index.row());
    if (!r || !schema_) return {};
    const TypeDef& t = schema_->types()[static_cast<std::size_t>(r->type)];
    if (r->member < 0) {
        if (role == Qt::DisplayRole)
            return q(t.name) + QStringLiteral("  ") + QString::fromLatin1(graphql::toString(t.kind)).toLower();
        if (role == Qt::ToolTipRole) return q(t.description);
        return {};
    }
    const MemberView m = member(t, r->member);
    switch (role) {
        case Qt::DisplayRole: {
            QString s = qualified_ ? q(t.name) + "." + m.name : m.name;
            s += m.args;
            if (!m.type.isEmpty()) s += ": " + m.type;
            if (m.deprecated) s += QObject::tr("  (deprecated)");
            return s;
        }
        case Qt::ToolTipRole: return m.description;
        case Qt::ForegroundRole:
            return m.deprecated ? QVariant(QApplication::palette().color(QPalette::Disabled, QPalette::Text)) : QVariant();
        case Qt::FontRole: {
            if (!m.deprecated) return {};
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        default: return {};
    }
}

SchemaExplorerPanel::SchemaExplorerPanel(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    back_ = new QPushButton(tr("◀ Back"), this);
    back_->setEnabled(false);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Search types and fields"));
    filter_->setClearButtonEnabled(true);
    bar->addWidget(back_);
    bar->addWidget(filter_, 1);
    lay->addLayout(bar);
    title_ = new QLabel(tr("No schema: introspect the endpoint or load an SDL file"), this);
    title_->setWordWrap(true);
    lay->addWidget(title_);
    auto* split = new QSplitter(Qt::Vertical, this);
    list_ = new QListView(split);
    list_->setUniformItemSizes(true);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    model_ = new SchemaRowModel(this);
    list_->setModel(model_);
    detail_ = new QTextBrowser(split);
    detail_->setOpenLinks(false);
    split->addWidget(list_);
    split->addWidget(detail_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    lay->addWidget(split, 1);
    insert_ = new QPushButton(tr("Insert field"), this);
    insert_->setToolTip(tr("Insert the selected field into the query at the cursor"));
    insert_->setEnabled(false);
    lay->addWidget(insert_);

    filterTimer_ = new QTimer(this);
    filterTimer_->setSingleShot(true);
    filterTimer_->setInterval(120);
    connect(filterTimer_, &QTimer::timeout, this, &SchemaExplorerPanel::rebuild);
    connect(filter_, &QLineEdit::textChanged, filterTimer_, qOverload<>(&QTimer::start));
    connect(back_, &QPushButton::clicked, this, &SchemaExplorerPanel::back);
    connect(list_, &QListView::activated, this, &SchemaExplorerPanel::activate);
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& i) { showDetail(model_->row(i.row())); });
    connect(detail_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("type")) openType(url.path());
    });
    connect(insert_, &QPushButton::clicked, this, [this] {
        const SchemaRow* r = model_->row(list_->currentIndex().row());
        if (!r || r->member < 0 || !schema_) return;
        const TypeDef& t = schema_->types()[static_cast<std::size_t>(r->type)];
        if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface)
            emit insertField(q(t.fields[static_cast<std::size_t>(r->member)].name));
    });
}

void SchemaExplorerPanel::setSchema(SchemaPtr schema) {
    schema_ = std::move(schema);
    history_.clear();
    current_.clear();
    rebuild();
}

void SchemaExplorerPanel::showTypeList() {
    current_.clear();
    rebuild();
}

bool SchemaExplorerPanel::openType(const QString& name) {
    if (!schema_ || !schema_->type(name.toStdString())) return false;
    history_.push_back(current_);
    current_ = name;
    filter_->blockSignals(true);
    filter_->clear();
    filter_->blockSignals(false);
    rebuild();
    return true;
}

void SchemaExplorerPanel::back() {
    if (history_.empty()) return;
    current_ = history_.back();
    history_.pop_back();
    rebuild();
}

void SchemaExplorerPanel::setFilter(const QString& text) {
    filter_->blockSignals(true);
    filter_->setText(text);
    filter_->blockSignals(false);
    rebuild();
}

QString SchemaExplorerPanel::detailText() const { return detail_->toPlainText(); }

void SchemaExplorerPanel::rebuild() {
    filterTimer_->stop();
    back_->setEnabled(!history_.empty());
    insert_->setEnabled(false);
    detail_->clear();
    if (!schema_) {
        model_->reset(nullptr, {}, false);
        title_->setText(tr("No schema: introspect the endpoint or load an SDL file"));
        return;
    }
    const QString needle = filter_->text().trimmed();
    const auto& types = schema_->types();
    std::vector<SchemaRow> rows;
    bool qualified = false;
    if (current_.isEmpty()) {
        title_->setText(tr("%n type(s)", nullptr, static_cast<int>(types.size())));
        // Root types first, then the rest in definition order (built-ins last).
        std::vector<int> order;
        for (const auto* root : {&schema_->queryType, &schema_->mutationType, &schema_->subscriptionType})
            if (const TypeDef* t = schema_->type(*root)) order.push_back(static_cast<int>(t - types.data()));
        for (int pass = 0; pass < 2; ++pass)
            for (int i = 0; i < static_cast<int>(types.size()); ++i)
                if (types[static_cast<std::size_t>(i)].builtIn == (pass == 1) &&
                    std::find(order.begin(), order.end(), i) == order.end())
                    order.push_back(i);
        for (int i : order) {
            const TypeDef& t = types[static_cast<std::size_t>(i)];
            if (needle.isEmpty() || q(t.name).contains(needle, Qt::CaseInsensitive)) rows.push_back({i, -1});
        }
        if (needle.size() >= 2) {  // fields too
            qualified = true;
            const std::string n = needle.toLower().toStdString();
            for (int i : order) {
                const TypeDef& t = types[static_cast<std::size_t>(i)];
                if (t.builtIn || (t.kind != TypeKind::Object && t.kind != TypeKind::Interface)) continue;
                for (std::size_t f = 0; f < t.fields.size(); ++f) {
                    const std::string& name = t.fields[f].name;
                    auto it = std::search(name.begin(), name.end(), n.begin(), n.end(),
                                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
                    if (it != name.end()) rows.push_back({i, static_cast<int>(f)});
                }
            }
        }
    } else {
        const TypeDef* t = schema_->type(current_.toStdString());
        const int ti = static_cast<int>(t - types.data());
        title_->setText(QStringLiteral("<b>%1</b> %2").arg(current_.toHtmlEscaped(),
                                                            QString::fromLatin1(graphql::toString(t->kind)).toLower()));
        for (int m = 0; m < memberCount(*t); ++m)
            if (needle.isEmpty() || member(*t, m).name.contains(needle, Qt::CaseInsensitive)) rows.push_back({ti, m});
        showDetail(nullptr);
    }
    model_->reset(schema_, std::move(rows), qualified);
}

void SchemaExplorerPanel::showDetail(const SchemaRow* r) {
    if (!schema_) return;
    const TypeDef* t = r ? &schema_->types()[static_cast<std::size_t>(r->type)]
                         : (current_.isEmpty() ? nullptr : schema_->type(current_.toStdString()));
    if (!t) return;
    QString html;
    if (!r || r->member < 0) {
        html = QStringLiteral("<h3>%1</h3>").arg(typeLink(q(t->name)));
        if (!t->description.empty()) html += "<p>" + q(t->description).toHtmlEscaped() + "</p>";
        if (!t->interfaces.empty()) {
            QStringList links;
            for (const auto& i : t->interfaces) links << typeLink(q(i));
            html += tr("<p>Implements %1</p>").arg(links.join(", "));
        }
        insert_->setEnabled(false);
    } else {
        const MemberView m = member(*t, r->member);
        if (t->kind == TypeKind::Union) {
            html = QStringLiteral("<h3>%1</h3>").arg(typeLink(m.name));
        } else {
            html = QStringLiteral("<h3>%1.%2%3%4</h3>")
                       .arg(q(t->name).toHtmlEscaped(), m.name.toHtmlEscaped(), m.args.toHtmlEscaped(),
                            m.type.isEmpty() ? QString() : ": " + typeLink(m.type));
        }
        if (!m.description.isEmpty()) html += "<p>" + m.description.toHtmlEscaped() + "</p>";
        if (m.deprecated)
            html += tr("<p><b>Deprecated</b>: %1</p>").arg(m.deprecation.isEmpty() ? tr("no reason given") : m.deprecation.toHtmlEscaped());
        if (m.isField) {
            for (const auto& a : t->fields[static_cast<std::size_t>(r->member)].arguments)
                html += QStringLiteral("<p>&nbsp;&nbsp;<i>%1</i>: %2 %3</p>")
                            .arg(q(a.name).toHtmlEscaped(), typeLink(q(a.type.toString())), q(a.description).toHtmlEscaped());
        }
        insert_->setEnabled(m.isField);
    }
    detail_->setHtml(html);
}

void SchemaExplorerPanel::activate(const QModelIndex& index) {
    const SchemaRow* r = model_->row(index.row());
    if (!r || !schema_) return;
    const TypeDef& t = schema_->types()[static_cast<std::size_t>(r->type)];
    if (r->member < 0) {
        openType(q(t.name));
        return;
    }
    const MemberView m = member(t, r->member);
    QString named = t.kind == TypeKind::Union ? m.name : m.type.section(' ', 0, 0);
    named.remove('[').remove(']').remove('!');
    openType(named);
}

}  // namespace sonde::ui
