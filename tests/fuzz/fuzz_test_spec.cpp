// Fuzzes test files (tests/*.toml): any bytes give a test or an error that names
// the file and says why, never a crash; every expectation of a test that reads
// can be described.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cepheus/testbench/test_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto spec = cepheus::testbench::parse_test("fuzz.toml", text);
  if (!spec.ok()) {
    if (!spec.status().message().starts_with("fuzz.toml")) std::abort();  // says where
    return 0;
  }
  for (const auto& expectation : spec->expectations)
    if (expectation.text().empty() || expectation.alert.empty()) std::abort();
  return 0;
}
