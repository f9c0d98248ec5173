#include "deployment_status.h"

#include "cepheus/core/json_writer.h"

namespace cepheus::node {
namespace {

constexpr std::size_t kPartialMatchesShown = 100;

std::string time_or_null(Timestamp t) {
  return t == Timestamp::max() ? "null" : json_quoted(format_timestamp(t));
}

}  // namespace

std::string deployment_status_json(const RunningDeployment& d,
                                   const std::map<std::string, std::uint64_t>& file_read_to) {
  const engine::Engine& engine = d.engine();
  const dsl::Plan& plan = d.plan();
  std::string body = "{\"name\":" + json_quoted(d.name()) + ",\"version\":" + std::to_string(d.version()) +
                     ",\"state\":\"running\",\"statements\":[";
  bool first = true;
  for (dsl::StatementId id = 0; id < plan.statements.size(); ++id) {
    const dsl::PlanStatement& s = plan.statements[id];
    if (s.kind == dsl::StatementKind::kSchema || s.kind == dsl::StatementKind::kTable) continue;
    const engine::StatementCounters& c = engine.counters(id);
    body += (first ? "" : ",") + std::string("{\"name\":") + json_quoted(s.name) + ",\"kind\":\"" +
            std::string(dsl::kStatementKeywords[static_cast<std::size_t>(s.kind)]) +
            "\",\"in\":" + std::to_string(c.in) + ",\"out\":" + std::to_string(c.out) +
            ",\"dropped\":" + std::to_string(c.dropped) + ",\"late\":" + std::to_string(c.late) +
            ",\"latency_ns\":{\"p50\":" + std::to_string(c.latency.percentile(50)) +
            ",\"p99\":" + std::to_string(c.latency.percentile(99)) +
            ",\"p999\":" + std::to_string(c.latency.percentile(99.9)) + "}";
    first = false;
    if (s.kind == dsl::StatementKind::kPattern) {
      const engine::PatternStats p = engine.pattern_stats(id);
      body += ",\"keys\":" + std::to_string(p.keys) + ",\"partial_matches\":" + std::to_string(p.partial_matches) +
              ",\"matches\":" + std::to_string(p.matches) + ",\"expired\":" + std::to_string(p.expired) +
              ",\"broken\":" + std::to_string(p.broken) + ",\"dropped_at_limit\":" + std::to_string(p.dropped) +
              ",\"in_flight\":[";
      const auto partial = engine.partial_matches(id, kPartialMatchesShown);
      for (std::size_t i = 0; i < partial.size(); ++i) {
        const engine::PartialMatch& m = partial[i];
        body += (i ? "," : "") + std::string("{\"key\":") + json_quoted(m.key) + ",\"step\":" + json_quoted(m.step) +
                ",\"events\":" + std::to_string(m.events) + ",\"start\":" + time_or_null(m.start) +
                ",\"last\":" + time_or_null(m.last) + ",\"deadline\":" + time_or_null(m.deadline) + "}";
      }
      body += "]";
    } else if (s.kind == dsl::StatementKind::kWindow) {
      body += ",\"open_windows\":" + std::to_string(engine.open_windows(id, 1000000).size());
    } else if (s.kind == dsl::StatementKind::kTwin) {
      body += ",\"keys\":" + std::to_string(engine.twin_states(id, 1000000).size());
    } else if (s.kind == dsl::StatementKind::kSource) {
      const Timestamp watermark = engine.watermark(id);
      body += ",\"watermark\":" +
              (watermark == Timestamp::min() ? std::string("null") : json_quoted(format_timestamp(watermark)));
      const auto& files = *d.file_sources();
      for (std::size_t f = 0; f < files.size(); ++f) {
        if (files[f].id != id) continue;
        const auto read = file_read_to.find(s.name);
        const std::uint64_t bytes = read == file_read_to.end() ? 0 : read->second;
        // Done when no record follows what is read (blank lines may).
        std::vector<std::size_t> from(files.size(), 0);
        for (std::size_t other = 0; other < files.size(); ++other) from[other] = files[other].text.size();
        from[f] = bytes;
        host::FileRecord next;
        const bool done = !host::FileRecordMerge(files, from).next(next);
        body += ",\"file\":{\"path\":" + json_quoted(files[f].path) +
                ",\"bytes\":" + std::to_string(files[f].text.size()) + ",\"read\":" + std::to_string(bytes) +
                ",\"done\":" + (done ? "true" : "false") + "}";
      }
    }
    body += "}";
  }
  return body + "]}";
}

}  // namespace cepheus::node
