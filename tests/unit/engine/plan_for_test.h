// Shared by the engine tests: a plan from rule text (any error fails the test)
// and a table loader without rows.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/project.h"
#include "cepheus/engine/engine.h"

namespace cepheus::engine {

inline std::shared_ptr<const dsl::Plan> plan_for_test(const std::string& rules) {
  dsl::Diagnostics diagnostics;
  dsl::Project project = dsl::Project::from_text("t.cep", rules, diagnostics);
  const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
  for (const dsl::Diagnostic& d : diagnostics.all()) {
    if (d.severity == dsl::Severity::kError) ADD_FAILURE() << dsl::render_text(d);
  }
  return std::make_shared<const dsl::Plan>(dsl::compile_plan(checked));
}

class NoTables final : public TableLoader {
 public:
  Result<std::vector<std::vector<Value>>> load(const dsl::PlanStatement&) override {
    return std::vector<std::vector<Value>>{};
  }
};

}  // namespace cepheus::engine
