// A generator's field spec (docs/scenarios.md, "Field specs") taken apart for a
// form and put back together: "per key normal 70 2 drift 1/h min 60 round 1"
// is per key, kind normal, arguments 70 and 2, modifiers drift, min and round.
// Reading is lenient (the scenario reader is the judge of what is valid): a
// spec the form cannot take apart has the kind "" and stays as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cepheus::studio {

struct FieldSpecForm {
  bool per_key = false;
  // key, time, constant, uniform, normal, walk, one of, sequence, counter; "" when unreadable
  std::string kind;
  std::string first;   // constant V, uniform LOW, normal MEAN, walk START, counter START
  std::string second;  // uniform HIGH, normal DEVIATION, walk STEP
  std::string values;  // one of, sequence: "north:2 south", as written
  std::string drift;   // "2/h"
  std::string min;
  std::string max;
  std::string round;
  std::string text;  // the spec as it was read
};

// The kinds in the order a form offers them.
const std::vector<std::string>& field_spec_kinds();
FieldSpecForm read_field_spec_form(std::string_view spec);
// The spec text of a form; a form with kind "" gives its `text` back.
std::string write_field_spec(const FieldSpecForm& form);
// A spec that makes values of a field of `type` (a schema type name such as
// "double" or "string?"), for a field a new generator must fill: "key" for
// the key field of a keyed generator, "time" for timestamps, a distribution
// for numbers.
std::string suggested_field_spec(std::string_view type, bool is_key_field);

}  // namespace cepheus::studio
