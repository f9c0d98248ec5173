// Typed reading of a TOML document's values with messages that name the file
// and line, shared by the scenario and test file readers.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/core/time.h"
#include "cepheus/core/toml.h"

namespace cepheus::testbench {

// Each getter gives nullopt (or empty) when the key is absent, and an error
// "PATH:LINE: 'key' must be ..." when it holds the wrong kind of value.
class Reader {
 public:
  Reader(const std::string& path, const TomlDocument& doc) : path_(path), doc_(doc) {}

  Status fail(int line, const std::string& why) const {
    return invalid_argument(path_ + ":" + std::to_string(line) + ": " + why);
  }

  const TomlValue* value(const std::string& key) const { return doc_.find(key); }

  Result<std::optional<std::string>> string(const std::string& key) const {
    const TomlValue* v = value(key);
    if (!v) return std::optional<std::string>();
    if (v->kind != TomlValue::Kind::kString)
      return fail(v->line, "'" + key + "' must be a string, not " + std::string(v->kind_phrase()));
    return std::optional<std::string>(v->text);
  }

  Result<std::optional<std::int64_t>> integer(const std::string& key, std::int64_t low, std::int64_t high) const {
    const TomlValue* v = value(key);
    if (!v) return std::optional<std::int64_t>();
    if (v->kind != TomlValue::Kind::kInteger || v->integer < low || v->integer > high)
      return fail(v->line,
                  "'" + key + "' must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    return std::optional<std::int64_t>(v->integer);
  }

  Result<std::optional<double>> number(const std::string& key) const {
    const TomlValue* v = value(key);
    if (!v) return std::optional<double>();
    if (v->kind == TomlValue::Kind::kInteger) return std::optional<double>(static_cast<double>(v->integer));
    if (v->kind != TomlValue::Kind::kFloat) return fail(v->line, "'" + key + "' must be a number");
    return std::optional<double>(v->number);
  }

  Result<std::optional<bool>> flag(const std::string& key) const {
    const TomlValue* v = value(key);
    if (!v) return std::optional<bool>();
    if (v->kind != TomlValue::Kind::kBool) return fail(v->line, "'" + key + "' must be true or false");
    return std::optional<bool>(v->flag);
  }

  Result<std::optional<Duration>> duration(const std::string& key) const {
    CEPHEUS_ASSIGN_OR_RETURN(const auto text, string(key));
    if (!text) return std::optional<Duration>();
    const auto parsed = parse_duration(*text);
    if (!parsed.ok() || *parsed < Duration())
      return fail(value(key)->line,
                  "'" + key + "' must be a duration such as \"30s\", \"5m\" or \"2h\", not '" + *text + "'");
    return std::optional<Duration>(*parsed);
  }

  Result<std::vector<std::string>> strings(const std::string& key) const {
    const TomlValue* v = value(key);
    std::vector<std::string> out;
    if (!v) return out;
    if (v->kind != TomlValue::Kind::kArray) return fail(v->line, "'" + key + "' must be an array of strings");
    for (const TomlValue& item : v->items) {
      if (item.kind != TomlValue::Kind::kString) return fail(item.line, "'" + key + "' must hold strings only");
      out.push_back(item.text);
    }
    return out;
  }

  // Every value directly under `table`, by its unquoted name, in file order.
  std::vector<std::pair<std::string, const TomlValue*>> values_under(const std::string& table) const {
    std::vector<std::pair<std::string, const TomlValue*>> out;
    const std::string prefix = table + ".";
    for (const auto& [key, v] : doc_.entries()) {
      if (!key.starts_with(prefix)) continue;
      const std::string name = key.substr(prefix.size());
      out.emplace_back(name.size() > 1 && name.front() == '"' ? name.substr(1, name.size() - 2) : name, &v);
    }
    return out;
  }

  // The string values directly under `table` (its sub-table `fields`, `columns`), in file order.
  Result<std::vector<std::pair<std::string, std::string>>> string_map(const std::string& table) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, v] : doc_.entries()) {
      // A nested key (fields.a.temp) is not a name of this map; a quoted one ("a.b") is.
      if (key.starts_with(table + ".") && key.find('.', table.size() + 1) != std::string::npos &&
          key[table.size() + 1] != '"')
        return fail(v.line, "'" + key + "': a name under '" + table + "' is one word (quote it to keep a dot)");
    }
    for (const auto& [name, v] : values_under(table)) {
      if (v->kind != TomlValue::Kind::kString) return fail(v->line, "'" + table + "." + name + "' must be a string");
      out.emplace_back(name, v->text);
    }
    return out;
  }

  // Every key of the document must be one the format knows: `top` keys, or
  // KIND.NAME.KEY for the named `tables`, KIND.NAME.MAP.ANY for the `maps`
  // (fields, columns), or the dotted keys in `plain` (script.events).
  Status known_keys(const std::set<std::string>& top, const std::map<std::string, std::set<std::string>>& tables,
                    const std::set<std::string>& maps, const std::set<std::string>& plain,
                    const std::string& hint) const {
    for (const auto& [key, v] : doc_.entries()) {
      if (top.contains(key) || plain.contains(key)) continue;
      const std::size_t first = key.find('.');
      bool known = false;
      if (first != std::string::npos) {
        const std::string kind = key.substr(0, first);
        const std::string rest = key.substr(first + 1);
        if (const auto allowed = tables.find(kind); allowed != tables.end()) {
          // kind.NAME.key or kind.NAME.map.field
          const std::size_t second = rest.find('.');
          if (second != std::string::npos) {
            const std::string tail = rest.substr(second + 1);
            const std::size_t third = tail.find('.');
            known =
                allowed->second.contains(tail) || (third != std::string::npos && maps.contains(tail.substr(0, third)));
          }
        }
      }
      if (!known) return fail(v.line, "unknown key '" + key + "'; " + hint);
    }
    return {};
  }

 private:
  const std::string& path_;
  const TomlDocument& doc_;
};

}  // namespace cepheus::testbench
