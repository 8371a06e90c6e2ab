#pragma once
// BodyView: the response's Body tab. Pretty or raw text in a read-only CodeEditor (lexer from the content
// type, folding, Ctrl+F, wrap), images shown as images, copy and save. Decoding and pretty-printing run
// on a worker (QtConcurrent); bodies beyond a threshold show their beginning with "Show all" / "Save…".
// "Show all" fills a new editor document on the worker and swaps it in (CodeEditor::adopt).
#include <QWidget>

#include <memory>

#include "core/model/response.h"

class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QFrame;
class QTimer;

namespace sonde::ui {

class CodeEditor;
class DocumentLoader;

class BodyView : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kLargeBody = 2 * 1024 * 1024;  // beyond this only the beginning is shown
    static constexpr qint64 kPreview = 256 * 1024;

    explicit BodyView(QWidget* parent = nullptr);
    void setResponse(std::shared_ptr<const Response> response);
    void clear();
    // Loads the whole body (a large one into a new editor document on a worker, with progress; the
    // beginning stays usable meanwhile). A new response, clear() or cancelShowAll() stops it.
    void showAll();
    void cancelShowAll();
    bool isLoadingAll() const { return loader_ != nullptr; }
    bool saveTo(const QString& path) const;

    CodeEditor* editor() const { return editor_; }
    bool isTruncated() const { return truncated_; }
    bool isBusy() const { return busy_; }
    QToolButton* showAllButton() const { return showAll_; }

signals:
    void rendered();  // the text (or image) is on screen

private:
    void render(bool full);
    void saveAs();
    void stopLoading(bool cancel = true);

    std::shared_ptr<const Response> response_;
    quint64 generation_ = 0;
    bool truncated_ = false;
    bool busy_ = false;
    std::shared_ptr<DocumentLoader> loader_;  // while "Show all" loads a large body
    QTimer* progress_;
    QToolButton *pretty_, *wrap_, *copy_, *save_, *find_, *showAll_, *saveLarge_;
    QFrame* notice_;
    QLabel* noticeText_;
    QLabel* status_;
    QStackedWidget* stack_;
    CodeEditor* editor_;
    QScrollArea* imageArea_;
    QLabel* image_;
};

}  // namespace sonde::ui
