#include "schema_inference.h"

#include "cepheus/core/json_value.h"
#include "cepheus/core/time.h"
#include "statement_edits.h"

namespace cepheus::studio {

Result<InferredFields> infer_schema_fields(std::string_view sample_json) {
  auto sample = JsonValue::parse(sample_json);
  if (!sample.ok()) return invalid_argument("the sample is not JSON: " + sample.status().message());
  if (!sample->is_object())
    return invalid_argument("a sample message is a JSON object, and this is " + std::string(sample->kind_phrase()));
  if (sample->members().empty()) return invalid_argument("the sample message has no fields");
  InferredFields out;
  for (const auto& [name, value] : sample->members()) {
    std::string type;
    switch (value.kind()) {
      case JsonValue::Kind::kBool: type = "bool"; break;
      case JsonValue::Kind::kNumber: type = value.as_int() ? "int" : "double"; break;
      case JsonValue::Kind::kString: type = parse_timestamp(value.text()).ok() ? "timestamp" : "string"; break;
      case JsonValue::Kind::kNull: type = "string?"; break;
      case JsonValue::Kind::kObject:
      case JsonValue::Kind::kArray: out.skipped.push_back(name); continue;
    }
    out.fields += (is_plain_name(name) ? name : "`" + name + "`") + ": " + type + ",\n";
  }
  if (!out.fields.empty()) out.fields.pop_back();
  return out;
}

}  // namespace cepheus::studio
