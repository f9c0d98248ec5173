#include "pattern_rows.h"

#include <algorithm>

#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"
#include "statement_edits.h"

namespace cepheus::studio {
namespace {

using dsl::PatternNode;
using dsl::PatternNodeKind;

constexpr std::string_view kStatementHead = "pattern rows\n  match ";

std::vector<std::string> canonical_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string after_prefix(std::string_view line, std::string_view prefix) {
  const std::size_t first = line.find_first_not_of(' ');
  line.remove_prefix(first == std::string_view::npos ? line.size() : first);
  if (line.starts_with(prefix)) line.remove_prefix(prefix.size());
  return std::string(line);
}

StepCount count_of(const dsl::Quantifier& q) {
  if (!q.written) return StepCount::kOnce;
  if (!q.max) return q.min == 0 ? StepCount::kAnyNumber : q.min == 1 ? StepCount::kOneOrMore : StepCount::kAtLeast;
  if (q.min == 0 && *q.max == 1) return StepCount::kOptional;
  return *q.max == q.min ? StepCount::kExactly : StepCount::kBetween;
}

// A step or absence as a row; `line` is its canonical text (without connector),
// from which the duration is taken in its canonical spelling.
PatternRow row_of(const PatternNode& node, const std::string& line) {
  PatternRow row;
  if (node.kind != PatternNodeKind::kStep && node.kind != PatternNodeKind::kAbsence) {
    row.kind = PatternRow::Kind::kGroup;
    row.text = line;
    return row;
  }
  row.kind = node.kind == PatternNodeKind::kStep ? PatternRow::Kind::kStep : PatternRow::Kind::kAbsence;
  row.every = node.every;
  if (node.binding) row.binding = node.binding->text;
  row.stream = node.stream.text;
  row.count = count_of(node.quantifier);
  row.min = node.quantifier.min;
  row.max = node.quantifier.max.value_or(std::max<std::int64_t>(node.quantifier.min, 1));
  row.reluctant = node.quantifier.reluctant;
  if (node.where) row.where = dsl::format_expression(*node.where);
  if (node.within) {
    const std::size_t at = line.rfind(" within ");
    row.within = at == std::string::npos ? node.within->text : line.substr(at + 8);
  }
  return row;
}

std::string quantifier_text(const PatternRow& row) {
  const std::string min = std::to_string(std::max<std::int64_t>(row.min, 0));
  switch (row.count) {
    case StepCount::kOnce: return "";
    case StepCount::kExactly: return "{" + min + "}";
    case StepCount::kAtLeast: return "{" + min + ",}";
    case StepCount::kBetween: return "{" + min + "," + std::to_string(std::max(row.max, row.min)) + "}";
    case StepCount::kOptional: return "?";
    case StepCount::kAnyNumber: return "*";
    case StepCount::kOneOrMore: return "+";
  }
  return "";
}

std::string row_text(const PatternRow& row) {
  if (row.kind == PatternRow::Kind::kGroup) return row.text;
  std::string out;
  if (row.kind == PatternRow::Kind::kAbsence) {
    out = "not " + row.stream;
  } else {
    if (row.every) out = "every ";
    if (!row.binding.empty()) out += row.binding + ": ";
    out += row.stream + quantifier_text(row);
    if (row.reluctant && row.count != StepCount::kOnce) out += " reluctant";
  }
  if (!row.where.empty()) out += " where " + row.where;
  if (!row.within.empty()) out += " within " + row.within;
  return out;
}

}  // namespace

const std::vector<std::string>& step_count_words() {
  static const std::vector<std::string> words{"once",     "exactly",    "at least",   "between",
                                              "optional", "any number", "one or more"};
  return words;
}

StepCount step_count_from_word(std::string_view word) {
  const std::vector<std::string>& words = step_count_words();
  const auto found = std::find(words.begin(), words.end(), word);
  return found == words.end() ? StepCount::kOnce : static_cast<StepCount>(found - words.begin());
}

Result<std::vector<PatternRow>> read_pattern_rows(std::string_view match_clause) {
  const std::string text = std::string(kStatementHead) + std::string(match_clause);
  CEPHEUS_ASSIGN_OR_RETURN(const std::string canonical, canonical_statement(text));
  const dsl::SourceFile source("pattern.cep", canonical);
  dsl::Diagnostics diagnostics;
  const dsl::RuleFile file = dsl::parse(source, diagnostics);
  const auto* pattern = std::get_if<dsl::PatternStmt>(&file.statements.at(0).body);
  if (!pattern || !pattern->match) return invalid_argument("not a pattern's steps");

  // Canonical lines: "pattern rows", "  match FIRST", "    CONNECTOR NEXT"...
  const std::vector<std::string> lines = canonical_lines(canonical);
  const PatternNode& match = *pattern->match;
  std::vector<PatternRow> rows;
  if (match.kind != PatternNodeKind::kSequence || match.every) {
    rows.push_back(row_of(match, after_prefix(lines.at(1), "match ")));
    return rows;
  }
  for (std::size_t i = 0; i < match.items.size(); ++i) {
    const std::string line = lines.at(1 + i);
    std::string connector;
    std::string body = after_prefix(line, "match ");
    if (i > 0) {
      static const std::vector<std::string> connectors{"then any ", "then ", "next "};
      for (const std::string& word : connectors)
        if (body.starts_with(word)) {
          connector = word.substr(0, word.size() - 1);
          body = body.substr(word.size());
          break;
        }
    }
    PatternRow row = row_of(*match.items[i], body);
    row.connector = connector;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string write_pattern_rows(const std::vector<PatternRow>& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) {
      out += '\n';
      out += (rows[i].connector.empty() ? std::string("then") : rows[i].connector) + " ";
    }
    out += row_text(rows[i]);
  }
  return out;
}

}  // namespace cepheus::studio
