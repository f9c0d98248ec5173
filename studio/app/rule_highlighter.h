// Syntax colours and diagnostic underlines for the rule text editor.
//
// Attached to a QML TextArea's document. Tokens come from the rule language's
// own lexer (no second grammar here); keywords are the words the parser knows.
// Errors and warnings of the open file are underlined where the checker put them.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QSyntaxHighlighter>
#include <map>
#include <vector>

#include "project_document.h"

namespace cepheus::studio {

class RuleSyntaxHighlighter : public QSyntaxHighlighter {
 public:
  // An underline within one line: columns in characters.
  struct Underline {
    int begin = 0;
    int end = 0;
    bool error = false;
    friend bool operator==(const Underline&, const Underline&) = default;
  };
  using LineUnderlines = std::map<int, std::vector<Underline>>;  // by block number

  using QSyntaxHighlighter::QSyntaxHighlighter;
  void set_dark(bool dark) { dark_ = dark; }
  // Redraws only the lines whose underlines differ from what they show: a keystroke
  // that moves every later problem by one character redraws one line, not the file.
  void set_underlines(LineUnderlines underlines);

 protected:
  void highlightBlock(const QString& text) override;

 private:
  bool dark_ = false;
  LineUnderlines underlines_;
};

class RuleHighlighter : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(QQuickTextDocument* textDocument READ textDocument WRITE setTextDocument NOTIFY textDocumentChanged)
  Q_PROPERTY(ProjectDocument* document READ document WRITE setDocument NOTIFY documentChanged)
  Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)

 public:
  using QObject::QObject;

  QQuickTextDocument* textDocument() const { return text_document_; }
  void setTextDocument(QQuickTextDocument* document);
  ProjectDocument* document() const { return document_; }
  void setDocument(ProjectDocument* document);
  bool dark() const { return dark_; }
  void setDark(bool dark);

 signals:
  void textDocumentChanged();
  void documentChanged();
  void darkChanged();

 private:
  void refresh();
  void rehighlight_now();

  QPointer<QQuickTextDocument> text_document_;
  QPointer<ProjectDocument> document_;
  QPointer<RuleSyntaxHighlighter> highlighter_;
  bool dark_ = false;
  bool refresh_pending_ = false;
};

}  // namespace cepheus::studio
