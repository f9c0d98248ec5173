#include "cepheus/dsl/checked.h"
#include "plan_names.h"

namespace cepheus::dsl {

std::string_view severity_level_name(SeverityLevel severity) {
  return plan_names::name_of(plan_names::kSeverities, severity);
}

std::optional<SeverityLevel> severity_level_from_name(std::string_view name) {
  return plan_names::from_name<SeverityLevel>(plan_names::kSeverities, name);
}

}  // namespace cepheus::dsl
