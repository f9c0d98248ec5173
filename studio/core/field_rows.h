// A schema's fields (or a twin's properties) as rows of name, type, optional
// and default, and back, for the inspector's field table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"

namespace cepheus::studio {

struct FieldRow {
  std::string name;
  std::string type;
  bool optional = false;
  std::string default_value;  // canonical expression text, "" for none
  std::string comment;        // the field's comment, without "--" (written at the end of its line)
};

// The types a field can have, in the order the table lists them.
const std::vector<std::string>& field_type_names();

// The rows of a block as the form holds it: one `name: type[?] [= default],`
// per line. A comment on its own line goes with the field that follows it.
Result<std::vector<FieldRow>> read_field_rows(std::string_view block);

// The block of rows, one field per line (not checked here: the form's write
// goes through the parser).
std::string write_field_rows(const std::vector<FieldRow>& rows);

}  // namespace cepheus::studio
