// Reads a scenario's TOML into a Scenario, refusing unknown keys and values of
// the wrong kind with the file and line.
#include <algorithm>
#include <set>

#include "cepheus/core/json_value.h"
#include "cepheus/core/toml.h"
#include "cepheus/core/trim.h"
#include "cepheus/testbench/scenario.h"
#include "field_spec.h"
#include "toml_reader.h"

namespace cepheus::testbench {
namespace {

std::string table_key(const std::string& kind, const std::string& name) {
  return kind + "." + TomlDocument::quote_key(name);
}

int table_line(const TomlDocument& doc, const std::string& table) {
  for (const auto& [key, v] : doc.entries())
    if (key.starts_with(table + ".")) return v.line;
  return 0;
}

Result<Population> read_population(const Reader& r, const std::string& name, const std::string& t) {
  Population p;
  p.name = name;
  CEPHEUS_ASSIGN_OR_RETURN(p.values, r.strings(t + ".values"));
  CEPHEUS_ASSIGN_OR_RETURN(const auto count, r.integer(t + ".count", 1, 100'000'000));
  CEPHEUS_ASSIGN_OR_RETURN(const auto names, r.string(t + ".names"));
  if (names) p.names = *names;
  if (!p.values.empty() && (count || names))
    return r.fail(r.value(t + ".values")->line, "give either 'values' or 'count' (and 'names'), not both");
  p.count = p.values.empty() ? static_cast<std::size_t>(count.value_or(1)) : p.values.size();
  if (p.names.find("{n") == std::string::npos)
    return r.fail(r.value(t + ".names")->line, "'names' needs {n} (or {n:03} for zero-padded numbers)");
  return p;
}

Result<Generator> read_generator(const Reader& r, const std::string& name, const std::string& t, int line) {
  Generator g;
  g.name = name;
  g.line = line;
  CEPHEUS_ASSIGN_OR_RETURN(const auto source, r.string(t + ".source"));
  g.source = source.value_or(name);
  CEPHEUS_ASSIGN_OR_RETURN(const auto per, r.string(t + ".per"));
  g.population = per.value_or("");
  CEPHEUS_ASSIGN_OR_RETURN(const auto arrival, r.string(t + ".arrival"));
  if (arrival) {
    if (*arrival == "fixed") {
      g.arrival = Arrival::kFixed;
    } else if (*arrival == "poisson") {
      g.arrival = Arrival::kPoisson;
    } else if (*arrival == "bursts") {
      g.arrival = Arrival::kBursts;
    } else {
      return r.fail(r.value(t + ".arrival")->line, "'arrival' is fixed, poisson or bursts, not '" + *arrival + "'");
    }
  }
  CEPHEUS_ASSIGN_OR_RETURN(const auto every, r.duration(t + ".every"));
  if (every) g.every = *every;
  if (g.every <= Duration()) return r.fail(line, "'every' must be longer than 0s");
  CEPHEUS_ASSIGN_OR_RETURN(const auto burst, r.integer(t + ".burst", 1, 1'000'000));
  g.burst = burst.value_or(1);
  CEPHEUS_ASSIGN_OR_RETURN(const auto burst_gap, r.duration(t + ".burst_gap"));
  if (burst_gap) g.burst_gap = *burst_gap;
  CEPHEUS_ASSIGN_OR_RETURN(const auto from, r.duration(t + ".from"));
  g.from = from.value_or(Duration());
  CEPHEUS_ASSIGN_OR_RETURN(g.until, r.duration(t + ".until"));
  CEPHEUS_ASSIGN_OR_RETURN(g.limit, r.integer(t + ".limit", 1, 1'000'000'000'000));
  CEPHEUS_ASSIGN_OR_RETURN(g.fields, r.string_map(t + ".fields"));
  for (const auto& [field, spec] : g.fields) {
    const auto parsed = parse_field_spec(spec);
    if (!parsed.ok()) {
      const TomlValue* value = r.value(t + ".fields." + TomlDocument::quote_key(field));
      return r.fail(value ? value->line : line, "field '" + field + "': " + parsed.status().message());
    }
  }
  return g;
}

Result<Anomaly> read_anomaly(const Reader& r, const std::string& name, const std::string& t, int line) {
  Anomaly a;
  a.name = name;
  a.line = line;
  CEPHEUS_ASSIGN_OR_RETURN(const auto generator, r.string(t + ".generate"));
  if (!generator) return r.fail(line, "anomaly '" + name + "' needs 'generate': the generator it changes");
  a.generator = *generator;
  CEPHEUS_ASSIGN_OR_RETURN(a.keys, r.strings(t + ".keys"));
  CEPHEUS_ASSIGN_OR_RETURN(const auto at, r.duration(t + ".at"));
  CEPHEUS_ASSIGN_OR_RETURN(const auto length, r.duration(t + ".for"));
  if (!at || !length) return r.fail(line, "anomaly '" + name + "' needs 'at' and 'for' (durations after the start)");
  a.at = *at;
  a.length = *length;
  CEPHEUS_ASSIGN_OR_RETURN(const auto silent, r.flag(t + ".silent"));
  a.silent = silent.value_or(false);
  CEPHEUS_ASSIGN_OR_RETURN(a.fields, r.string_map(t + ".fields"));
  if (!a.silent && a.fields.empty())
    return r.fail(line, "anomaly '" + name + "' changes nothing: give [anomaly." + name + ".fields] or silent = true");
  for (const auto& [field, spec] : a.fields) {
    const auto parsed = parse_field_spec(spec);
    if (!parsed.ok()) return r.fail(line, "field '" + field + "': " + parsed.status().message());
  }
  return a;
}

Result<Replay> read_replay(const Reader& r, const std::string& name, const std::string& t, int line) {
  Replay p;
  p.name = name;
  p.line = line;
  CEPHEUS_ASSIGN_OR_RETURN(const auto file, r.string(t + ".file"));
  if (!file) return r.fail(line, "replay '" + name + "' needs 'file'");
  p.file = *file;
  CEPHEUS_ASSIGN_OR_RETURN(const auto source, r.string(t + ".source"));
  p.source = source.value_or("");
  CEPHEUS_ASSIGN_OR_RETURN(const auto shift, r.string(t + ".shift"));
  if (shift) {
    const bool negative = shift->starts_with('-');
    const auto parsed = parse_duration(std::string_view(*shift).substr(negative || shift->starts_with('+') ? 1 : 0));
    if (!parsed.ok()) return r.fail(r.value(t + ".shift")->line, "'shift' is a duration such as \"+1h\" or \"-30m\"");
    p.shift = negative ? -*parsed : *parsed;
  }
  CEPHEUS_ASSIGN_OR_RETURN(const auto scale, r.number(t + ".scale"));
  p.scale = scale.value_or(1.0);
  if (!(p.scale > 0 && p.scale < 1e6)) return r.fail(line, "'scale' must be a number above 0");
  CEPHEUS_ASSIGN_OR_RETURN(p.columns, r.string_map(t + ".columns"));
  return p;
}

}  // namespace

std::string Population::key_name(std::size_t index) const {
  if (!values.empty()) return values[index];
  const std::size_t open = names.find("{n");
  const std::size_t close = names.find('}', open);
  std::string number = std::to_string(index + 1);
  const std::string format = names.substr(open, close - open + 1);  // {n} or {n:03}
  if (format.size() > 4 && format[2] == ':') {
    const std::size_t width = static_cast<std::size_t>(std::atoi(format.c_str() + 3));
    if (number.size() < width) number.insert(0, width - number.size(), '0');
  }
  return names.substr(0, open) + number + names.substr(close + 1);
}

Result<std::vector<ScriptedEvent>> parse_script(std::string_view text, int first_line, const std::string& where) {
  std::vector<ScriptedEvent> events;
  int line = first_line;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string row = std::string(trim_blanks(text.substr(start, end - start)));
    start = end + 1;
    const int this_line = line++;
    if (row.empty() || row.starts_with('#')) continue;
    const auto fail = [&](const std::string& why) {
      return invalid_argument(where + ":" + std::to_string(this_line) + ": " + why +
                              " (a script line is '+OFFSET SOURCE {JSON}', such as "
                              "'+10s readings {\"device\": \"d1\", \"temp\": 85}')");
    };
    const std::size_t space = row.find(' ');
    if (!row.starts_with('+') || space == std::string::npos) return fail("expected +OFFSET first");
    const auto offset = parse_duration(std::string_view(row).substr(1, space - 1));
    if (!offset.ok()) return fail("'" + row.substr(0, space) + "' is not an offset such as +0s or +1m30s");
    const std::string rest = std::string(trim_blanks(std::string_view(row).substr(space)));
    const std::size_t brace = rest.find('{');
    if (brace == std::string::npos || brace == 0) return fail("expected a source name and a JSON object");
    ScriptedEvent event;
    event.offset = *offset;
    event.source = std::string(trim_blanks(std::string_view(rest).substr(0, brace)));
    event.json = rest.substr(brace);
    event.line = this_line;
    const auto json = JsonValue::parse(event.json);
    if (!json.ok()) return fail("the event is not JSON: " + json.status().message());
    if (!json->is_object()) return fail("the event must be a JSON object");
    events.push_back(std::move(event));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const ScriptedEvent& a, const ScriptedEvent& b) { return a.offset < b.offset; });
  return events;
}

Result<Scenario> parse_scenario(const std::string& path, std::string_view text) {
  const auto doc = TomlDocument::parse(text);
  if (!doc.ok()) return invalid_argument(path + ": " + doc.status().message());
  const Reader r(path, *doc);
  CEPHEUS_RETURN_IF_ERROR(
      r.known_keys({"name", "description", "seed", "start", "duration"},
                   {{"population", {"count", "names", "values"}},
                    {"generate", {"source", "per", "arrival", "every", "burst", "burst_gap", "from", "until", "limit"}},
                    {"anomaly", {"generate", "keys", "at", "for", "silent"}},
                    {"replay", {"file", "source", "shift", "scale"}}},
                   {"fields", "columns"}, {"script.events"},
                   "a scenario has name, description, seed, start, duration and the tables [population.NAME], "
                   "[generate.NAME], [anomaly.NAME], [replay.NAME] and [script]"));
  Scenario s;
  s.path = path;
  CEPHEUS_ASSIGN_OR_RETURN(const auto written_name, r.string("name"));
  std::string stem = path.substr(path.find_last_of('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  s.name = written_name.value_or(stem);
  CEPHEUS_ASSIGN_OR_RETURN(const auto description, r.string("description"));
  s.description = description.value_or("");
  CEPHEUS_ASSIGN_OR_RETURN(const auto seed, r.integer("seed", 0, INT64_MAX));
  s.seed = static_cast<std::uint64_t>(seed.value_or(1));
  CEPHEUS_ASSIGN_OR_RETURN(const auto start, r.string("start"));
  if (start) {
    const auto parsed = parse_timestamp(*start);
    if (!parsed.ok()) return r.fail(r.value("start")->line, "'start' must be a time such as \"2026-11-20T08:00:00Z\"");
    s.start = *parsed;
  } else {
    s.start = *parse_timestamp("2026-01-01T00:00:00Z");
  }
  CEPHEUS_ASSIGN_OR_RETURN(const auto duration, r.duration("duration"));
  if (duration) s.duration = *duration;

  for (const std::string& name : doc->tables_under("population")) {
    CEPHEUS_ASSIGN_OR_RETURN(Population p, read_population(r, name, table_key("population", name)));
    s.populations.emplace(name, std::move(p));
  }
  for (const std::string& name : doc->tables_under("generate")) {
    const std::string t = table_key("generate", name);
    CEPHEUS_ASSIGN_OR_RETURN(Generator g, read_generator(r, name, t, table_line(*doc, t)));
    if (!g.population.empty() && !s.populations.contains(g.population))
      return r.fail(g.line, "generator '" + name + "' is per '" + g.population + "', which is not a [population." +
                                g.population + "]");
    s.generators.push_back(std::move(g));
  }
  for (const std::string& name : doc->tables_under("anomaly")) {
    const std::string t = table_key("anomaly", name);
    CEPHEUS_ASSIGN_OR_RETURN(Anomaly a, read_anomaly(r, name, t, table_line(*doc, t)));
    const auto generator = std::find_if(s.generators.begin(), s.generators.end(),
                                        [&](const Generator& g) { return g.name == a.generator; });
    if (generator == s.generators.end())
      return r.fail(a.line, "anomaly '" + name + "' changes generator '" + a.generator +
                                "', which is not a [generate." + a.generator + "]");
    s.anomalies.push_back(std::move(a));
  }
  for (const std::string& name : doc->tables_under("replay")) {
    const std::string t = table_key("replay", name);
    CEPHEUS_ASSIGN_OR_RETURN(Replay p, read_replay(r, name, t, table_line(*doc, t)));
    s.replays.push_back(std::move(p));
  }
  if (const TomlValue* events = r.value("script.events")) {
    if (events->kind != TomlValue::Kind::kString) return r.fail(events->line, "'script.events' must be a string");
    // A multi-line string starts on the line after its opening quotes.
    const int first = events->line + (events->text.starts_with('\n') ? 0 : 1);
    CEPHEUS_ASSIGN_OR_RETURN(s.script, parse_script(events->text, first, path));
  }
  if (s.generators.empty() && s.replays.empty() && s.script.empty())
    return invalid_argument(path +
                            ": the scenario has no events: give a [generate.NAME], a [replay.NAME] or a [script]");
  return s;
}

}  // namespace cepheus::testbench
