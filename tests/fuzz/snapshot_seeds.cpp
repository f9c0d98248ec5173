// Writes the seed snapshots of the snapshot fuzzer into a folder (run it again
// when the snapshot format changes): `fuzz_snapshot_seeds tests/fuzz/corpus/snapshot`.
// Each seed is a snapshot after 0, 5 and 45 events without its header, behind a
// leading 0 byte, which tells the fuzzer to put a valid header in front.
#include <cstdio>
#include <fstream>

#include "snapshot_fuzz_project.h"

int main(int argc, char** argv) {
  using namespace cepheus;
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_snapshot_seeds FOLDER\n");
    return 2;
  }
  auto plan = fuzz::snapshot_fuzz_plan();
  fuzz::NoTables tables;
  fuzz::Quiet quiet;
  auto engine = std::move(*engine::Engine::create(plan, tables, quiet));
  const dsl::StatementId source = *engine->source("readings");
  const Schema& schema = *plan->statements[source].output;
  int sent = 0;
  for (const int upto : {0, 5, 45}) {
    for (; sent < upto; ++sent) {
      const Timestamp t = Timestamp::from_seconds(1'795'161'600 + 3 * sent);
      engine->ingest(source, Event(schema, t,
                                   {Value::string("d" + std::to_string(sent % 3)), Value::real(70.0 + (sent * 7) % 30),
                                    Value::timestamp(t)}));
    }
    const std::string path = std::string(argv[1]) + "/seed-" + std::to_string(upto);
    std::ofstream(path, std::ios::binary) << '\0' << engine->snapshot().substr(fuzz::kSnapshotHeaderBytes);
    std::printf("wrote %s\n", path.c_str());
  }
  return 0;
}
