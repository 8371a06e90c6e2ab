#include "ui/panels/body_view.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/pretty_printer.h"
#include "ui/widgets/code_editor.h"
#include "ui/widgets/search_bar.h"

namespace sonde::ui {

namespace {
struct Rendered {
    QString text;
    QImage image;
    bool isImage = false;
    bool truncated = false;
    qint64 total = 0;
};

QByteArray bodyBytes(const Response& r, qint64 limit) {
    if (!r.bodyFile.empty()) {
        QFile f(QString::fromStdString(r.bodyFile));
        if (!f.open(QIODevice::ReadOnly)) return {};
        return limit < 0 ? f.readAll() : f.read(limit);
    }
    const qint64 n = limit < 0 ? static_cast<qint64>(r.body.size()) : qMin<qint64>(limit, static_cast<qint64>(r.body.size()));
    return QByteArray(r.body.data(), n);
}

// Runs on a worker thread: reads, decodes and pretty-prints.
Rendered renderBody(std::shared_ptr<const Response> r, bool pretty, bool full) {
    Rendered out;
    out.total = static_cast<qint64>(r->bodyFile.empty() ? r->body.size() : r->bodyBytes);
    const QString ct = QString::fromStdString(r->contentType());
    if (ct.startsWith(QLatin1String("image/")) && !ct.contains(QLatin1String("svg"))) {
        out.image = QImage::fromData(bodyBytes(*r, -1));
        out.isImage = !out.image.isNull();
        if (out.isImage) return out;
    }
    out.truncated = !full && out.total > BodyView::kLargeBody;
    const QByteArray bytes = bodyBytes(*r, out.truncated ? BodyView::kPreview : -1);
    if (!looksLikeText(bytes)) {
        out.text = QObject::tr("Binary body (%1 bytes). Use Save… to write it to a file.").arg(out.total);
        out.truncated = false;
        return out;
    }
    out.text = QString::fromUtf8(pretty ? prettyPrint(bytes, ct) : bytes);
    return out;
}

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent, bool checkable = false) {
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    return b;
}
}  // namespace

BodyView::BodyView(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 2, 0, 0);
    lay->setSpacing(2);
    auto* bar = new QHBoxLayout;
    pretty_ = toolButton(tr("Pretty"), tr("Show the body re-indented (off: raw bytes)"), this, true);
    pretty_->setChecked(true);
    wrap_ = toolButton(tr("Wrap"), tr("Wrap long lines"), this, true);
    find_ = toolButton(tr("Find"), tr("Search the body (Ctrl+F)"), this);
    copy_ = toolButton(tr("Copy"), tr("Copy the body to the clipboard"), this);
    save_ = toolButton(tr("Save…"), tr("Save the body to a file"), this);
    status_ = new QLabel(this);
    for (QWidget* w : {pretty_, wrap_, find_, copy_, save_}) bar->addWidget(w);
    bar->addWidget(status_, 1);
    lay->addLayout(bar);

    notice_ = new QFrame(this);
    notice_->setFrameShape(QFrame::StyledPanel);
    auto* nl = new QHBoxLayout(notice_);
    nl->setContentsMargins(6, 2, 6, 2);
    noticeText_ = new QLabel(notice_);
    noticeText_->setWordWrap(true);
    showAll_ = toolButton(tr("Show all"), tr("Load the whole body into the editor"), notice_);
    saveLarge_ = toolButton(tr("Save…"), tr("Save the whole body to a file"), notice_);
    nl->addWidget(noticeText_, 1);
    nl->addWidget(showAll_);
    nl->addWidget(saveLarge_);
    notice_->hide();
    lay->addWidget(notice_);

    stack_ = new QStackedWidget(this);
    editor_ = new CodeEditor(this);
    editor_->setReadOnly(true);
    imageArea_ = new QScrollArea(this);
    image_ = new QLabel(imageArea_);
    image_->setAlignment(Qt::AlignCenter);
    imageArea_->setWidget(image_);
    imageArea_->setWidgetResizable(true);
    stack_->addWidget(editor_);
    stack_->addWidget(imageArea_);
    lay->addWidget(stack_, 1);

    connect(pretty_, &QToolButton::toggled, this, [this] { render(!truncated_ && response_ && !busy_); });
    connect(wrap_, &QToolButton::toggled, editor_, &CodeEditor::setWrapEnabled);
    connect(find_, &QToolButton::clicked, editor_, &CodeEditor::showSearch);
    connect(copy_, &QToolButton::clicked, this, [this] {
        if (response_) QApplication::clipboard()->setText(QString::fromUtf8(bodyBytes(*response_, -1)));
    });
    connect(save_, &QToolButton::clicked, this, &BodyView::saveAs);
    connect(saveLarge_, &QToolButton::clicked, this, &BodyView::saveAs);
    connect(showAll_, &QToolButton::clicked, this, &BodyView::showAll);
    connect(editor_, &CodeEditor::loadFinished, this, [this] {
        busy_ = false;
        status_->clear();
        emit rendered();
    });
}

void BodyView::clear() {
    ++generation_;
    response_.reset();
    truncated_ = busy_ = false;
    notice_->hide();
    editor_->setText(QString());
    image_->clear();
    stack_->setCurrentWidget(editor_);
}

void BodyView::setResponse(std::shared_ptr<const Response> response) {
    response_ = std::move(response);
    editor_->setContentType(QString::fromStdString(response_->contentType()));
    render(false);
}

void BodyView::showAll() {
    if (response_) render(true);
}

void BodyView::render(bool full) {
    if (!response_) return;
    const quint64 gen = ++generation_;
    busy_ = true;
    status_->setText(tr("Formatting…"));
    auto* watcher = new QFutureWatcher<Rendered>(this);
    connect(watcher, &QFutureWatcher<Rendered>::finished, this, [this, watcher, gen] {
        watcher->deleteLater();
        if (gen != generation_) return;  // a newer response or mode won
        Rendered r = watcher->result();
        truncated_ = r.truncated;
        const QLocale loc;
        noticeText_->setText(tr("Large body (%1): showing the first %2. Show all may take a moment; Save… writes it to a file.")
                                 .arg(loc.formattedDataSize(r.total), loc.formattedDataSize(kPreview)));
        notice_->setVisible(r.truncated);
        if (r.isImage) {
            image_->setPixmap(QPixmap::fromImage(r.image));
            stack_->setCurrentWidget(imageArea_);
            busy_ = false;
            status_->setText(tr("%1 × %2 image").arg(r.image.width()).arg(r.image.height()));
            emit rendered();
            return;
        }
        stack_->setCurrentWidget(editor_);
        editor_->setTextChunked(r.text);
    });
    watcher->setFuture(QtConcurrent::run(renderBody, response_, pretty_->isChecked(), full));
}

bool BodyView::saveTo(const QString& path) const {
    if (!response_) return false;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly)) return false;
    if (!response_->bodyFile.empty()) {
        QFile in(QString::fromStdString(response_->bodyFile));
        if (!in.open(QIODevice::ReadOnly)) return false;
        while (!in.atEnd()) out.write(in.read(1 << 20));
        return true;
    }
    return out.write(response_->body.data(), static_cast<qint64>(response_->body.size())) ==
           static_cast<qint64>(response_->body.size());
}

void BodyView::saveAs() {
    if (!response_) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the response body"));
    if (path.isEmpty()) return;
    status_->setText(saveTo(path) ? tr("Saved to %1").arg(path) : tr("Could not write %1").arg(path));
}

}  // namespace sonde::ui
