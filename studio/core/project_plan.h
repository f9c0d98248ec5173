// The execution plan of the rule texts being edited, for the test bench: the
// same check and compile as `cepheus compile`, on the texts in memory.
#pragma once

#include "cepheus/core/result.h"
#include "cepheus/dsl/plan.h"
#include "statement_edits.h"

namespace cepheus::studio {

// The plan, or the first error ("rules/x.cep:3:17: unknown stream 'readngs'")
// and how many there are.
Result<dsl::Plan> compile_texts(const RuleTexts& texts);

}  // namespace cepheus::studio
