#include "cepheus/host/mqtt_sources.h"

#include <algorithm>

#include "cepheus/core/mqtt_topic.h"

namespace cepheus::host {

Result<MqttSources> MqttSources::make(const dsl::Plan& plan) {
  MqttSources result;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    if (s.kind != dsl::StatementKind::kSource) continue;
    const auto& body = std::get<dsl::CheckedSource>(s.body);
    if (body.connector != "mqtt") continue;
    auto decoder = PayloadDecoder::make(s, PayloadDecoder::Arrival::kMqtt);
    if (!decoder.ok()) return decoder.status();
    result.sources_.push_back({id, s.name, body.target, body.qos, body.broker, body.segments, std::move(*decoder)});
  }
  return result;
}

std::map<std::string, int> MqttSources::filters(std::string_view broker) const {
  std::map<std::string, int> filters;
  for (const MqttSource& s : sources_) {
    if (s.broker == broker) filters[s.filter] = std::max(filters[s.filter], s.qos);
  }
  return filters;
}

std::vector<std::string> MqttSources::brokers() const {
  std::vector<std::string> names;
  for (const MqttSource& s : sources_) {
    if (std::find(names.begin(), names.end(), s.broker) == names.end()) names.push_back(s.broker);
  }
  return names;
}

int MqttSources::route(std::string_view broker, std::string_view topic, std::string_view payload, Timestamp ingest_time,
                       const OnDecoded& on_decoded) const {
  int matched = 0;
  std::vector<std::string_view> levels;
  for (const MqttSource& s : sources_) {
    if (s.broker != broker || !topic_matches(s.filter, topic)) continue;
    if (matched++ == 0) levels = topic_levels(topic);
    std::vector<std::pair<std::size_t, Value>> given;
    for (const dsl::TopicSegment& segment : s.segments) {
      if (segment.level < levels.size()) given.emplace_back(segment.field_index, Value::string(levels[segment.level]));
    }
    on_decoded(s, s.decoder.decode(payload, ingest_time, given));
  }
  return matched;
}

}  // namespace cepheus::host
