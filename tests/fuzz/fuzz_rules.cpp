// Fuzzes the whole rule-language front end: lexer -> parser -> checker ->
// compiler, with the formatter and plan codec. Any bytes must give diagnostics or
// a plan, never a crash or a hang, and the round trips must hold:
//  - formatting the kept statements is idempotent and reparses to the same ones;
//  - a plan written as JSON reads back and writes the same JSON.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cepheus/dsl/checker.h"
#include "cepheus/dsl/formatter.h"
#include "cepheus/dsl/plan.h"
#include "cepheus/dsl/project.h"

using namespace cepheus::dsl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Diagnostics diagnostics;
  Project project = Project::from_text("fuzz.cep", text, diagnostics);
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.message.empty() || d.span.end > text.size() + 1) std::abort();  // every error says why, and where
  }
  const RuleFile& file = project.files()[0];
  bool lexical_error_in_statement = false;
  for (const Diagnostic& d : diagnostics.all()) {
    for (const Statement& s : file.statements) {
      if (d.span.begin >= s.span.begin && d.span.end <= s.span.end) lexical_error_in_statement = true;
    }
  }
  if (!lexical_error_in_statement) {
    const std::string once = format_file(file);
    Diagnostics again_diagnostics;
    Project again = Project::from_text("fuzz.cep", once, again_diagnostics);
    if (again_diagnostics.has_errors()) std::abort();
    if (!same_structure(file, again.files()[0])) std::abort();
    if (format_file(again.files()[0]) != once) std::abort();
  }
  const CheckedProject checked = check_project(project, diagnostics);
  const Plan plan = compile_plan(checked);
  const std::string json = plan_to_json(plan);
  auto read_back = plan_from_json(json);
  if (!read_back.ok() || plan_to_json(*read_back) != json) std::abort();
  (void)explain_plan(plan);
  return 0;
}
