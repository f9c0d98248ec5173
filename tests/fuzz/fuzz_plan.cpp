// Fuzzes the plan reader: any bytes must give a plan or an error, never a crash;
// a plan that reads must write, read back and explain without trouble.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cepheus/dsl/plan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto plan = cepheus::dsl::plan_from_json(text);
  if (!plan.ok()) {
    if (plan.status().message().empty()) std::abort();
    return 0;
  }
  const std::string json = cepheus::dsl::plan_to_json(*plan);
  auto again = cepheus::dsl::plan_from_json(json);
  if (!again.ok() || cepheus::dsl::plan_to_json(*again) != json) std::abort();
  (void)cepheus::dsl::explain_plan(*plan);
  return 0;
}
