// The MQTT sources of a plan: what to subscribe to, and how a message on a
// topic becomes events (topic placeholders fill their fields, the payload is
// decoded as JSON or, with `format csv`, as one CSV record; a value in the
// payload wins over the topic's).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/host/source_decoding.h"

namespace cepheus::host {

struct MqttSource {
  dsl::StatementId id = 0;
  std::string name;
  std::string filter;  // placeholders as '+'
  int qos = 1;
  std::string broker;  // empty: the default connection
  std::vector<dsl::TopicSegment> segments;
  PayloadDecoder decoder;
};

class MqttSources {
 public:
  // Fails when a source's schema cannot be decoded (naming the source).
  static Result<MqttSources> make(const dsl::Plan& plan);

  const std::vector<MqttSource>& sources() const { return sources_; }
  bool empty() const { return sources_.empty(); }
  // The topic filters of one broker connection, each once, at the highest QoS asked for it.
  std::map<std::string, int> filters(std::string_view broker = "") const;
  // Names of the broker connections the sources use ("" is the default one).
  std::vector<std::string> brokers() const;

  using OnDecoded = std::function<void(const MqttSource& source, const Result<Event>& event)>;
  // Decodes a message for every source of `broker` whose filter matches `topic`;
  // returns how many matched. Processing-time sources are stamped `ingest_time`.
  int route(std::string_view broker, std::string_view topic, std::string_view payload, Timestamp ingest_time,
            const OnDecoded& on_decoded) const;

 private:
  std::vector<MqttSource> sources_;
};

}  // namespace cepheus::host
