#include "rule_highlighter.h"

#include <QTextBlock>
#include <QTextDocument>
#include <algorithm>
#include <set>
#include <string>

#include "cepheus/dsl/ast.h"
#include "cepheus/dsl/lexer.h"
#include "text_offsets.h"

namespace cepheus::studio {
namespace {

// The words the parser gives meaning to: the statement keywords (from the
// language's own list) and the words of clauses, operators and literals.
const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> all{
        "from",      "where",   "select",  "join",  "on",    "group",      "by",       "compute",  "having",
        "tumbling",  "sliding", "session", "gap",   "every", "key",        "set",      "expire",   "after",
        "partition", "within",  "match",   "then",  "next",  "any",        "not",      "and",      "or",
        "skip",      "past",    "last",    "first", "to",    "no",         "severity", "message",  "throttle",
        "per",       "qos",     "broker",  "event", "time",  "processing", "lateness", "idle",     "format",
        "query",     "as",      "in",      "is",    "null",  "true",       "false",    "distinct", "greedy",
        "reluctant", "retain",  "mqtt",    "file",  "http",  "csv",        "sqlite",   "json",     "webhook",
        "journal",   "log",     "count"};
    for (const std::string_view keyword : dsl::kStatementKeywords) all.emplace(keyword);
    return all;
  }();
  return words;
}

const std::set<std::string, std::less<>>& type_names() {
  static const std::set<std::string, std::less<>> words{"bool", "int", "double", "string", "timestamp", "duration"};
  return words;
}

// What a line shows of the underlines, kept with the line.
struct ShownUnderlines : QTextBlockUserData {
  explicit ShownUnderlines(std::vector<RuleSyntaxHighlighter::Underline> list) : underlines(std::move(list)) {}
  std::vector<RuleSyntaxHighlighter::Underline> underlines;
};

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

  // Underlines from the checker; the line keeps what it shows for the next comparison.
  const auto found = underlines_.find(currentBlock().blockNumber());
  std::vector<Underline> shown = found == underlines_.end() ? std::vector<Underline>{} : found->second;
  for (const Underline& underline : shown) {
    for (int at = underline.begin; at < underline.end && at < text.size(); ++at) {
      QTextCharFormat format = this->format(at);
      format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
      format.setUnderlineColor(underline.error ? QColor("#e5484d") : QColor("#d4a72c"));
      setFormat(at, 1, format);
    }
  }
  if (shown.empty()) {
    setCurrentBlockUserData(nullptr);
  } else {
    setCurrentBlockUserData(new ShownUnderlines(std::move(shown)));
  }
}

void RuleSyntaxHighlighter::set_underlines(LineUnderlines underlines) {
  underlines_ = std::move(underlines);
  static const std::vector<Underline> none;
  for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
    const auto* shown = static_cast<const ShownUnderlines*>(block.userData());
    const auto wanted = underlines_.find(block.blockNumber());
    const std::vector<Underline>& want = wanted == underlines_.end() ? none : wanted->second;
    if ((shown ? shown->underlines : none) != want) rehighlightBlock(block);
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
  // Problems arrive as many row signals per re-read: highlight once, after them all.
  if (refresh_pending_) return;
  refresh_pending_ = true;
  QMetaObject::invokeMethod(this, &RuleHighlighter::rehighlight_now, Qt::QueuedConnection);
}

void RuleHighlighter::rehighlight_now() {
  refresh_pending_ = false;
  if (!highlighter_ || !text_document_) return;
  QTextDocument* text = text_document_->textDocument();
  RuleSyntaxHighlighter::LineUnderlines underlines;
  if (document_) {
    for (const ProblemRow& problem : document_->problems()->rows()) {
      if (problem.file != document_->currentFile() || problem.severity == "note") continue;
      // A problem over several lines underlines each of them.
      for (QTextBlock block = text->findBlock(problem.begin); block.isValid() && block.position() < problem.end;
           block = block.next()) {
        const int begin = std::max(problem.begin - block.position(), 0);
        const int end = std::min(problem.end - block.position(), block.length());
        if (begin < end) underlines[block.blockNumber()].push_back({begin, end, problem.severity == "error"});
      }
    }
  }
  highlighter_->set_underlines(std::move(underlines));
}

}  // namespace cepheus::studio
