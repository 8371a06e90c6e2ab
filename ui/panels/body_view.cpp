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
#include <QTimer>
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
    bool inDocument = false;  // the text went into the DocumentLoader's document instead
    qint64 total = 0;
};

qint64 bodySize(const Response& r) {
    return static_cast<qint64>(r.bodyFile.empty() ? r.body.size() : r.bodyBytes);
}

QByteArray bodyBytes(const Response& r, qint64 limit) {
    if (!r.bodyFile.empty()) {
        QFile f(QString::fromStdString(r.bodyFile));
        if (!f.open(QIODevice::ReadOnly)) return {};
        return limit < 0 ? f.readAll() : f.read(limit);
    }
    const qint64 n = limit < 0 ? static_cast<qint64>(r.body.size()) : qMin<qint64>(limit, static_cast<qint64>(r.body.size()));
    return QByteArray(r.body.data(), n);
}

// Runs on a worker thread: reads, decodes and pretty-prints; with a loader the text goes straight into
// a new editor document (UTF-8, never converted to a QString).
Rendered renderBody(std::shared_ptr<const Response> r, bool pretty, bool full, std::shared_ptr<DocumentLoader> loader) {
    Rendered out;
    out.total = bodySize(*r);
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
    const QByteArray text = pretty ? prettyPrint(bytes, ct) : bytes;
    if (loader) {
        loader->setExpected(text.size());
        out.inDocument = loader->add(text.constData(), text.size());
        if (out.inDocument || loader->isCancelled()) return out;
        out.text = QObject::tr("Not enough memory to show the whole body (%1 bytes). Use Save… to write it to a file.")
                       .arg(out.total);
        return out;
    }
    out.text = QString::fromUtf8(text);
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
    connect(showAll_, &QToolButton::clicked, this, [this] { loader_ ? cancelShowAll() : showAll(); });
    progress_ = new QTimer(this);
    progress_->setInterval(100);
    connect(progress_, &QTimer::timeout, this, [this] {
        if (!loader_) return progress_->stop();
        const int p = loader_->progress();
        status_->setText(p < 0 ? tr("Formatting the whole body…") : tr("Loading the whole body… %1 %").arg(p));
    });
    connect(editor_, &CodeEditor::loadFinished, this, [this] {
        busy_ = false;
        status_->clear();
        emit rendered();
    });
}

void BodyView::clear() {
    stopLoading();
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

void BodyView::stopLoading(bool cancel) {
    if (!loader_) return;
    if (cancel) loader_->cancel();  // the worker stops within a step; the document is freed with the loader
    loader_.reset();
    progress_->stop();
    showAll_->setText(tr("Show all"));
    showAll_->setToolTip(tr("Load the whole body into the editor"));
}

void BodyView::cancelShowAll() {
    if (!loader_) return;
    stopLoading();
    ++generation_;
    busy_ = false;
    status_->setText(tr("Show all cancelled"));  // the beginning stays on screen
}

void BodyView::render(bool full) {
    if (!response_) return;
    stopLoading();  // a newer response or mode wins
    const quint64 gen = ++generation_;
    busy_ = true;
    status_->setText(tr("Formatting…"));
    // The whole of a large body is loaded into a new document on the worker, then swapped in: the
    // preview stays usable meanwhile and the event loop never waits for the copy.
    std::shared_ptr<DocumentLoader> loader;
    if (full && bodySize(*response_) > kLargeBody) loader = editor_->createLoader();
    if (loader) {
        loader_ = loader;
        showAll_->setText(tr("Cancel"));
        showAll_->setToolTip(tr("Stop loading the whole body"));
        status_->setText(tr("Formatting the whole body…"));
        progress_->start();
    }
    auto* watcher = new QFutureWatcher<Rendered>(this);
    connect(watcher, &QFutureWatcher<Rendered>::finished, this, [this, watcher, gen, loader] {
        watcher->deleteLater();
        if (gen != generation_) return;  // a newer response or mode won
        if (loader) stopLoading(false);
        Rendered r = watcher->result();
        truncated_ = r.truncated;
        const QLocale loc;
        noticeText_->setText(tr("Large body (%1): showing the first %2. Show all loads the rest in the background; Save… writes it to a file.")
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
        if (r.inDocument && loader && editor_->adopt(*loader)) {
            busy_ = false;
            status_->setText(tr("%1 lines").arg(QLocale().toString(editor_->lines())));
            emit rendered();
            return;
        }
        editor_->setTextChunked(r.text);
    });
    watcher->setFuture(QtConcurrent::run(renderBody, response_, pretty_->isChecked(), full, loader));
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
