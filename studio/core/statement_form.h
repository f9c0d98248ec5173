// A statement as a form: its clauses as labelled text fields, and back.
//
// The inspector shows a form per node kind. A form is read from the
// statement's canonical text (one clause per line) and written back as text
// that the parser and the canonical formatter judge, so a form can never save
// a statement that does not parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/ast.h"

namespace cepheus::studio {

struct FormField {
  std::string key;    // "where", "severity", "window", ...
  std::string label;  // "Condition", "Severity", ...
  std::string value;  // the clause after its keyword; empty when absent
  bool required = false;
  bool multiline = false;
  std::vector<std::string> choices;  // when the value is one of a few words
  std::string placeholder;           // an example of a value
};

struct StatementForm {
  dsl::StatementKind kind = dsl::StatementKind::kSchema;
  std::string name;
  std::vector<FormField> fields;

  const FormField* find(std::string_view key) const;
  FormField* find(std::string_view key);
};

// The form of a statement given as canonical text (see canonical_statement).
Result<StatementForm> read_form(std::string_view canonical);
// The statement text of a form, in canonical form, or why it does not parse.
Result<std::string> write_form(const StatementForm& form);

}  // namespace cepheus::studio
