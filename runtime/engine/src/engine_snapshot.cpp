// Engine::snapshot() and Engine::restore(): the engine's state as bytes.
//
// Layout (format 2): a magic line, the format version, a fingerprint of the plan
// (its JSON form without locations, hashed), the project's newest event time,
// then one section per statement in plan order: its name, its kind, the
// fingerprint of what its state depends on (its definition with the statements
// it refers to named, and its inputs' shapes), and its state as bytes: its
// counters, and for a source its newest event time, for an alert its throttle
// times, for a twin its keys, for a window or pattern its operator's state.
//
// Sections let a new version of the rules take the state of the statements it
// did not change (restore_matching). Format 1 (one stream of every state, in
// plan order) is still read by restore(), so that a node keeps the checkpoints
// it wrote before.
#include "cepheus/core/stable_hash.h"
#include "cepheus/engine/engine.h"
#include "pattern_operator.h"
#include "snapshot_codec.h"
#include "twin_store.h"
#include "window_operator.h"

namespace cepheus::engine {
namespace {

constexpr std::string_view kMagic = "cepheus engine snapshot\n";
constexpr std::uint64_t kFormatVersion = 2;

// Where a statement was written (file:line) is not behaviour: the same rules
// from another folder, as a node keeps each version, restore each other's state.
std::uint64_t plan_fingerprint(const dsl::Plan& plan) {
  dsl::Plan anywhere = plan;
  for (dsl::PlanStatement& s : anywhere.statements) s.location.clear();
  return fnv1a(dsl::plan_to_json(anywhere));
}

// What a statement's state means and how it is laid out: its own definition
// and the shape of the events it keeps (its inputs' schemas).
std::uint64_t state_fingerprint(const dsl::Plan& plan, dsl::StatementId id) {
  std::string identity = dsl::statement_identity_json(plan, id);
  for (const dsl::StatementId input : plan.statements[id].inputs) {
    const auto& schema = plan.statements[input].output;
    identity += "|" + (schema ? schema->to_string() : std::string());
  }
  return fnv1a(identity);
}

struct Section {
  std::string name;
  std::uint8_t kind = 0;
  std::uint64_t fingerprint = 0;
  std::string state;
};

struct Header {
  std::uint64_t version = 0;
  std::uint64_t plan = 0;
};

Result<Header> read_header(SnapshotReader& in) {
  for (const char c : kMagic) {
    if (in.u8() != static_cast<std::uint8_t>(c)) {
      return Status(StatusCode::kInvalidArgument, "not an engine snapshot (it does not start with its magic line)");
    }
  }
  Header header;
  header.version = in.u64();
  if (header.version != 1 && header.version != kFormatVersion) {
    return Status(StatusCode::kInvalidArgument, "snapshot format " + std::to_string(header.version) +
                                                    " is not known to this engine (it reads formats 1 and " +
                                                    std::to_string(kFormatVersion) + ")");
  }
  header.plan = in.u64();
  CEPHEUS_RETURN_IF_ERROR(in.status());
  return header;
}

}  // namespace

void Engine::save_state(dsl::StatementId id, SnapshotWriter& out) const {
  const StatementCounters& c = counters_[id];
  for (const std::uint64_t n : {c.in, c.out, c.dropped, c.late}) out.u64(n);
  switch (plan_->statements[id].kind) {
    case dsl::StatementKind::kSource:
      out.time(max_event_time_[id]);
      out.boolean(seen_event_[id]);
      break;
    case dsl::StatementKind::kAlert:
      out.u64(throttles_[id].size());
      for (const auto& [key, time] : throttles_[id]) {
        out.text(key);
        out.time(time);
      }
      break;
    case dsl::StatementKind::kTwin: twins_->save(id, out); break;
    case dsl::StatementKind::kWindow: windows_[id]->save(out); break;
    case dsl::StatementKind::kPattern: patterns_[id]->save(out); break;
    default: break;
  }
}

void Engine::load_state(dsl::StatementId id, SnapshotReader& in) {
  StatementCounters& c = counters_[id];
  for (std::uint64_t* n : {&c.in, &c.out, &c.dropped, &c.late}) *n = in.u64();
  const dsl::PlanStatement& s = plan_->statements[id];
  switch (s.kind) {
    case dsl::StatementKind::kSource: {
      const Timestamp newest = in.time();
      set_newest(id, newest, in.boolean());
      break;
    }
    case dsl::StatementKind::kAlert:
      for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) {
        std::string key = in.text();
        throttles_[id][std::move(key)] = in.time();
      }
      break;
    case dsl::StatementKind::kTwin: twins_->load(id, in); break;
    case dsl::StatementKind::kWindow: windows_[id]->load(in); break;
    case dsl::StatementKind::kPattern: patterns_[id]->load(in); break;
    default: break;
  }
}

std::string Engine::snapshot() const {
  SnapshotWriter out;
  for (const char c : kMagic) out.u8(static_cast<std::uint8_t>(c));
  out.u64(kFormatVersion);
  out.u64(plan_fingerprint(*plan_));
  out.time(newest_);
  out.u64(plan_->statements.size());
  if (state_fingerprints_.empty()) {  // once per engine: the node checkpoints every few seconds
    for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id)
      state_fingerprints_.push_back(state_fingerprint(*plan_, id));
  }
  for (dsl::StatementId id = 0; id < plan_->statements.size(); ++id) {
    out.text(plan_->statements[id].name);
    out.u8(static_cast<std::uint8_t>(plan_->statements[id].kind));
    out.u64(state_fingerprints_[id]);
    SnapshotWriter state;
    save_state(id, state);
    out.text(state.take());
  }
  return out.take();
}

Result<std::unique_ptr<Engine>> Engine::restore(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                Output& output, std::string_view snapshot,
                                                const EngineOptions& options) {
  SnapshotReader in(snapshot);
  CEPHEUS_ASSIGN_OR_RETURN(const Header header, read_header(in));
  if (header.plan != plan_fingerprint(*plan)) {
    return Status(StatusCode::kFailedPrecondition, "the snapshot was taken from another plan than this one");
  }
  if (header.version == kFormatVersion) return restore_sections(std::move(plan), tables, output, in, options, nullptr);
  // Format 1: every state in one stream, in plan order.
  CEPHEUS_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, create(std::move(plan), tables, output, options));
  Engine& e = *engine;
  for (StatementCounters& c : e.counters_) {
    for (std::uint64_t* n : {&c.in, &c.out, &c.dropped, &c.late}) *n = in.u64();
  }
  for (dsl::StatementId id = 0; id < e.plan_->statements.size(); ++id) {
    const Timestamp newest = in.time();
    e.set_newest(id, newest, in.boolean());
  }
  e.newest_ = in.time();
  for (auto& throttles : e.throttles_) {
    for (std::size_t n = in.count(16), i = 0; i < n && in.ok(); ++i) {
      std::string key = in.text();
      throttles[std::move(key)] = in.time();
    }
  }
  for (dsl::StatementId id = 0; id < e.plan_->statements.size() && in.ok(); ++id) {
    if (e.plan_->statements[id].kind == dsl::StatementKind::kTwin) e.twins_->load(id, in);
  }
  for (dsl::StatementId id : e.timed_) {
    if (e.windows_[id]) e.windows_[id]->load(in);
    if (e.patterns_[id]) e.patterns_[id]->load(in);
  }
  if (in.ok() && !in.at_end()) in.fail("bytes after the end of the state");
  CEPHEUS_RETURN_IF_ERROR(in.status());
  return engine;
}

Result<std::unique_ptr<Engine>> Engine::restore_matching(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                         Output& output, std::string_view snapshot,
                                                         const EngineOptions& options,
                                                         std::vector<std::string>* carried) {
  SnapshotReader in(snapshot);
  CEPHEUS_ASSIGN_OR_RETURN(const Header header, read_header(in));
  if (header.version != kFormatVersion) {
    return Status(StatusCode::kFailedPrecondition,
                  "a format 1 snapshot holds no statement apart: only the same plan can take it");
  }
  std::vector<std::string> names;
  return restore_sections(std::move(plan), tables, output, in, options, carried ? carried : &names);
}

Result<std::unique_ptr<Engine>> Engine::restore_sections(std::shared_ptr<const dsl::Plan> plan, TableLoader& tables,
                                                         Output& output, SnapshotReader& in,
                                                         const EngineOptions& options,
                                                         std::vector<std::string>* carried) {
  const bool all = carried == nullptr;  // restore(): every statement, in order
  const Timestamp newest = in.time();
  std::vector<Section> sections(in.count(11));
  for (Section& section : sections) {
    if (!in.ok()) break;
    section.name = in.text();
    section.kind = in.u8();
    section.fingerprint = in.u64();
    section.state = in.text();
  }
  if (in.ok() && !in.at_end()) in.fail("bytes after the last statement");
  CEPHEUS_RETURN_IF_ERROR(in.status());
  if (all && sections.size() != plan->statements.size()) {
    return Status(StatusCode::kInvalidArgument, "the snapshot holds " + std::to_string(sections.size()) +
                                                    " statements, the plan " + std::to_string(plan->statements.size()));
  }
  CEPHEUS_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, create(std::move(plan), tables, output, options));
  Engine& e = *engine;
  e.newest_ = newest;
  for (dsl::StatementId id = 0; id < e.plan_->statements.size(); ++id) {
    const dsl::PlanStatement& s = e.plan_->statements[id];
    const std::uint64_t fingerprint = state_fingerprint(*e.plan_, id);
    const Section* match = nullptr;
    if (all) {
      match = &sections[id];
      if (match->name != s.name || match->fingerprint != fingerprint)
        return Status(StatusCode::kInvalidArgument,
                      "the snapshot's statement " + std::to_string(id + 1) + " is not the plan's '" + s.name + "'");
    } else {
      for (const Section& section : sections) {
        if (section.name == s.name && section.kind == static_cast<std::uint8_t>(s.kind) &&
            section.fingerprint == fingerprint)
          match = &section;
      }
      if (!match) continue;
    }
    SnapshotReader state(match->state);
    e.load_state(id, state);
    if (state.ok() && !state.at_end()) state.fail("bytes after the end of the state");
    CEPHEUS_RETURN_IF_ERROR(state.status().with_context("the state of '" + s.name + "'"));
    if (carried) carried->push_back(s.name);
  }
  return engine;
}

}  // namespace cepheus::engine
