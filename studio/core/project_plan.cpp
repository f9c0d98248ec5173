#include "project_plan.h"

#include "cepheus/dsl/checker.h"

namespace cepheus::studio {

Result<dsl::Plan> compile_texts(const RuleTexts& texts) {
  dsl::Diagnostics diagnostics;
  const dsl::Project project = parse_texts(texts, diagnostics);
  const dsl::CheckedProject checked = dsl::check_project(project, diagnostics);
  if (diagnostics.has_errors()) {
    diagnostics.sort();
    for (const dsl::Diagnostic& d : diagnostics.all()) {
      if (d.severity != dsl::Severity::kError) continue;
      const std::string text = dsl::render_text(d);
      const std::size_t errors = diagnostics.error_count();
      return invalid_argument("the rules do not compile (" + std::to_string(errors) + " error" +
                              (errors == 1 ? "" : "s") + "); first: " + text.substr(0, text.find('\n')));
    }
  }
  return dsl::compile_plan(checked);
}

}  // namespace cepheus::studio
