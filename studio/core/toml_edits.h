// Edits of a TOML file's text that change only the lines they must, for the
// scenario editor: a value is replaced in place (the comment after it stays), a
// new key goes after the last key of its table, a new table after the last
// table of its kind, and a removed table takes the comment lines right above
// its header with it. Every other line, comments and blank lines included,
// stays exactly as it was.
//
// Tables and keys are named as TomlDocument names them: parts joined by '.',
// each quoted when it is not a bare key ("generate.readings", "fields.temp").
// A key is found whether the file writes it dotted under its table
// (`fields.temp = ...` under [generate.readings]) or under a sub-table
// ([generate.readings.fields] `temp = ...`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cepheus::studio {

// A TOML value for `text`: a basic string, or a literal string ('...') when
// the text holds double quotes and no single ones (field specs read better so).
std::string toml_string(std::string_view text);
// ["a", "b"]
std::string toml_string_array(const std::vector<std::string>& items);

// Sets `key` of `table` ("" for the top level) to `value`, written as TOML
// (toml_string("x"), "42", "true"). Creates the table when it is missing.
std::string toml_set(std::string_view text, std::string_view table, std::string_view key, std::string_view value);
// Removes `key` of `table` (and the comment lines right above it); the text
// unchanged when there is no such key.
std::string toml_remove_key(std::string_view text, std::string_view table, std::string_view key);
// Removes a table, its sub-tables and the comment lines right above their headers.
std::string toml_remove_table(std::string_view text, std::string_view table);
// Renames a table and its sub-tables in their headers.
std::string toml_rename_table(std::string_view text, std::string_view table, std::string_view new_name);
// Whether the text has a [table] header.
bool toml_has_table(std::string_view text, std::string_view table);

// A multi-line string value's lines, for the scenario's script: replaces line
// `line` (1-based, of the whole file) with `content`, or removes it.
std::string replace_line(std::string_view text, int line, std::string_view content);
std::string remove_line(std::string_view text, int line);
// Adds `content` as the last line of the multi-line string `key` of `table`,
// creating the table and the string ("""...""") when they are missing.
std::string toml_append_to_block(std::string_view text, std::string_view table, std::string_view key,
                                 std::string_view content);

}  // namespace cepheus::studio
