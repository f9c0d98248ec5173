// The project the snapshot fuzzer restores into, shared with the tool that
// writes its seed snapshots (snapshot_seeds.cpp).
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"

namespace cepheus::fuzz {

inline constexpr const char* kRules = R"cep(
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

inline std::shared_ptr<const dsl::Plan> snapshot_fuzz_plan() {
  dsl::Diagnostics diagnostics;
  dsl::Project project = dsl::Project::from_text("f.cep", kRules, diagnostics);
  auto plan = std::make_shared<const dsl::Plan>(dsl::compile_plan(dsl::check_project(project, diagnostics)));
  if (diagnostics.has_errors()) std::abort();
  return plan;
}

// The header of every snapshot of this plan: magic, format version, plan fingerprint.
inline constexpr std::size_t kSnapshotHeaderBytes = 40;

}  // namespace cepheus::fuzz
