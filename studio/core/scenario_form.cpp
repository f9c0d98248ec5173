#include "scenario_form.h"

#include <algorithm>

#include "cepheus/core/json_writer.h"
#include "cepheus/core/toml.h"
#include "cepheus/core/trim.h"
#include "cepheus/core/value.h"

namespace cepheus::studio {
namespace {

std::string value_text(const TomlValue& v) {
  switch (v.kind) {
    case TomlValue::Kind::kString: return v.text;
    case TomlValue::Kind::kInteger: return std::to_string(v.integer);
    case TomlValue::Kind::kFloat: {
      std::string out;
      append_json_double(out, v.number);
      return out;
    }
    case TomlValue::Kind::kBool: return v.flag ? "true" : "false";
    case TomlValue::Kind::kArray: {
      std::string out;
      for (const TomlValue& item : v.items) out += (out.empty() ? "" : ", ") + value_text(item);
      return out;
    }
  }
  return {};
}

// The raw lines of a multi-line string value, each with its line in the file.
std::vector<std::pair<int, std::string>> block_lines(std::string_view text, const TomlValue& value) {
  std::vector<std::pair<int, std::string>> lines;
  // TOML drops the line break right after the opening quotes: the content then
  // starts on the next line of the file.
  std::size_t at = 0;
  for (int n = 1; n < value.line && at != std::string_view::npos; ++n) at = text.find('\n', at) + 1;
  const std::size_t eol = text.find('\n', at);
  const std::string_view first = text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
  const std::size_t quotes = first.find("\"\"\"");
  const bool starts_below = quotes != std::string_view::npos && trim_blanks(first.substr(quotes + 3)).empty();
  int line = value.line + (starts_below ? 1 : 0);
  std::size_t start = 0;
  const std::string& s = value.text;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    lines.emplace_back(line++, s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string_view next_word(std::string_view& s) {
  s = trim_blanks(s);
  const std::size_t end = s.find_first_of(" \t");
  const std::string_view word = s.substr(0, end);
  s = end == std::string_view::npos ? std::string_view() : s.substr(end);
  return word;
}

}  // namespace

std::vector<SourceShape> source_shapes(const dsl::Plan& plan) {
  std::vector<SourceShape> shapes;
  for (const dsl::PlanStatement& statement : plan.statements) {
    const auto* source = std::get_if<dsl::CheckedSource>(&statement.body);
    if (!source || !statement.output) continue;
    SourceShape shape;
    shape.name = statement.name;
    if (!source->processing_time && source->time_field < statement.output->size())
      shape.time_field = statement.output->field(source->time_field).name;
    for (const Field& field : statement.output->fields())
      shape.fields.emplace_back(field.name, std::string(value_type_name(field.type)) + (field.optional ? "?" : ""));
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

Result<ScenarioForm> read_scenario_form(std::string_view text) {
  CEPHEUS_ASSIGN_OR_RETURN(const TomlDocument doc, TomlDocument::parse(text));
  ScenarioForm form;
  for (const char* key : {"description", "seed", "start", "duration"})
    if (const TomlValue* v = doc.find(key)) form.settings[key] = value_text(*v);
  for (const char* kind : {"population", "generate", "anomaly", "replay"}) {
    for (const std::string& name : doc.tables_under(kind)) {
      ScenarioItem item;
      item.kind = kind;
      item.name = name;
      const std::string prefix = std::string(kind) + "." + TomlDocument::quote_key(name) + ".";
      for (const auto& [key, value] : doc.entries()) {
        if (!key.starts_with(prefix)) continue;
        const std::string relative = key.substr(prefix.size());
        item.first_line = item.first_line ? std::min(item.first_line, value.line) : value.line;
        item.last_line = std::max(item.last_line, value.line);
        if (relative.starts_with("fields.") || relative.starts_with("columns.")) {
          // The part after "fields." unquoted, as the form names it.
          std::string field = relative.substr(relative.find('.') + 1);
          if (field.size() >= 2 && field.front() == '"') field = field.substr(1, field.size() - 2);
          item.specs.emplace_back(field, value_text(value));
        } else {
          item.values[relative] = value_text(value);
        }
      }
      form.items.push_back(std::move(item));
    }
  }
  if (const TomlValue* events = doc.find("script.events"); events && events->kind == TomlValue::Kind::kString) {
    for (const auto& [line, raw] : block_lines(text, *events)) {
      std::string_view rest = trim_blanks(raw);
      if (rest.empty() || rest.front() == '#') continue;
      ScriptRow row;
      row.line = line;
      row.offset = std::string(next_word(rest));
      row.source = std::string(next_word(rest));
      row.json = std::string(trim_blanks(rest));
      form.script.push_back(std::move(row));
    }
  }
  return form;
}

std::string script_line(const ScriptRow& row) {
  std::string offset = std::string(trim_blanks(row.offset));
  if (offset.empty()) offset = "0s";
  if (offset.front() != '+' && offset.front() != '-') offset.insert(0, "+");
  std::string json = std::string(trim_blanks(row.json));
  if (json.empty()) json = "{}";
  return offset + " " + std::string(trim_blanks(row.source)) + " " + json;
}

}  // namespace cepheus::studio
