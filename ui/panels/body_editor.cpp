#include "ui/panels/body_editor.h"

#include <QComboBox>
#include <algorithm>

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/graphql/graphql_body_widget.h"
#include "ui/pretty_printer.h"
#include "ui/widgets/code_editor.h"
#include "ui/widgets/key_value_table.h"
#include "ui/widgets/variable_highlighter.h"

namespace sonde::ui {

namespace {
enum Page { NonePage, TextPage, FormPage, MultipartPage, FilePage, GraphqlPage };
const BodyKind kModes[] = {BodyKind::None, BodyKind::Json, BodyKind::Xml, BodyKind::Text,
                           BodyKind::FormUrlEncoded, BodyKind::Multipart, BodyKind::BinaryFile, BodyKind::GraphQL};
}  // namespace

BodyEditor::BodyEditor(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 4, 0, 0);
    auto* bar = new QHBoxLayout;
    mode_ = new QComboBox(this);
    mode_->addItems({tr("None"), tr("JSON"), tr("XML"), tr("Text"), tr("Form URL-encoded"), tr("Multipart form"),
                     tr("Binary file"), tr("GraphQL")});
    beautify_ = new QToolButton(this);
    beautify_->setText(tr("Beautify"));
    beautify_->setToolTip(tr("Re-indent the JSON or XML body"));
    status_ = new QLabel(this);
    bar->addWidget(mode_);
    bar->addWidget(beautify_);
    bar->addWidget(status_, 1);
    lay->addLayout(bar);

    stack_ = new QStackedWidget(this);
    auto* none = new QLabel(tr("This request has no body."), this);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    text_ = new CodeEditor(this);
    highlighter_ = new VariableHighlighter(text_, {});
    form_ = new KeyValueTable(this);
    auto* mp = new QWidget(this);
    auto* mpLay = new QVBoxLayout(mp);
    mpLay->setContentsMargins(0, 0, 0, 0);
    multipart_ = new QTableWidget(0, 3, mp);
    multipart_->setHorizontalHeaderLabels({tr("Name"), tr("Value or file"), tr("Kind")});
    multipart_->horizontalHeader()->setStretchLastSection(true);
    multipart_->setColumnWidth(0, 180);
    multipart_->setColumnWidth(1, 320);
    multipart_->verticalHeader()->hide();
    auto* mpBar = new QHBoxLayout;
    auto* addText = new QPushButton(tr("Add text field"), mp);
    auto* addFile = new QPushButton(tr("Add file…"), mp);
    auto* removePart = new QPushButton(tr("Remove"), mp);
    mpBar->addWidget(addText);
    mpBar->addWidget(addFile);
    mpBar->addWidget(removePart);
    mpBar->addStretch();
    mpLay->addWidget(multipart_);
    mpLay->addLayout(mpBar);
    auto* file = new QWidget(this);
    auto* fileLay = new QHBoxLayout(file);
    filePath_ = new QLineEdit(file);
    filePath_->setPlaceholderText(tr("Path of the file to send as the body"));
    auto* browse = new QPushButton(tr("Choose…"), file);
    fileLay->addWidget(filePath_, 1);
    fileLay->addWidget(browse);
    fileLay->setAlignment(Qt::AlignTop);
    for (QWidget* w : {static_cast<QWidget*>(none), static_cast<QWidget*>(text_), static_cast<QWidget*>(form_), mp, file})
        stack_->addWidget(w);
    graphql_ = new GraphqlBodyWidget(this);
    stack_->addWidget(graphql_);
    lay->addWidget(stack_, 1);

    connect(mode_, &QComboBox::currentIndexChanged, this, [this](int i) {
        showMode(kModes[i]);
        if (!loading_) emit edited();
    });
    connect(beautify_, &QToolButton::clicked, this, &BodyEditor::beautify);
    connect(graphql_, &GraphqlBodyWidget::edited, this, &BodyEditor::edited);
    connect(text_, &QsciScintilla::textChanged, this, [this] { if (!loading_) emit edited(); });
    connect(form_, &KeyValueTable::edited, this, &BodyEditor::edited);
    connect(multipart_, &QTableWidget::itemChanged, this, [this] { if (!loading_) emit edited(); });
    connect(filePath_, &QLineEdit::textEdited, this, &BodyEditor::edited);
    connect(addText, &QPushButton::clicked, this, [this] { addPart({}); emit edited(); });
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file to upload"));
        if (path.isEmpty()) return;
        MultipartPart part;
        part.name = QFileInfo(path).baseName().toStdString();
        part.value = path.toStdString();
        part.isFile = true;
        addPart(part);
        emit edited();
    });
    connect(removePart, &QPushButton::clicked, this, [this] {
        if (multipart_->currentRow() >= 0) multipart_->removeRow(multipart_->currentRow()), emit edited();
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose the body file"));
        if (!path.isEmpty()) filePath_->setText(path), emit edited();
    });
    showMode(BodyKind::None);
}

void BodyEditor::setLookup(const VariableLookup& lookup) { highlighter_->setLookup(lookup); }

void BodyEditor::showMode(BodyKind kind) {
    Page page = NonePage;
    switch (kind) {
    case BodyKind::None: page = NonePage; break;
    case BodyKind::Json: text_->setLanguage(CodeEditor::Language::Json), page = TextPage; break;
    case BodyKind::GraphQL: page = GraphqlPage; break;
    case BodyKind::Xml: text_->setLanguage(CodeEditor::Language::Xml), page = TextPage; break;
    case BodyKind::Text: text_->setLanguage(CodeEditor::Language::Plain), page = TextPage; break;
    case BodyKind::FormUrlEncoded: page = FormPage; break;
    case BodyKind::Multipart: page = MultipartPage; break;
    case BodyKind::BinaryFile: page = FilePage; break;
    }
    stack_->setCurrentIndex(page);
    beautify_->setVisible(kind == BodyKind::Json || kind == BodyKind::Xml);
    status_->clear();
}

void BodyEditor::addPart(const MultipartPart& part) {
    const bool was = loading_;
    loading_ = true;
    const int r = multipart_->rowCount();
    multipart_->insertRow(r);
    auto* name = new QTableWidgetItem(QString::fromStdString(part.name));
    name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    name->setCheckState(part.enabled ? Qt::Checked : Qt::Unchecked);
    name->setData(Qt::UserRole, QString::fromStdString(part.contentType));
    name->setData(Qt::UserRole + 1, QString::fromStdString(part.fileName));
    multipart_->setItem(r, 0, name);
    multipart_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(part.value)));
    auto* kind = new QTableWidgetItem(part.isFile ? tr("file") : tr("text"));
    kind->setFlags(kind->flags() & ~Qt::ItemIsEditable);
    kind->setData(Qt::UserRole, part.isFile);
    multipart_->setItem(r, 2, kind);
    loading_ = was;
}

std::vector<MultipartPart> BodyEditor::parts() const {
    std::vector<MultipartPart> out;
    for (int r = 0; r < multipart_->rowCount(); ++r) {
        MultipartPart p;
        const auto* name = multipart_->item(r, 0);
        p.name = name->text().toStdString();
        p.enabled = name->checkState() == Qt::Checked;
        p.contentType = name->data(Qt::UserRole).toString().toStdString();
        p.fileName = name->data(Qt::UserRole + 1).toString().toStdString();
        p.value = multipart_->item(r, 1) ? multipart_->item(r, 1)->text().toStdString() : std::string();
        p.isFile = multipart_->item(r, 2)->data(Qt::UserRole).toBool();
        out.push_back(std::move(p));
    }
    return out;
}

void BodyEditor::setBody(const Body& body) {
    loading_ = true;
    original_ = body;
    mode_->setCurrentIndex(static_cast<int>(std::find(std::begin(kModes), std::end(kModes), body.kind) - std::begin(kModes)));
    showMode(body.kind);
    const bool textual = body.kind == BodyKind::Json || body.kind == BodyKind::Xml || body.kind == BodyKind::Text;
    if (body.kind == BodyKind::GraphQL) graphql_->setBody(body);
    text_->setText(textual ? QString::fromStdString(body.text) : QString());
    filePath_->setText(body.kind == BodyKind::BinaryFile ? QString::fromStdString(body.text) : QString());
    form_->setRows(body.form);
    multipart_->setRowCount(0);
    for (const auto& p : body.parts) addPart(p);
    loading_ = false;
}

Body BodyEditor::body() const {
    Body b = original_;
    b.kind = kModes[qMax(0, mode_->currentIndex())];
    b.text.clear();
    if (b.kind == BodyKind::Json || b.kind == BodyKind::Xml || b.kind == BodyKind::Text)
        b.text = text_->text().toStdString();
    else if (b.kind == BodyKind::GraphQL) {
        const Body g = graphql_->body();
        b.text = g.text;
        b.graphqlVariables = g.graphqlVariables;
        b.graphqlOperation = g.graphqlOperation;
        b.graphqlUseGet = g.graphqlUseGet;
    }
    else if (b.kind == BodyKind::BinaryFile)
        b.text = filePath_->text().toStdString();
    b.form = form_->rows();
    b.parts = parts();
    return b;
}

void BodyEditor::beautify() {
    const QByteArray in = text_->text().toUtf8();
    const bool json = mode_->currentIndex() == 1;
    const QByteArray out = json ? reindentJson(in) : reindentXml(in);
    if (!json && out == in && !in.trimmed().isEmpty()) {
        status_->setText(tr("Not well-formed XML: left as is."));
        return;
    }
    int line = 0, index = 0;
    text_->getCursorPosition(&line, &index);
    text_->setText(QString::fromUtf8(out));
    text_->setCursorPosition(line, 0);
    status_->clear();
}

}  // namespace sonde::ui
