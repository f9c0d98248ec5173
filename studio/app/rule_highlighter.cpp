#include "rule_highlighter.h"

#include <QTextDocument>
#include <set>
#include <string>

#include "cepheus/dsl/lexer.h"
#include "text_offsets.h"

namespace cepheus::studio {
namespace {

// The words the parser gives meaning to (statement keywords, clauses, operators).
const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> words{
      "schema",    "source",  "table",   "stream", "window", "twin",       "pattern",  "alert",    "sink",
      "from",      "where",   "select",  "join",   "on",     "group",      "by",       "compute",  "having",
      "tumbling",  "sliding", "session", "gap",    "every",  "key",        "set",      "expire",   "after",
      "partition", "within",  "match",   "then",   "next",   "any",        "not",      "and",      "or",
      "skip",      "past",    "last",    "first",  "to",     "no",         "severity", "message",  "throttle",
      "per",       "qos",     "broker",  "event",  "time",   "processing", "lateness", "idle",     "format",
      "query",     "as",      "in",      "is",     "null",   "true",       "false",    "distinct", "greedy",
      "reluctant", "mqtt",    "file",    "http",   "csv",    "sqlite",     "json",     "webhook",  "journal",
      "log",       "count"};
  return words;
}

const std::set<std::string, std::less<>>& type_names() {
  static const std::set<std::string, std::less<>> words{"bool", "int", "double", "string", "timestamp", "duration"};
  return words;
}

QTextCharFormat colour(const QColor& colour, bool bold = false, bool italic = false) {
  QTextCharFormat format;
  format.setForeground(colour);
  if (bold) format.setFontWeight(QFont::DemiBold);
  format.setFontItalic(italic);
  return format;
}

}  // namespace

void RuleSyntaxHighlighter::highlightBlock(const QString& text) {
  const QColor keyword = dark_ ? QColor("#c792ea") : QColor("#7b2fa8");
  const QColor type = dark_ ? QColor("#82aaff") : QColor("#1f5fbf");
  const QColor string = dark_ ? QColor("#c3e88d") : QColor("#2e7d32");
  const QColor number = dark_ ? QColor("#f78c6c") : QColor("#b5520c");
  const QColor comment = dark_ ? QColor("#7f8a99") : QColor("#6a737d");

  const std::string utf8 = text.toStdString();
  const dsl::SourceFile source("line", utf8);
  dsl::Diagnostics ignored;
  const dsl::LexedFile lexed = dsl::lex(source, ignored);
  const TextOffsets offsets(utf8);
  auto paint = [&](dsl::Span span, const QTextCharFormat& format) {
    const int begin = offsets.chars(span.begin);
    setFormat(begin, offsets.chars(span.end) - begin, format);
  };
  for (const dsl::Token& token : lexed.tokens) {
    switch (token.kind) {
      case dsl::TokenKind::kName:
        if (keywords().count(token.text)) paint(token.span, colour(keyword, true));
        if (type_names().count(token.text)) paint(token.span, colour(type));
        break;
      case dsl::TokenKind::kString: paint(token.span, colour(string)); break;
      case dsl::TokenKind::kInteger:
      case dsl::TokenKind::kDecimal:
      case dsl::TokenKind::kDuration: paint(token.span, colour(number)); break;
      default: break;
    }
  }
  for (const dsl::Comment& comment_token : lexed.comments) paint(comment_token.span, colour(comment, false, true));

  // Underlines from the checker, clipped to this line.
  const int block_begin = currentBlock().position();
  const int block_end = block_begin + static_cast<int>(text.size());
  for (const QVariant& item : diagnostics_) {
    const QVariantMap diagnostic = item.toMap();
    const int begin = std::max(diagnostic.value("begin").toInt(), block_begin);
    const int end = std::min(diagnostic.value("end").toInt(), block_end);
    if (begin >= end) continue;
    const bool error = diagnostic.value("severity").toString() == "error";
    for (int at = begin; at < end; ++at) {
      QTextCharFormat format = this->format(at - block_begin);
      format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
      format.setUnderlineColor(error ? QColor("#e5484d") : QColor("#d4a72c"));
      setFormat(at - block_begin, 1, format);
    }
  }
}

void RuleHighlighter::setTextDocument(QQuickTextDocument* document) {
  if (document == text_document_) return;
  text_document_ = document;
  delete highlighter_;
  if (text_document_) {
    highlighter_ = new RuleSyntaxHighlighter(text_document_->textDocument());
    highlighter_->set_dark(dark_);
    refresh();
  }
  emit textDocumentChanged();
}

void RuleHighlighter::setDocument(ProjectDocument* document) {
  if (document == document_) return;
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_) {
    // Problems change after every reload of the texts; underlines follow them.
    connect(document_->problems(), &QAbstractItemModel::modelReset, this, &RuleHighlighter::refresh);
    connect(document_->problems(), &QAbstractItemModel::dataChanged, this, &RuleHighlighter::refresh);
    connect(document_->problems(), &QAbstractItemModel::rowsInserted, this, &RuleHighlighter::refresh);
    connect(document_->problems(), &QAbstractItemModel::rowsRemoved, this, &RuleHighlighter::refresh);
    connect(document_, &ProjectDocument::currentFileChanged, this, &RuleHighlighter::refresh);
  }
  refresh();
  emit documentChanged();
}

void RuleHighlighter::setDark(bool dark) {
  if (dark == dark_) return;
  dark_ = dark;
  if (highlighter_) {
    highlighter_->set_dark(dark);
    highlighter_->rehighlight();
  }
  emit darkChanged();
}

void RuleHighlighter::refresh() {
  if (!highlighter_) return;
  highlighter_->set_diagnostics(document_ ? document_->currentDiagnostics() : QVariantList{});
  highlighter_->rehighlight();
}

}  // namespace cepheus::studio
