#pragma once
// BodyView: the response's Body tab. Pretty or raw text in a read-only CodeEditor (lexer from the content
// type, folding, Ctrl+F, wrap), images shown as images, copy and save. Decoding and pretty-printing run
// on a worker (QtConcurrent); bodies beyond a threshold show their beginning with "Show all" / "Save…".
#include <QWidget>

#include <memory>

#include "core/model/response.h"

class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QFrame;

namespace sonde::ui {

class CodeEditor;

class BodyView : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kLargeBody = 2 * 1024 * 1024;  // beyond this only the beginning is shown
    static constexpr qint64 kPreview = 256 * 1024;

    explicit BodyView(QWidget* parent = nullptr);
    void setResponse(std::shared_ptr<const Response> response);
    void clear();
    void showAll();
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

    std::shared_ptr<const Response> response_;
    quint64 generation_ = 0;
    bool truncated_ = false;
    bool busy_ = false;
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
