// Fuzzes the engine's snapshot reader: any bytes must restore an engine or be
// refused with a message, never crash; a restored engine must run on and
// snapshot again. Inputs with an even first byte get a valid header (magic,
// version, the plan's fingerprint) in front, so the fuzzer spends its time in
// the state itself.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"

namespace {

using namespace cepheus;

constexpr const char* kRules = R"cep(
schema R { device: string, temp: double, ts: timestamp }
source readings: R from mqtt "r/{device}" event time ts lateness 3s idle after 1m
window w from readings group by device tumbling 1m compute count() as n, avg(temp) as a, count(distinct temp) as d, percentile(temp, 90) as p
window s from readings group by device session gap 20s compute max(temp) as hi
window c from readings group by device count 3 every 1 compute stddev(temp) as sd
twin t key device { hot: int = 0 } on readings where temp > 80 set hot = hot + 1
pattern p partition by device within 1m
  match every a: readings{2,} where temp > 80 then not readings where temp < 50 within 10s
  select device, count(a) as n, max(a.temp) as peak
alert hot from p message "{device} {n} {peak} {t.hot}" throttle 1m per device
sink ws from w to log
sink ss from s to log
sink cs from c to log
)cep";

class Quiet final : public engine::Output {
 public:
  void alert(const engine::Alert&) override {}
  void sink_event(std::string_view, const std::vector<engine::ResolvedTarget>&, const Event&) override {}
  void dead_letter(std::string_view, const Event&, std::string_view) override {}
};

class NoTables final : public engine::TableLoader {
 public:
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement&) override {
    return std::vector<std::vector<Value>>{};
  }
};

struct Fixture {
  std::shared_ptr<const dsl::Plan> plan;
  std::string header;  // magic, version and fingerprint of a valid snapshot
  Fixture() {
    dsl::Diagnostics diagnostics;
    dsl::Project project = dsl::Project::from_text("f.cep", kRules, diagnostics);
    plan = std::make_shared<const dsl::Plan>(dsl::compile_plan(dsl::check_project(project, diagnostics)));
    if (diagnostics.has_errors()) std::abort();
    NoTables tables;
    Quiet quiet;
    header = (*engine::Engine::create(plan, tables, quiet))->snapshot().substr(0, 40);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] % 2 == 0) bytes = fixture.header + bytes.substr(1);
  NoTables tables;
  Quiet quiet;
  auto restored = engine::Engine::restore(fixture.plan, tables, quiet, bytes);
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
