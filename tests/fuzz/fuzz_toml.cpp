// Fuzzes the TOML reader of node configuration files: any bytes must give a document
// or an error that says where and why, never a crash; and every key and table of a
// document must be found again by the names the document gives them.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cepheus/core/toml.h"

namespace {

// Every table listed under `prefix` is known by its dotted name, and so are its own.
void check_tables(const cepheus::TomlDocument& doc, const std::string& prefix) {
  for (const std::string& name : doc.tables_under(prefix)) {
    const std::string dotted = (prefix.empty() ? "" : prefix + ".") + cepheus::TomlDocument::quote_key(name);
    if (!doc.has_table(dotted) || doc.find(dotted) != nullptr) std::abort();
    check_tables(doc, dotted);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = cepheus::TomlDocument::parse(text);
  if (!doc.ok()) {
    // "line L, column C: <why>", with a reason.
    const std::string& message = doc.status().message();
    const std::size_t colon = message.find(": ");
    if (!message.starts_with("line ") || colon == std::string::npos || colon + 2 >= message.size()) std::abort();
    return 0;
  }
  for (const auto& [key, value] : doc->entries()) {
    if (doc->find(key) != &value || doc->has_table(key) || value.line < 1) std::abort();
  }
  check_tables(*doc, "");
  return 0;
}
