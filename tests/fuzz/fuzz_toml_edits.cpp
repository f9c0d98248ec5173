// Fuzzes the scenario editor's TOML text edits (studio/core/toml_edits) on any
// bytes: never a crash; and on a document that parses, setting any key to a new
// value, adding a key to any table, or removing any table, gives a document that parses, where that key has
// the new value (or the table is gone) and every other value is as it was.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cepheus/core/toml.h"
#include "toml_edits.h"

namespace {

using cepheus::TomlDocument;
using cepheus::TomlValue;

bool same(const TomlValue& a, const TomlValue& b) {
  if (a.kind != b.kind || a.text != b.text || a.integer != b.integer || a.flag != b.flag ||
      a.items.size() != b.items.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same(a.items[i], b.items[i])) return false;
  return true;
}

// Every value of `before` but those under `except` is in `after`, unchanged.
void check_kept(const TomlDocument& before, const TomlDocument& after, const std::string& except) {
  for (const auto& [key, value] : before.entries()) {
    if (key == except || key.starts_with(except + ".")) continue;
    const TomlValue* kept = after.find(key);
    if (!kept || !same(*kept, value)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto doc = TomlDocument::parse(text);
  if (!doc.ok()) {  // edits of text that is not TOML only must not crash
    (void)cepheus::studio::toml_set(text, "generate.a", "fields.b", "\"x\"");
    (void)cepheus::studio::toml_remove_table(text, "generate.a");
    (void)cepheus::studio::toml_append_to_block(text, "script", "events", "+0s a {}");
    return 0;
  }
  std::size_t n = 0;
  for (const auto& [key, value] : doc->entries()) {
    if (++n > 8) break;  // a few keys per input keep each run fast
    const std::string edited = cepheus::studio::toml_set(text, "", key, "\"edited\"");
    const auto after = TomlDocument::parse(edited);
    if (!after.ok()) std::abort();
    const TomlValue* changed = after->find(key);
    if (!changed || changed->text != "edited") std::abort();
    check_kept(*doc, *after, key);
  }
  n = 0;
  for (const std::string& top : doc->tables_under("")) {
    for (const std::string& name : doc->tables_under(TomlDocument::quote_key(top))) {
      if (++n > 8) break;
      const std::string table = TomlDocument::quote_key(top) + "." + TomlDocument::quote_key(name);
      const auto after = TomlDocument::parse(cepheus::studio::toml_remove_table(text, table));
      if (!after.ok() || after->has_table(table)) std::abort();
      check_kept(*doc, *after, table);
      // A new key in the table lands in it.
      const auto added = TomlDocument::parse(cepheus::studio::toml_set(text, table, "fuzz_new", "1"));
      if (!added.ok()) std::abort();
      const TomlValue* fresh = added->find(table + ".fuzz_new");
      if (!doc->find(table + ".fuzz_new") && (!fresh || fresh->integer != 1)) std::abort();
      check_kept(*doc, *added, table + ".fuzz_new");
    }
  }
  return 0;
}
