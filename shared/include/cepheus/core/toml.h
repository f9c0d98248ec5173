// TomlDocument: a parsed TOML file, for the node's configuration (node.toml).
//
// Reads the part of TOML 1.0 that configuration needs: comments, bare, quoted and
// dotted keys, [table] headers, every string form, integers, floats, booleans and
// arrays. Inline tables, arrays of tables and dates/times are refused with a message
// that says so, rather than half-supported. Parsing is strict and bounded (arrays
// nest at most 64 deep, keys have at most 64 parts); the first error stops it and
// says where ("line 7, column 12: ...") and why. Immutable after parsing.
//
// Keys are addressed by their full dotted name, relative to the root: the value of
// `url` under `[brokers.plant]` is "brokers.plant.url". A part that is not a bare
// key is written quoted, as in the file: `"site 1".url` (see quote_key).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus {

// One value of a TOML document, with the line it was written on (for messages such as
// "node.toml:7: 'listen' must be a string").
struct TomlValue {
  enum class Kind : std::uint8_t { kString, kInteger, kFloat, kBool, kArray };
  Kind kind = Kind::kString;
  std::string text;              // kString: decoded UTF-8; line endings inside read as "\n"
  std::int64_t integer = 0;      // kInteger
  double number = 0;             // kFloat (may be inf or nan)
  bool flag = false;             // kBool
  std::vector<TomlValue> items;  // kArray, items may be of different kinds
  int line = 0;                  // 1-based line where the value starts
  // "a string", "an integer", "a float", "a boolean", "an array", for messages.
  std::string_view kind_phrase() const;
};

class TomlDocument {
 public:
  // Errors: "line L, column C: <why>" (columns count characters, from 1).
  static Result<TomlDocument> parse(std::string_view text);

  // A value by its full dotted key: "listen", "mqtt.url", "brokers.plant.url"; nullptr
  // when absent, when the key names a table, or when it is not a well-formed key.
  const TomlValue* find(std::string_view dotted_key) const;
  // Every full dotted key with its value, in document order. Keys are written as
  // find() takes them: parts joined by '.', each quoted when it is not a bare key.
  const std::vector<std::pair<std::string, TomlValue>>& entries() const { return entries_; }
  // Names of the tables directly under `prefix` ("brokers" -> {"plant", "cloud"}; ""
  // for the top-level tables), in document order, each once. Names are unquoted: pass
  // them through quote_key() to build a dotted key.
  std::vector<std::string> tables_under(std::string_view prefix) const;
  // Whether a [table] header or a dotted key defined this table; a header also defines
  // the tables it names on the way ([brokers.plant] defines "brokers").
  bool has_table(std::string_view dotted_name) const;

  // One key part as a dotted key writes it: bare when it can be (plant), quoted
  // otherwise ("plant north", "a.b").
  static std::string quote_key(std::string_view name);

 private:
  friend class TomlParser;
  // Every key of the document, values and tables, by its full dotted name.
  struct Node {
    enum class Origin : std::uint8_t { kValue, kImpliedTable, kHeaderTable, kDottedTable };
    Origin origin = Origin::kImpliedTable;
    int line = 0;                     // where it was defined (or first implied)
    std::size_t entry = 0;            // kValue: index in entries_
    std::vector<std::string> tables;  // tables: the tables directly under this one, unquoted
  };
  const Node* node(std::string_view dotted_key) const;

  std::vector<std::pair<std::string, TomlValue>> entries_;
  std::map<std::string, Node, std::less<>> nodes_;  // "" is the root table
};

}  // namespace cepheus
