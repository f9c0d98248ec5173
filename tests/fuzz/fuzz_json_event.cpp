// Fuzzes the JSON event decoder: any bytes must give an event or an error, never a
// crash, and a decoded event must encode to JSON that decodes to the same event.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cepheus/core/event_json.h"
#include "cepheus/core/schema.h"

namespace {

const cepheus::Schema& schema() {
  static const auto instance = cepheus::parse_schema_spec(
      "reading",
      "device: string, temp: double, count: int?, ok: bool?, ts: timestamp?, every: duration?, note: string = \"-\"");
  return **instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto decoder = cepheus::JsonEventDecoder::make(schema(), {.time_field = "ts"});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto event = decoder->decode(text);
  if (!event.ok()) {
    if (event.status().message().empty()) std::abort();  // every error must say why
    return 0;
  }
  // Round trip: encode, decode, compare. NaN cannot occur: JSON has no NaN.
  const std::string json = cepheus::event_to_json(*event);
  auto again = decoder->decode(json);
  if (!again.ok() || !(*again == *event)) std::abort();
  return 0;
}
