#include "cepheus/testbench/recorded_test.h"

#include <algorithm>
#include <map>

#include "cepheus/core/json_writer.h"

namespace cepheus::testbench {
namespace {

// The alerts of one rule and key.
struct Group {
  std::string rule;
  std::vector<std::pair<std::string, std::string>> fields;  // the key's fields and values
  std::string message;                                      // when the rule has no key
  std::string severity;
  std::int64_t approved = 0;
  Timestamp first = Timestamp::max();
  Timestamp last = Timestamp::min();
};

std::string quoted(const std::string& text) {
  std::string out;
  append_json_string(out, text);  // a TOML basic string escapes as JSON does
  return out;
}

// A matcher's text for an exact value that must not read as a range or comparison.
std::string exact(const std::string& value) {
  const bool special = value.starts_with('>') || value.starts_with('<') || value.starts_with('~') ||
                       value.starts_with("= ") || value.find("..") != std::string::npos;
  return quoted(special ? "= " + value : value);
}

std::vector<std::pair<std::string, std::string>> key_fields(const AlertRecord& alert) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t at = 0;
  while (at < alert.key.size()) {
    const std::size_t comma = alert.key.find(',', at);
    const std::string part = alert.key.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    const std::string name = part.substr(0, part.find('='));
    // The value as the alert's field has it: a key value may hold a comma.
    for (const auto& [field, value] : alert.fields)
      if (field == name) fields.emplace_back(name, value);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return fields;
}

// [A-Za-z0-9_] only, for a section name.
std::string section_name(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (plain)
      out += c;
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.size() > 60 ? out.substr(0, 60) : out;
}

std::string minutes(Duration d, bool round_up) {
  const std::int64_t minute = Duration::minutes(1).count_nanos();
  std::int64_t n = d.count_nanos() / minute;
  if (round_up && d.count_nanos() % minute != 0) ++n;
  return std::to_string(std::max<std::int64_t>(n, 0)) + "m";
}

}  // namespace

std::string recorded_test(const std::string& scenario, const std::string& description, Timestamp start,
                          const std::vector<ReviewedAlert>& alerts) {
  std::map<std::string, Group> groups;  // ordered by first appearance through `order`
  std::vector<std::string> order;
  for (const ReviewedAlert& reviewed : alerts) {
    const AlertRecord& a = reviewed.record;
    const std::string id = a.rule + "\n" + (a.key.empty() ? a.message : a.key);
    auto [it, added] = groups.try_emplace(id);
    Group& g = it->second;
    if (added) {
      order.push_back(id);
      g.rule = a.rule;
      g.fields = key_fields(a);
      if (a.key.empty()) g.message = a.message;
      g.severity = a.severity;
    }
    if (!reviewed.approved) continue;
    ++g.approved;
    g.first = std::min(g.first, a.time);
    g.last = std::max(g.last, a.time);
  }

  std::string out = "# Recorded from a run of scenario '" + scenario +
                    "' in the studio: the alerts the analyst approved, and no others.\n";
  out += "description = " + quoted(description) + "\n";
  out += "scenario = " + quoted(scenario) + "\n";
  out += "only = true\n";
  std::map<std::string, int> used;
  for (const std::string& id : order) {
    const Group& g = groups.at(id);
    std::string name = section_name(g.rule + (g.fields.empty() ? "" : "_" + g.fields.front().second));
    if (name.empty()) name = "alert";
    if (const int n = ++used[name]; n > 1) name += "_" + std::to_string(n);
    out += "\n[expect." + name + "]\n";
    out += "alert = " + quoted(g.rule) + "\n";
    out += "count = " + std::to_string(g.approved) + "\n";
    if (g.approved > 0) {
      out += "after = " + quoted(minutes(g.first - start - Duration::minutes(1), false)) + "\n";
      out += "before = " + quoted(minutes(g.last - start + Duration::minutes(1), true)) + "\n";
      out += "severity = " + quoted(g.severity) + "\n";
    }
    for (const auto& [field, value] : g.fields) out += "fields." + field + " = " + exact(value) + "\n";
    if (!g.message.empty()) out += "message = " + quoted(g.message) + "\n";
  }
  return out;
}

}  // namespace cepheus::testbench
