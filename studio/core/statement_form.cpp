#include "statement_form.h"

#include <algorithm>

#include "cepheus/core/trim.h"
#include "statement_edits.h"

namespace cepheus::studio {
namespace {

using dsl::StatementKind;

enum class Place : std::uint8_t { kHeader, kBlock, kClause };

struct Slot {
  std::string_view key;
  std::string_view label;
  Place place = Place::kClause;
  std::vector<std::string_view> prefixes;  // the clause's first words as written; the first is written back
  bool required = false;
  bool multiline = false;
  std::vector<std::string> choices;
  std::string_view placeholder;
};

const std::vector<Slot>& slots(StatementKind kind) {
  static const std::vector<Slot> schema{
      {"fields", "Fields", Place::kBlock, {}, true, true, {}, "device: string,\ntemp: double,\nts: timestamp,"}};
  static const std::vector<Slot> source{
      {"schema", "Schema", Place::kHeader, {}, true, false, {}, "Reading"},
      {"from", "From", Place::kClause, {"from"}, true, false, {}, "mqtt \"plant/{site}/{device}/readings\" qos 1"},
      {"format", "Payload format", Place::kClause, {"format"}, false, false, {"json", "csv"}, "json"},
      {"time",
       "Time",
       Place::kClause,
       {"event time", "processing time"},
       true,
       false,
       {},
       "event time ts lateness 10s"},
      {"idle after", "Idle after", Place::kClause, {"idle after"}, false, false, {}, "1m"}};
  static const std::vector<Slot> table{
      {"schema", "Schema", Place::kHeader, {}, true, false, {}, "Device"},
      {"from", "From", Place::kClause, {"from"}, true, false, {}, "csv \"data/devices.csv\""},
      {"key", "Key field", Place::kClause, {"key"}, true, false, {}, "device"}};
  static const std::vector<Slot> stream{
      {"from", "Input", Place::kHeader, {}, true, false, {}, "readings"},
      {"join", "Join", Place::kClause, {"join"}, false, false, {}, "devices on device"},
      {"where", "Condition", Place::kClause, {"where"}, false, false, {}, "temp > 80"},
      {"select", "Fields", Place::kClause, {"select"}, false, false, {}, "device, temp * 1.8 + 32 as temp_f"}};
  static const std::vector<Slot> window{
      {"from", "Input", Place::kHeader, {}, true, false, {}, "readings"},
      {"group by", "Group by", Place::kClause, {"group by"}, false, false, {}, "device"},
      {"window",
       "Window",
       Place::kClause,
       {"tumbling", "sliding", "session", "count"},
       true,
       false,
       {},
       "sliding 5m every 30s"},
      {"where", "Condition", Place::kClause, {"where"}, false, false, {}, "temp > 0"},
      {"compute", "Aggregates", Place::kClause, {"compute"}, true, false, {}, "avg(temp) as avg_temp, count() as n"},
      {"having", "Having", Place::kClause, {"having"}, false, false, {}, "n > 3"}};
  static const std::vector<Slot> twin{
      {"key", "Key field", Place::kHeader, {}, true, false, {}, "device"},
      {"properties", "Properties", Place::kBlock, {}, true, true, {}, "baseline: double = 0,"},
      {"on", "Updates", Place::kClause, {"on"}, true, true, {}, "temp_stats set baseline = avg_temp"},
      {"expire after", "Expire after", Place::kClause, {"expire after"}, false, false, {}, "30d"}};
  static const std::vector<Slot> pattern{
      {"partition by", "Partition by", Place::kClause, {"partition by"}, false, false, {}, "device"},
      {"within", "Within", Place::kClause, {"within"}, false, false, {}, "10m"},
      {"expire after", "Expire after", Place::kClause, {"expire after"}, false, false, {}, "1h"},
      {"match",
       "Steps",
       Place::kClause,
       {"match"},
       true,
       true,
       {},
       "every hot: readings{3} where temp > 80\nthen not maintenance within 5m"},
      {"skip",
       "After a match",
       Place::kClause,
       {"skip"},
       false,
       false,
       {},  // the pattern builder offers the strategies, with the step for "to first/last"
       "past last"},
      {"select", "Output fields", Place::kClause, {"select"}, false, false, {}, "device, count(hot) as count"}};
  static const std::vector<Slot> alert{
      {"from", "Input", Place::kHeader, {}, true, false, {}, "overheating"},
      {"where", "Condition", Place::kClause, {"where"}, false, false, {}, "count >= 3"},
      {"severity",
       "Severity",
       Place::kClause,
       {"severity"},
       false,
       false,
       {"info", "low", "medium", "high", "critical"},
       "medium"},
      {"message", "Message", Place::kClause, {"message"}, true, false, {}, "Device {device} overheated"},
      {"throttle", "Throttle", Place::kClause, {"throttle"}, false, false, {}, "10m per device"},
      {"to", "Targets", Place::kClause, {"to"}, false, false, {}, "mqtt \"alerts/{device}\" qos 1, journal"}};
  static const std::vector<Slot> sink{{"from", "Input", Place::kHeader, {}, true, false, {}, "hot_readings"},
                                      {"to", "Targets", Place::kClause, {"to"}, true, false, {}, "log"}};
  switch (kind) {
    case StatementKind::kSchema: return schema;
    case StatementKind::kSource: return source;
    case StatementKind::kTable: return table;
    case StatementKind::kStream: return stream;
    case StatementKind::kWindow: return window;
    case StatementKind::kTwin: return twin;
    case StatementKind::kPattern: return pattern;
    case StatementKind::kAlert: return alert;
    case StatementKind::kSink: return sink;
  }
  return sink;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

void append_line(std::string& value, std::string_view line) {
  if (!value.empty()) value += '\n';
  value += line;
}

// A message's text without its quotes, and back. Only \" is unescaped: every
// other escape (\{ in templates) stays as written, so the text round-trips.
std::string unquote(std::string_view quoted) {
  if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"') return std::string(quoted);
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 2 < quoted.size() && quoted[i + 1] == '"') ++i;
    out += quoted[i];
  }
  return out;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

// The header's parts after the keyword: name and the header field's value.
bool read_header(std::string_view header, StatementKind kind, std::string& name, std::string& value) {
  const std::size_t space = header.find(' ');
  if (space == std::string_view::npos) return false;
  std::string_view rest = header.substr(space + 1);
  if (rest.ends_with(" {")) rest.remove_suffix(2);
  std::string_view separator;
  switch (kind) {
    case StatementKind::kSource:
    case StatementKind::kTable: separator = ": "; break;
    case StatementKind::kStream:
    case StatementKind::kWindow:
    case StatementKind::kAlert:
    case StatementKind::kSink: separator = " from "; break;
    case StatementKind::kTwin: separator = " key "; break;
    default: name = std::string(rest); return true;
  }
  const std::size_t at = rest.find(separator);
  if (at == std::string_view::npos) return false;
  name = std::string(rest.substr(0, at));
  value = std::string(rest.substr(at + separator.size()));
  return true;
}

}  // namespace

const FormField* StatementForm::find(std::string_view key) const {
  for (const FormField& field : fields)
    if (field.key == key) return &field;
  return nullptr;
}

FormField* StatementForm::find(std::string_view key) {
  return const_cast<FormField*>(static_cast<const StatementForm*>(this)->find(key));  // NOLINT
}

Result<StatementForm> read_form(std::string_view canonical) {
  const std::vector<std::string> lines = split_lines(canonical);
  const std::string keyword = lines[0].substr(0, lines[0].find(' '));
  const auto known = std::find(dsl::kStatementKeywords.begin(), dsl::kStatementKeywords.end(), keyword);
  if (known == dsl::kStatementKeywords.end()) return invalid_argument("not a statement: '" + lines[0] + "'");
  StatementForm form;
  form.kind = static_cast<StatementKind>(known - dsl::kStatementKeywords.begin());
  for (const Slot& slot : slots(form.kind))
    form.fields.push_back({std::string(slot.key),
                           std::string(slot.label),
                           {},
                           slot.required,
                           slot.multiline,
                           slot.choices,
                           std::string(slot.placeholder)});
  std::string header_value;
  if (!read_header(lines[0], form.kind, form.name, header_value))
    return invalid_argument("cannot read the first line '" + lines[0] + "'");
  for (std::size_t i = 0; i < slots(form.kind).size(); ++i)
    if (slots(form.kind)[i].place == Place::kHeader) form.fields[i].value = header_value;

  std::size_t line = 1;
  const bool has_block = lines[0].ends_with("{");
  if (has_block) {
    FormField* block = nullptr;
    for (std::size_t i = 0; i < slots(form.kind).size(); ++i)
      if (slots(form.kind)[i].place == Place::kBlock) block = &form.fields[i];
    for (; line < lines.size() && lines[line] != "}"; ++line)
      append_line(block->value, std::string(trim_blanks(lines[line])));
    ++line;
  }
  FormField* last = nullptr;
  for (; line < lines.size(); ++line) {
    const std::string& text = lines[line];
    if (text.starts_with("    ") && last) {
      append_line(last->value, std::string(trim_blanks(text)));
      continue;
    }
    const std::string clause = std::string(trim_blanks(text));
    last = nullptr;
    for (std::size_t i = 0; i < slots(form.kind).size() && !last; ++i) {
      const Slot& slot = slots(form.kind)[i];
      for (const std::string_view prefix : slot.prefixes) {
        if (clause != prefix && !clause.starts_with(std::string(prefix) + " ")) continue;
        last = &form.fields[i];
        // Clauses named by their kind's own words (time, window) keep them in the value.
        const bool keep_prefix = slot.prefixes.size() > 1;
        append_line(last->value,
                    keep_prefix ? clause : std::string(trim_blanks(std::string_view(clause).substr(prefix.size()))));
        break;
      }
    }
    if (!last && !clause.empty() && !clause.starts_with("--"))
      return invalid_argument("unknown clause '" + clause + "'");
  }
  if (FormField* message = form.find("message")) message->value = unquote(message->value);
  return form;
}

Result<std::string> write_form(const StatementForm& form) {
  const std::vector<Slot>& kind_slots = slots(form.kind);
  std::string header_value;
  std::string block;
  std::string clauses;
  for (std::size_t i = 0; i < kind_slots.size() && i < form.fields.size(); ++i) {
    const Slot& slot = kind_slots[i];
    const std::string value = std::string(trim_blanks(form.fields[i].value));
    if (value.empty()) {
      if (slot.required) return invalid_argument(std::string(slot.label) + " is required");
      continue;
    }
    if (slot.place == Place::kHeader) {
      header_value = value;
      continue;
    }
    const std::vector<std::string> lines = split_lines(value);
    if (slot.place == Place::kBlock) {
      for (const std::string& line : lines) {
        const std::string field = std::string(trim_blanks(line));
        if (field.empty()) continue;
        block += "  " + field + (field.ends_with(",") ? "" : ",") + "\n";
      }
      continue;
    }
    const bool keep_prefix = slot.prefixes.size() > 1;
    const std::string prefix = keep_prefix ? std::string() : std::string(slot.prefixes[0]) + " ";
    for (std::size_t l = 0; l < lines.size(); ++l) {
      const std::string line = std::string(trim_blanks(lines[l]));
      if (line.empty()) continue;
      if (slot.key == "message") {
        clauses += "\n  message " + quote(value);
        break;
      }
      if (slot.key == "on" || l == 0) {
        clauses += "\n  " + prefix + line;
      } else {
        clauses += "\n    " + line;
      }
    }
  }
  const std::string keyword(dsl::statement_keyword(form.kind));
  std::string text = keyword + " " + form.name;
  switch (form.kind) {
    case StatementKind::kSchema: text += " {\n" + block + "}"; break;
    case StatementKind::kSource:
    case StatementKind::kTable: text += ": " + header_value; break;
    case StatementKind::kTwin: text += " key " + header_value + " {\n" + block + "}"; break;
    case StatementKind::kPattern: break;
    default: text += " from " + header_value; break;
  }
  return canonical_statement(text + clauses);
}

}  // namespace cepheus::studio
