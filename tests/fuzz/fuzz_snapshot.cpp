// Fuzzes the engine's snapshot reader: any bytes must restore an engine or be
// refused with a message, never crash; a restored engine must run on and
// snapshot again. Odd and even inputs go through restore() and restore_matching()
// (a new version's reader, which takes the sections that fit) in turn. Inputs with an even first byte get a valid
// header (magic, version, the plan's fingerprint) in front, so the fuzzer spends its time in the state itself.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "snapshot_fuzz_project.h"

namespace {

using namespace cepheus;
using fuzz::NoTables;
using fuzz::Quiet;

struct Fixture {
  std::shared_ptr<const dsl::Plan> plan = fuzz::snapshot_fuzz_plan();
  std::string header;  // magic, version and fingerprint of a valid snapshot
  Fixture() {
    NoTables tables;
    Quiet quiet;
    header = (*engine::Engine::create(plan, tables, quiet))->snapshot().substr(0, fuzz::kSnapshotHeaderBytes);
  }
};

}  // namespace
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] % 2 == 0) bytes = fixture.header + bytes.substr(1);
  NoTables tables;
  Quiet quiet;
  std::vector<std::string> carried;
  auto restored = size % 2 == 0 ? engine::Engine::restore(fixture.plan, tables, quiet, bytes)
                                : engine::Engine::restore_matching(fixture.plan, tables, quiet, bytes, {}, &carried);
  if (!restored.ok()) {
    if (restored.status().message().empty()) std::abort();
    return 0;
  }
  engine::Engine& e = **restored;
  const dsl::StatementId source = *e.source("readings");
  const Schema& schema = *fixture.plan->statements[source].output;
  for (int i = 0; i < 4; ++i) {
    const Timestamp t = Timestamp::from_seconds(1'795'161'600 + 17 * i);
    e.ingest(source,
             Event(schema, t,
                   {Value::string("d" + std::to_string(i % 2)), Value::real(40.0 + 20 * i), Value::timestamp(t)}));
  }
  (void)e.snapshot();
  e.finish();
  return 0;
}
