// Fuzzes the CSV reader and CSV event decoder: the first record is the header,
// the rest are events. Any bytes must give events or errors, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/csv_reader.h"
#include "cepheus/core/event_csv.h"
#include "cepheus/core/schema.h"

namespace {

const cepheus::Schema& schema() {
  static const auto instance = cepheus::parse_schema_spec(
      "reading", "device: string?, temp: double?, count: int?, ok: bool?, ts: timestamp?, every: duration?");
  return **instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cepheus::CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) {
    if (!reader.status().ok() && reader.status().message().empty()) std::abort();
    return 0;
  }
  const std::vector<std::string_view> header(fields.begin(), fields.end());
  std::vector<std::string> header_copy(header.begin(), header.end());
  std::vector<std::string_view> header_views(header_copy.begin(), header_copy.end());
  auto decoder = cepheus::CsvEventDecoder::make(schema(), header_views, {.time_field = "ts"});
  while (reader.next(fields)) {
    if (!decoder.ok()) continue;
    auto event = decoder->decode(fields);
    if (!event.ok() && event.status().message().empty()) std::abort();
  }
  if (!reader.status().ok() && reader.status().message().empty()) std::abort();
  return 0;
}
