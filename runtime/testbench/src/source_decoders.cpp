#include "source_decoders.h"

namespace cepheus::testbench {

Result<SourceDecoders> SourceDecoders::make(const dsl::Plan& plan) {
  SourceDecoders decoders;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    if (s.kind != dsl::StatementKind::kSource) continue;
    const auto& body = std::get<dsl::CheckedSource>(s.body);
    JsonDecodeOptions options;
    if (!body.processing_time) options.time_field = s.output->field(body.time_field).name;
    auto decoder = JsonEventDecoder::make(*s.output, options);
    if (!decoder.ok()) return invalid_argument("source '" + s.name + "': " + decoder.status().message());
    decoders.decoders_.emplace(s.name, std::make_pair(id, std::move(*decoder)));
  }
  return decoders;
}

Result<std::pair<dsl::StatementId, Event>> SourceDecoders::decode(const SimulatedEvent& event) const {
  const auto found = decoders_.find(event.source);
  if (found == decoders_.end()) return invalid_argument("the project has no source '" + event.source + "'");
  const auto& [id, decoder] = found->second;
  auto decoded = decoder.decode(event.fields, event.time);
  if (!decoded.ok())
    return invalid_argument("an event of '" + event.source +
                            "' does not fit its schema: " + decoded.status().message() + " (" + event.fields + ")");
  return std::make_pair(id, std::move(*decoded));
}

}  // namespace cepheus::testbench
