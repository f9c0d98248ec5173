#include "cepheus/host/alert_json.h"

#include "cepheus/core/json_writer.h"

namespace cepheus::host {

std::string alert_to_json(const engine::Alert& a) {
  std::string line = "{\"id\":\"" + a.id + "\",\"rule\":";
  append_json_string(line, a.rule);
  line += ",\"severity\":\"" + std::string(dsl::severity_level_name(a.severity)) + "\",\"time\":\"";
  append_timestamp(line, a.time);
  line += "\",\"key\":";
  append_json_string(line, a.key);
  line += ",\"message\":";
  append_json_string(line, a.message);
  line += ",\"targets\":[";
  for (std::size_t i = 0; i < a.targets.size(); ++i) {
    line += i ? ",{\"kind\":" : "{\"kind\":";
    append_json_string(line, a.targets[i].kind);
    if (!a.targets[i].address.empty()) {
      line += ",\"address\":";
      append_json_string(line, a.targets[i].address);
    }
    line += "}";
  }
  line += "]}";
  return line;
}

}  // namespace cepheus::host
