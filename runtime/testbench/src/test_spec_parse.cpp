// Reads a test file: its scenario (or inline events) and its expectations.
#include <charconv>

#include "cepheus/core/trim.h"
#include "cepheus/testbench/test_spec.h"
#include "toml_reader.h"

namespace cepheus::testbench {
namespace {

std::optional<std::int64_t> whole(std::string_view text) {
  std::int64_t n = 0;
  const std::string t = std::string(trim_blanks(text));
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (error != std::errc() || end != t.data() + t.size() || n < 0) return std::nullopt;
  return n;
}

// 3, "3", "1..3", ">= 1", "> 0", "<= 2", "< 3".
std::optional<CountRange> parse_count(const TomlValue& value) {
  if (value.kind == TomlValue::Kind::kInteger) {
    if (value.integer < 0) return std::nullopt;
    return CountRange{value.integer, value.integer};
  }
  if (value.kind != TomlValue::Kind::kString) return std::nullopt;
  const std::string text = std::string(trim_blanks(value.text));
  if (const std::size_t dots = text.find(".."); dots != std::string::npos) {
    const auto low = whole(text.substr(0, dots));
    const std::string high_text = std::string(trim_blanks(text.substr(dots + 2)));
    const auto high = high_text.empty() ? std::optional<std::int64_t>() : whole(high_text);
    if (!low || (!high_text.empty() && (!high || *high < *low))) return std::nullopt;
    return CountRange{*low, high};
  }
  for (const auto& [op, low_of, high_of] :
       std::vector<std::tuple<std::string, int, int>>{{">=", 0, -1}, {"<=", -1, 0}, {">", 1, -1}, {"<", -1, -1}}) {
    if (!text.starts_with(op)) continue;
    const auto n = whole(text.substr(op.size()));
    if (!n) return std::nullopt;
    if (op == ">=") return CountRange{*n, std::nullopt};
    if (op == ">") return CountRange{*n + 1, std::nullopt};
    if (op == "<=") return CountRange{0, *n};
    if (*n == 0) return std::nullopt;
    return CountRange{0, *n - 1};
  }
  if (const auto n = whole(text)) return CountRange{*n, *n};
  return std::nullopt;
}

FieldMatcher parse_matcher(const std::string& field, const TomlValue& value) {
  FieldMatcher m{field, "=", "", ""};
  switch (value.kind) {
    case TomlValue::Kind::kInteger: m.value = std::to_string(value.integer); return m;
    case TomlValue::Kind::kFloat: {
      char buffer[32];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value.number);
      (void)error;
      m.value.assign(buffer, end);
      return m;
    }
    case TomlValue::Kind::kBool: m.value = value.flag ? "true" : "false"; return m;
    default: break;
  }
  const std::string text = value.text;
  if (text.starts_with("= ")) {  // exactly this text, even when it looks like "> 5" or "1..2"
    m.value = text.substr(2);
    return m;
  }
  for (const std::string op : {">=", "<=", ">", "<", "~"}) {
    if (text.starts_with(op)) {
      m.op = op;
      m.value = std::string(trim_blanks(text.substr(op.size())));
      return m;
    }
  }
  if (const std::size_t dots = text.find(".."); dots != std::string::npos) {
    double low = 0, high = 0;
    const std::string a = std::string(trim_blanks(text.substr(0, dots))),
                      b = std::string(trim_blanks(text.substr(dots + 2)));
    const bool low_ok = std::from_chars(a.data(), a.data() + a.size(), low).ec == std::errc();
    const bool high_ok = std::from_chars(b.data(), b.data() + b.size(), high).ec == std::errc();
    if (low_ok && high_ok) {
      m.op = "..";
      m.value = a;
      m.high = b;
      return m;
    }
  }
  m.value = text;
  return m;
}

}  // namespace

std::string CountRange::text() const {
  if (max && *max == min) return "exactly " + std::to_string(min);
  if (!max) return "at least " + std::to_string(min);
  if (min == 0) return "at most " + std::to_string(*max);
  return std::to_string(min) + " to " + std::to_string(*max);
}

std::string FieldMatcher::text() const {
  if (op == "..") return field + " in " + value + ".." + high;
  if (op == "~") return field + " contains \"" + value + "\"";
  return field + " " + op + " " + value;
}

std::string Expectation::text() const {
  std::string out = "'" + alert + "', " + count.text();
  for (const FieldMatcher& m : fields) out += ", " + m.text();
  if (!severity.empty()) out += ", severity " + severity;
  if (!message.empty()) out += ", message contains \"" + message + "\"";
  if (after && before) {
    out += ", between +" + format_duration(*after) + " and +" + format_duration(*before);
  } else if (after) {
    out += ", after +" + format_duration(*after);
  } else if (before) {
    out += ", before +" + format_duration(*before);
  }
  return out;
}

Result<TestSpec> parse_test(const std::string& path, std::string_view text) {
  const auto doc = TomlDocument::parse(text);
  if (!doc.ok()) return invalid_argument(path + ": " + doc.status().message());
  const Reader r(path, *doc);
  CEPHEUS_RETURN_IF_ERROR(r.known_keys(
      {"description", "scenario", "only", "start"},
      {{"expect", {"alert", "count", "after", "before", "message", "severity"}}}, {"fields"}, {"script.events"},
      "a test has description, scenario (or start and [script] events), only, and [expect.NAME] tables"));
  TestSpec spec;
  spec.path = path;
  std::string stem = path.substr(path.find_last_of('/') + 1);
  spec.name = stem.substr(0, stem.find('.'));
  CEPHEUS_ASSIGN_OR_RETURN(const auto description, r.string("description"));
  spec.description = description.value_or("");
  CEPHEUS_ASSIGN_OR_RETURN(const auto scenario, r.string("scenario"));
  spec.scenario = scenario.value_or("");
  CEPHEUS_ASSIGN_OR_RETURN(const auto only, r.flag("only"));
  spec.only = only.value_or(false);
  const TomlValue* events = r.value("script.events");
  if (spec.scenario.empty() == !events)
    return invalid_argument(path +
                            ": give either scenario = \"NAME\" or inline events in [script] events = \"\"\"...\"\"\"");
  if (events) {
    // Inline events are a scenario of their own: a start and a script.
    Scenario& inline_events = spec.inline_events;
    inline_events.path = path;
    inline_events.name = spec.name;
    CEPHEUS_ASSIGN_OR_RETURN(const auto start, r.string("start"));
    const auto start_time = parse_timestamp(start.value_or("2026-01-01T00:00:00Z"));
    if (!start_time.ok())
      return r.fail(r.value("start")->line, "'start' must be a time such as \"2026-11-20T08:00:00Z\"");
    inline_events.start = *start_time;
    if (events->kind != TomlValue::Kind::kString) return r.fail(events->line, "'script.events' must be a string");
    CEPHEUS_ASSIGN_OR_RETURN(inline_events.script, parse_script(events->text, events->line + 1, path));
  }
  for (const std::string& name : doc->tables_under("expect")) {
    const std::string t = "expect." + TomlDocument::quote_key(name);
    Expectation e;
    e.name = name;
    e.line = r.values_under(t).empty() ? 0 : r.values_under(t).front().second->line;
    CEPHEUS_ASSIGN_OR_RETURN(const auto alert, r.string(t + ".alert"));
    if (!alert) return r.fail(e.line, "expectation '" + name + "' needs 'alert': the name of the alert rule");
    e.alert = *alert;
    e.count = CountRange{1, std::nullopt};
    if (const TomlValue* count = r.value(t + ".count")) {
      const auto parsed = parse_count(*count);
      if (!parsed) return r.fail(count->line, "'count' is a number, or \"1..3\", \">= 1\", \"<= 2\"");
      e.count = *parsed;
    }
    CEPHEUS_ASSIGN_OR_RETURN(e.after, r.duration(t + ".after"));
    CEPHEUS_ASSIGN_OR_RETURN(e.before, r.duration(t + ".before"));
    CEPHEUS_ASSIGN_OR_RETURN(const auto message, r.string(t + ".message"));
    e.message = message.value_or("");
    CEPHEUS_ASSIGN_OR_RETURN(const auto severity, r.string(t + ".severity"));
    e.severity = severity.value_or("");
    for (const auto& [field, value] : r.values_under(t + ".fields")) {
      if (value->kind == TomlValue::Kind::kArray) return r.fail(value->line, "a field matcher is one value");
      e.fields.push_back(parse_matcher(field, *value));
    }
    spec.expectations.push_back(std::move(e));
  }
  if (spec.expectations.empty())
    return invalid_argument(path +
                            ": the test expects nothing: give at least one [expect.NAME] (count = 0 says an "
                            "alert must not fire)");
  return spec;
}

}  // namespace cepheus::testbench
