// Canvas edits as changes of the rule text.
//
// Every edit takes the project's texts and gives back new texts (or the reason
// it is refused). Only the statements an edit touches change: each is cut out,
// changed and printed again by the canonical formatter, and spliced back, so
// comments and every other statement stay exactly as they were.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"
#include "project_graph.h"

namespace cepheus::studio {

struct RuleText {
  std::string path;
  std::string text;
  friend bool operator==(const RuleText&, const RuleText&) = default;
};
using RuleTexts = std::vector<RuleText>;

// One statement's text in canonical form, without a final line break. Refused
// when `text` is not exactly one statement that parses.
Result<std::string> canonical_statement(std::string_view text);

// Appends a statement to file `file` (a blank line before it).
Result<RuleTexts> add_statement(const RuleTexts& texts, std::size_t file, std::string_view statement);
// Removes the named statements and the comment lines right above each.
Result<RuleTexts> remove_statements(const RuleTexts& texts, const std::vector<std::string>& names);
// Replaces a statement with `statement` (which may rename it; references are not followed).
Result<RuleTexts> replace_statement(const RuleTexts& texts, std::string_view name, std::string_view statement);
// Renames a statement and every reference to it, in all files.
Result<RuleTexts> rename_statement(const RuleTexts& texts, std::string_view name, std::string_view new_name);
// Makes `wire.to` read `wire.from` on `wire.port`, or says why that wire cannot be.
Result<RuleTexts> connect(const RuleTexts& texts, const GraphWire& wire);
// Removes a wire where the statement stays whole without it (a join, one of several updates).
Result<RuleTexts> disconnect(const RuleTexts& texts, const GraphWire& wire);

// Why `wire` cannot be made, or empty when it can (for live feedback while dragging).
std::string refuse_reason(const ProjectGraph& graph, const GraphWire& wire);

// A name that no statement has yet: `base`, else base_2, base_3...
std::string unique_name(const ProjectGraph& graph, std::string_view base);
// Whether `name` can be written as a plain name.
bool is_plain_name(std::string_view name);

// The statement that the palette drops for `kind`, named `name`, reading `input`
// (a stream, or empty) and using `schema` (or a placeholder) where one is needed.
std::string new_statement_text(dsl::StatementKind kind, std::string_view name, std::string_view input,
                               std::string_view schema);
// The base name the palette gives a new node of `kind`.
std::string_view default_name(dsl::StatementKind kind);

// Parses texts into a project (for callers that need the graph).
dsl::Project parse_texts(const RuleTexts& texts, dsl::Diagnostics& diagnostics);

}  // namespace cepheus::studio
