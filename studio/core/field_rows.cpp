#include "field_rows.h"

#include "cepheus/core/trim.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/parser.h"

namespace cepheus::studio {
namespace {

// Where a line's `--` comment starts, outside string literals.
std::size_t comment_start(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && quoted) {
      ++i;
    } else if (line[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && line.substr(i).starts_with("--")) {
      return i;
    }
  }
  return std::string_view::npos;
}

Result<FieldRow> parse_field(const std::string& declaration, std::size_t line_number) {
  const std::string text = "schema rows {\n  " + declaration + "\n}";
  const dsl::SourceFile source("fields.cep", text);
  dsl::Diagnostics diagnostics;
  const dsl::RuleFile file = dsl::parse(source, diagnostics);
  const std::string where = "line " + std::to_string(line_number) + ": ";
  for (const dsl::Diagnostic& diagnostic : diagnostics.all())
    if (diagnostic.severity == dsl::Severity::kError) return invalid_argument(where + diagnostic.message);
  const auto* schema = file.statements.empty() ? nullptr : std::get_if<dsl::SchemaStmt>(&file.statements[0].body);
  if (!schema || schema->fields.size() != 1) return invalid_argument(where + "expected one 'name: type' field");
  const dsl::FieldDecl& field = schema->fields[0];
  FieldRow row;
  row.name = field.name.text;
  row.type = field.type.text;
  row.optional = field.optional;
  if (field.default_value) row.default_value = dsl::format_expression(*field.default_value);
  return row;
}

}  // namespace

const std::vector<std::string>& field_type_names() {
  static const std::vector<std::string> names{"bool", "int", "double", "string", "timestamp", "duration"};
  return names;
}

Result<std::vector<FieldRow>> read_field_rows(std::string_view block) {
  std::vector<FieldRow> rows;
  std::string pending_comment;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= block.size()) {
    const std::size_t end = std::min(block.find('\n', start), block.size());
    const std::string_view line = block.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::size_t comment_at = comment_start(line);
    const std::string comment =
        comment_at == std::string_view::npos ? "" : std::string(trim_blanks(line.substr(comment_at + 2)));
    std::string declaration = std::string(trim_blanks(line.substr(0, comment_at)));
    if (declaration.ends_with(','))
      declaration = std::string(trim_blanks(std::string_view(declaration).substr(0, declaration.size() - 1)));
    if (declaration.empty()) {
      if (!comment.empty()) pending_comment += (pending_comment.empty() ? "" : " ") + comment;
      continue;
    }
    CEPHEUS_ASSIGN_OR_RETURN(FieldRow row, parse_field(declaration, line_number));
    row.comment = pending_comment.empty() ? comment : pending_comment + (comment.empty() ? "" : " " + comment);
    pending_comment.clear();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string write_field_rows(const std::vector<FieldRow>& rows) {
  std::string out;
  for (const FieldRow& row : rows) {
    if (!out.empty()) out += '\n';
    out += row.name + ": " + row.type + (row.optional ? "?" : "");
    if (!row.default_value.empty()) out += " = " + row.default_value;
    out += ",";
    if (!row.comment.empty()) out += "  -- " + row.comment;
  }
  return out;
}

}  // namespace cepheus::studio
