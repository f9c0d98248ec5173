// A line scanner that finds headers and key/value spans of a TOML text without
// decoding values (strings, arrays and multi-line strings are only skipped
// over), so that edits can splice the text at those spans.
#include "toml_edits.h"

#include <algorithm>
#include <array>

#include "cepheus/core/json_writer.h"
#include "cepheus/core/toml.h"

namespace cepheus::studio {
namespace {

struct Entry {
  std::string key;        // full dotted key, normalized
  std::size_t begin = 0;  // start of its first line
  std::size_t value_begin = 0;
  std::size_t value_end = 0;
  std::size_t end = 0;  // after its last line's line break
};

struct Section {
  std::string name;       // normalized; "" for the top level before any header
  std::size_t lead = 0;   // start of the comment lines right above the header
  std::size_t begin = 0;  // start of the header line
  std::size_t body = 0;   // after the header line
  std::vector<Entry> entries;
};

std::size_t line_end(std::string_view s, std::size_t i) {
  const std::size_t nl = s.find('\n', i);
  return nl == std::string_view::npos ? s.size() : nl + 1;
}

bool blank(char c) {
  return c == ' ' || c == '\t';
}

// Skips a string starting at s[i] (any of the four kinds); returns the index after it.
std::size_t skip_string(std::string_view s, std::size_t i) {
  const char quote = s[i];
  const bool basic = quote == '"';
  if (s.substr(i, 3) == std::string(3, quote)) {
    std::size_t j = i + 3;
    while (j < s.size()) {
      if (basic && s[j] == '\\') {
        j += 2;
      } else if (s.substr(j, 3) == std::string(3, quote)) {
        j += 3;
        while (j < s.size() && s[j] == quote) ++j;  // up to two quotes may end the content
        return j;
      } else {
        ++j;
      }
    }
    return s.size();
  }
  std::size_t j = i + 1;
  while (j < s.size() && s[j] != quote && s[j] != '\n') j += basic && s[j] == '\\' ? 2 : 1;
  return std::min(s.size(), j + 1);
}

// The end of the value that starts at s[i]: strings and arrays may span lines.
std::size_t skip_value(std::string_view s, std::size_t i) {
  int depth = 0;
  std::size_t last = i;  // after the last character of the value
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"' || c == '\'') {
      i = skip_string(s, i);
      last = i;
    } else if (c == '#') {
      if (depth == 0) break;
      i = line_end(s, i);
    } else if (c == '\n' || c == '\r') {
      if (depth == 0) break;
      ++i;
    } else if (blank(c)) {
      ++i;
    } else {
      if (c == '[' || c == '{') ++depth;
      if ((c == ']' || c == '}') && depth > 0) --depth;
      last = ++i;
    }
  }
  return last;
}

// "a . \"b c\" .d" -> a."b c".d, the form TomlDocument uses.
std::string normalize_key(std::string_view raw) {
  std::string out;
  std::string part;
  bool have_part = false;
  auto flush = [&] {
    if (!out.empty()) out += '.';
    out += TomlDocument::quote_key(part);
    part.clear();
    have_part = false;
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '"' || c == '\'') {
      const std::size_t end = skip_string(raw, i);
      for (std::size_t j = i + 1; j + 1 < end; ++j) {
        if (c == '"' && raw[j] == '\\' && j + 2 < end) ++j;
        part += raw[j];
      }
      have_part = true;
      i = end - 1;
    } else if (c == '.') {
      flush();
    } else if (!blank(c)) {
      part += c;
      have_part = true;
    }
  }
  if (have_part || !out.empty()) flush();
  return out;
}

std::vector<Section> scan(std::string_view s) {
  std::vector<Section> sections(1);
  std::size_t comment_run = std::string_view::npos;  // start of the comment lines just read
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    while (i < s.size() && blank(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '\n' || s[i] == '\r') {
      i = line_end(s, i);
      comment_run = std::string_view::npos;
      continue;
    }
    if (s[i] == '#') {
      if (comment_run == std::string_view::npos) comment_run = start;
      i = line_end(s, i);
      continue;
    }
    if (s[i] == '[') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != ']' && s[j] != '\n') j = (s[j] == '"' || s[j] == '\'') ? skip_string(s, j) : j + 1;
      Section section;
      section.name = normalize_key(s.substr(i + 1, j - i - 1));
      section.lead = comment_run == std::string_view::npos ? start : comment_run;
      section.begin = start;
      section.body = line_end(s, j);
      sections.push_back(std::move(section));
      i = sections.back().body;
      comment_run = std::string_view::npos;
      continue;
    }
    std::size_t eq = i;
    while (eq < s.size() && s[eq] != '=' && s[eq] != '\n')
      eq = (s[eq] == '"' || s[eq] == '\'') ? skip_string(s, eq) : eq + 1;
    if (eq >= s.size() || s[eq] != '=') {  // not TOML; step over the line
      i = line_end(s, i);
      comment_run = std::string_view::npos;
      continue;
    }
    Entry entry;
    const std::string key = normalize_key(s.substr(i, eq - i));
    const std::string& table = sections.back().name;
    entry.key = table.empty() ? key : table + "." + key;
    entry.begin = comment_run == std::string_view::npos ? start : comment_run;
    std::size_t v = eq + 1;
    while (v < s.size() && blank(s[v])) ++v;
    entry.value_begin = v;
    entry.value_end = skip_value(s, v);
    entry.end = line_end(s, entry.value_end);
    sections.back().entries.push_back(std::move(entry));
    i = sections.back().entries.back().end;
    comment_run = std::string_view::npos;
  }
  return sections;
}

std::string full_key(std::string_view table, std::string_view key) {
  const std::string k = normalize_key(key);
  return table.empty() ? k : normalize_key(table) + "." + k;
}

const Entry* find_entry(const std::vector<Section>& sections, const std::string& key) {
  for (const Section& section : sections)
    for (const Entry& entry : section.entries)
      if (entry.key == key) return &entry;
  return nullptr;
}

bool within(const std::string& name, const std::string& table) {
  return name == table || name.starts_with(table + ".");
}

std::string splice(std::string_view text, std::size_t begin, std::size_t end, std::string_view with) {
  std::string out(text.substr(0, begin));
  out += with;
  out += text.substr(end);
  return out;
}

// Where a new section of `table` goes: after the last table of its kind, else
// after the last table of the kinds a scenario lists before it.
std::size_t new_table_position(std::string_view text, const std::vector<Section>& sections, const std::string& table) {
  static constexpr std::array<std::string_view, 5> kOrder = {"population", "generate", "anomaly", "replay", "script"};
  const std::string kind = table.substr(0, table.find('.'));
  const auto rank = [&](const std::string& name) {
    const std::string k = name.substr(0, name.find('.'));
    const auto it = std::find(kOrder.begin(), kOrder.end(), k);
    return it == kOrder.end() ? static_cast<int>(kOrder.size()) : static_cast<int>(it - kOrder.begin());
  };
  const int own = rank(kind);
  std::size_t position = std::string_view::npos;
  for (std::size_t i = 1; i < sections.size(); ++i) {
    if (rank(sections[i].name) > own) continue;
    const Section& s = sections[i];
    position = s.entries.empty() ? s.body : s.entries.back().end;
  }
  if (position != std::string_view::npos) return position;
  if (sections.size() > 1) return sections[1].lead;
  return text.size();
}

}  // namespace

std::string toml_string(std::string_view text) {
  const bool has_double = text.find('"') != std::string_view::npos;
  const bool plain = text.find_first_of("'\n\r\t\\") == std::string_view::npos;
  if (has_double && plain) return "'" + std::string(text) + "'";
  // A JSON string's escapes (\" \\ \n \uXXXX ...) are a TOML basic string's too.
  return json_quoted(text);
}

std::string toml_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
  return out + "]";
}

bool toml_has_table(std::string_view text, std::string_view table) {
  const std::string name = normalize_key(table);
  const auto sections = scan(text);
  return std::any_of(sections.begin() + 1, sections.end(), [&](const Section& s) { return s.name == name; });
}

std::string toml_set(std::string_view text, std::string_view table, std::string_view key, std::string_view value) {
  const auto sections = scan(text);
  const std::string wanted = full_key(table, key);
  if (const Entry* entry = find_entry(sections, wanted))
    return splice(text, entry->value_begin, entry->value_end, value);

  // The deepest section the key falls under, among those of `table` and below.
  const std::string table_name = normalize_key(table);
  const Section* home = nullptr;
  for (const Section& s : sections) {
    const bool fits = table_name.empty() ? s.name.empty() : within(s.name, table_name) && within(wanted, s.name);
    if (fits && (!home || s.name.size() > home->name.size())) home = &s;
  }
  if (home) {
    const std::string relative = home->name.empty() ? wanted : wanted.substr(home->name.size() + 1);
    std::size_t at = home->entries.empty() ? home->body : home->entries.back().end;
    if (home->name.empty() && home->entries.empty()) at = sections.size() > 1 ? sections[1].lead : text.size();
    std::string line = relative + " = " + std::string(value) + "\n";
    if (at > 0 && at <= text.size() && text[at - 1] != '\n') line.insert(0, "\n");
    if (home->name.empty() && home->entries.empty() && sections.size() > 1) line += "\n";
    return splice(text, at, at, line);
  }
  // A table made by dotted keys only (`generate.x.every = ...` at the top) cannot
  // get a header: the new key joins them, dotted the same way.
  for (auto s = sections.rbegin(); s != sections.rend(); ++s) {
    for (auto e = s->entries.rbegin(); e != s->entries.rend(); ++e) {
      // Only keys dotted from a parent's section (or the top), not those under the table's own sub-tables.
      if (!within(e->key, table_name) || within(s->name, table_name)) continue;
      const std::string relative = s->name.empty() ? wanted : wanted.substr(s->name.size() + 1);
      std::string line = relative + " = " + std::string(value) + "\n";
      if (e->end > 0 && text[e->end - 1] != '\n') line.insert(0, "\n");
      return splice(text, e->end, e->end, line);
    }
  }
  const std::size_t at = new_table_position(text, sections, table_name);
  std::string block = "[" + table_name + "]\n" + normalize_key(key) + " = " + std::string(value) + "\n";
  if (at >= text.size()) {
    std::string out(text);
    if (!out.empty() && out.back() != '\n') out += '\n';
    if (!out.empty()) out += '\n';
    return out + block;
  }
  // Before the next table's comment: one blank line on each side.
  const bool before_lead =
      std::any_of(sections.begin() + 1, sections.end(), [&](const Section& s) { return s.lead == at; });
  return splice(text, at, at, before_lead ? block + "\n" : "\n" + block);
}

std::string toml_remove_key(std::string_view text, std::string_view table, std::string_view key) {
  const auto sections = scan(text);
  const Entry* entry = find_entry(sections, full_key(table, key));
  return entry ? splice(text, entry->begin, entry->end, "") : std::string(text);
}

std::string toml_remove_table(std::string_view text, std::string_view table) {
  const std::string name = normalize_key(table);
  const auto sections = scan(text);
  // Its sections, and the dotted keys elsewhere that define values under it
  // (`table.x = 1` at the top, `sub.x = 1` under a parent's header).
  std::vector<std::pair<std::size_t, std::size_t>> cuts;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (i > 0 && within(sections[i].name, name)) {
      cuts.emplace_back(sections[i].lead, i + 1 < sections.size() ? sections[i + 1].lead : text.size());
      continue;
    }
    for (const Entry& entry : sections[i].entries)
      if (within(entry.key, name)) cuts.emplace_back(entry.begin, entry.end);
  }
  std::string out(text);
  // From the back, so that earlier offsets stay valid.
  for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) out.erase(it->first, it->second - it->first);
  // A blank line left at the end by the last table is dropped.
  while (out.size() >= 2 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

std::string toml_rename_table(std::string_view text, std::string_view table, std::string_view new_name) {
  const std::string name = normalize_key(table);
  const std::string renamed = normalize_key(new_name);
  const auto sections = scan(text);
  std::string out(text);
  for (std::size_t i = sections.size(); i-- > 1;) {
    const Section& s = sections[i];
    if (!within(s.name, name)) continue;
    const std::string header = "[" + renamed + s.name.substr(name.size()) + "]";
    const std::size_t close = text.find(']', s.begin);
    out.replace(s.begin, close + 1 - s.begin, header);
  }
  return out;
}

std::string replace_line(std::string_view text, int line, std::string_view content) {
  std::size_t begin = 0;
  for (int n = 1; n < line && begin < text.size(); ++n) begin = line_end(text, begin);
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  return splice(text, begin, end, content);
}

std::string remove_line(std::string_view text, int line) {
  std::size_t begin = 0;
  for (int n = 1; n < line && begin < text.size(); ++n) begin = line_end(text, begin);
  return splice(text, begin, line_end(text, begin), "");
}

std::string toml_append_to_block(std::string_view text, std::string_view table, std::string_view key,
                                 std::string_view content) {
  const auto sections = scan(text);
  const Entry* entry = find_entry(sections, full_key(table, key));
  const std::string_view value =
      entry ? text.substr(entry->value_begin, entry->value_end - entry->value_begin) : std::string_view();
  if (!entry || value.size() < 6 || !value.starts_with("\"\"\"") || !value.ends_with("\"\"\""))
    return toml_set(text, table, key, "\"\"\"\n" + std::string(content) + "\n\"\"\"");
  const std::size_t close = entry->value_end - 3;
  std::size_t line_start = text.rfind('\n', close - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  const bool alone = text.substr(line_start, close - line_start).find_first_not_of(" \t") == std::string_view::npos;
  if (alone && line_start > entry->value_begin)
    return splice(text, line_start, line_start, std::string(content) + "\n");
  return splice(text, close, close, "\n" + std::string(content) + "\n");
}

}  // namespace cepheus::studio
