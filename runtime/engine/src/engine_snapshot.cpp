// Engine::snapshot() and Engine::restore(): the engine's state as bytes.
//
// Layout: a magic line, the format version, a fingerprint of the plan (its JSON
// form without locations, hashed), then per statement its counters, per source its newest event
// time, the project's newest event time, per alert its throttle times, the twins,
// and per window and pattern statement its operator's state, in plan order.
#include "cepheus/engine/engine.h"
#include "pattern_operator.h"
#include "snapshot_codec.h"
#include "stable_hash.h"
#include "twin_store.h"
#include "window_operator.h"

namespace cepheus::engine {
namespace {

constexpr std::string_view kMagic = "cepheus engine snapshot\n";
constexpr std::uint64_t kFormatVersion = 1;

// Where a statement was written (file:line) is not behaviour: the same rules
// from another folder, as a node keeps each version, restore each other's state.
std::uint64_t plan_fingerprint(const dsl::Plan& plan) {
  dsl::Plan anywhere = plan;
  for (dsl::PlanStatement& s : anywhere.statements) s.location.clear();
  return fnv1a(dsl::plan_to_json(anywhere));
}

}  // namespace

std::string Engine::snapshot() const {
  SnapshotWriter out;
  for (const char c : kMagic) out.u8(static_cast<std::uint8_t>(c));
  out.u64(kFormatVersion);
  out.u64(plan_fingerprint(*plan_));
  for (const StatementCounters& c : counters_) {
    for (const std::uint64_t n : {c.in, c.out, c.dropped, c.late}) out.u64(n);
  }
  for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
    out.time(max_event_time_[id]);
    out.boolean(seen_event_[id]);
  }
  out.time(newest_);
  for (const auto& throttles : throttles_) {
    out.u64(throttles.size());
    for (const auto& [key, time] : throttles) {
      out.text(key);
      out.time(time);
    }
  }
  twins_->save(out);
  for (dsl::StatementId id : timed_) {
    if (windows_[id]) windows_[id]->save(out);
    if (patterns_[id]) patterns_[id]->save(out);
  }
  return out.take();
}

Result<std::unique_ptr<Engine>> Engine::restore(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                Output& output, std::string_view snapshot,
                                                const EngineOptions& options) {
  SnapshotReader in(snapshot);
  for (const char c : kMagic) {
    if (in.u8() != static_cast<std::uint8_t>(c)) {
      return Status(StatusCode::kInvalidArgument, "not an engine snapshot (it does not start with its magic line)");
    }
  }
  if (const std::uint64_t version = in.u64(); version != kFormatVersion) {
    return Status(StatusCode::kInvalidArgument, "snapshot format " + std::to_string(version) +
                                                    " is not known to this engine (it reads format " +
                                                    std::to_string(kFormatVersion) + ")");
  }
  if (in.u64() != plan_fingerprint(*plan)) {
    return Status(StatusCode::kFailedPrecondition, "the snapshot was taken from another plan than this one");
  }
  CEPHEUS_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, create(std::move(plan), tables, output, options));
  Engine& e = *engine;
  for (StatementCounters& c : e.counters_) {
    for (std::uint64_t* n : {&c.in, &c.out, &c.dropped, &c.late}) *n = in.u64();
  }
  for (dsl::StatementId id = 0; id < e.plan_->statements.size(); ++id) {
    e.max_event_time_[id] = in.time();
    e.seen_event_[id] = in.boolean();
  }
  e.newest_ = in.time();
  for (auto& throttles : e.throttles_) {
    for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) {
      std::string key = in.text();
      throttles[std::move(key)] = in.time();
    }
  }
  e.twins_->load(in);
  for (dsl::StatementId id : e.timed_) {
    const dsl::PlanStatement& s = e.plan_->statements[id];
    if (e.windows_[id]) e.windows_[id]->load(in, *e.plan_->statements[s.inputs.front()].output);
    if (e.patterns_[id]) e.patterns_[id]->load(in);
  }
  if (in.ok() && !in.at_end()) in.fail("bytes after the end of the state");
  CEPHEUS_RETURN_IF_ERROR(in.status());
  return engine;
}

}  // namespace cepheus::engine
